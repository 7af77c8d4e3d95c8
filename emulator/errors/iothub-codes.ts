/**
 * The IoT Hub resource provider's own error codes. The service answers `IH<number>`; 2016-era responses carried a
 * string `Code` name instead (docs/IOTHUB-ARM.md, "Errors"). Numbers marked "real" were seen in real responses (their
 * sources are in that section); the others are INFERRED: no real body was found, so the number is the emulator's
 * choice, kept stable so clients and tests can match on it. Keep the list alphabetical by name.
 */
export interface IotHubErrorCode {
  /** Numeric code; the message ends with `errorcode: IH<number>.` */
  number: number;
  /** The 2016 string `Code`. */
  name: string;
  status: number;
}

function code(number: number, name: string): IotHubErrorCode {
  return { number, name, status: Math.floor(number / 1000) };
}

export const IH = {
  /** real: "Consumer group name in the request body should not be null or empty." */
  ConsumerGroupNameMissing: code(400007, "ConsumerGroupNameNullOrEmpty"),
  ConsumerGroupNotFound: code(404002, "ConsumerGroupNotFound"),
  ConsumerGroupsLimitExceeded: code(400013, "ConsumerGroupsLimitExceeded"),
  EventHubEndpointNotFound: code(404003, "EventHubEndpointNotFound"),
  InternalServerError: code(500001, "InternalServerError"),
  InvalidConsumerGroupName: code(400009, "InvalidConsumerGroupName"),
  InvalidEventHubEndpoints: code(400008, "InvalidEventHubEndpoints"),
  InvalidIotHubName: code(400003, "InvalidIotHubName"),
  /** real: "Invalid PartitionCount 4 - value must be between 2 and 2" */
  InvalidPartitionCount: code(400016, "InvalidPartitionCount"),
  InvalidRequestBody: code(400002, "InvalidRequestBody"),
  InvalidRetentionTime: code(400012, "InvalidRetentionTime"),
  InvalidSku: code(400004, "InvalidSku"),
  InvalidSkuCapacity: code(400005, "InvalidSkuUnits"),
  /** real name and number */
  IotHubsQuotaExceeded: code(400019, "IotHubsQuotaExceeded"),
  IotHubNameNotAvailable: code(409001, "IotHubNameNotAvailable"),
  /** real number: "<hub> is not currently in Active state..." */
  IotHubNotActive: code(409002, "IotHubNotActive"),
  JobNotFound: code(404004, "JobNotFound"),
  KeyNameNotFound: code(404005, "KeyNameNotFound"),
  LocationChangeNotAllowed: code(400010, "LocationChangeNotAllowed"),
  PartitionCountChangeNotAllowed: code(400011, "PartitionCountChangeNotAllowed"),
  /** real: IH412001 */
  PreconditionFailed: code(412001, "PreconditionFailed"),
  ServiceUnavailable: code(503001, "ServiceUnavailable"),
  SkuChangeNotAllowed: code(400006, "SkuChangeNotAllowed"),
} as const;
