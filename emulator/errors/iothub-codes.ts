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
  EndpointNameNotUnique: code(400103, "EndpointNameNotUnique"),
  EnrichmentsLimitExceeded: code(400106, "EnrichmentsLimitExceeded"),
  EventHubEndpointNotFound: code(404003, "EventHubEndpointNotFound"),
  InternalServerError: code(500001, "InternalServerError"),
  InvalidAccessRights: code(400014, "InvalidAccessRights"),
  InvalidConsumerGroupName: code(400009, "InvalidConsumerGroupName"),
  /** real: "endpointName:<n>, exceptionMessage:No valid combination of account information found." (400116) */
  InvalidEndpointConnectionString: code(400116, "InvalidEndpointConnectionString"),
  InvalidEndpointName: code(400102, "InvalidEndpointName"),
  InvalidEventHubEndpoints: code(400008, "InvalidEventHubEndpoints"),
  InvalidIdentity: code(400015, "InvalidIdentity"),
  InvalidIotHubName: code(400003, "InvalidIotHubName"),
  InvalidMaxDeliveryCount: code(400017, "InvalidMaxDeliveryCount"),
  /** real: "Invalid PartitionCount 4 - value must be between 2 and 2" */
  InvalidPartitionCount: code(400016, "InvalidPartitionCount"),
  InvalidRequestBody: code(400002, "InvalidRequestBody"),
  InvalidRetentionTime: code(400012, "InvalidRetentionTime"),
  InvalidRoutingProperty: code(400101, "InvalidRoutingProperty"),
  InvalidSku: code(400004, "InvalidSku"),
  InvalidSkuCapacity: code(400005, "InvalidSkuUnits"),
  InvalidStorageEndpointProperties: code(400109, "InvalidStorageEndpointProperties"),
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
  /** real: "EndpointName:<n> is not from a valid type." (a route naming an endpoint that does not exist; IH400108) */
  RouteEndpointNotFound: code(400108, "RouteEndpointNotFound"),
  RouteNameNotUnique: code(400107, "RouteNameNotUnique"),
  RoutesLimitExceeded: code(400105, "RoutesLimitExceeded"),
  RoutingEndpointsLimitExceeded: code(400104, "RoutingEndpointsLimitExceeded"),
  ServiceUnavailable: code(503001, "ServiceUnavailable"),
  SkuChangeNotAllowed: code(400006, "SkuChangeNotAllowed"),
} as const;
