import { iotHubError } from "../errors/factory";
import { IH } from "../errors/iothub-codes";
import { restoreMaskedKeys } from "./connection-strings";
import { canonicalEnum } from "./enum-casing";
import { checkEndpointIdentity, type CheckedIdentity } from "./hub-identity";
import type { HubDescription } from "./model";

/**
 * File upload (`storageEndpoints`, `messagingEndpoints`) and cloud-to-device settings of a PUT, completed with the
 * defaults a new hub shows (2023-06-30 example iothub_createOrUpdate.json) and checked against the swagger's ranges
 * (emulator/README.md, "Hub settings"). Fields left out of a given object take their defaults (INFERRED).
 */
export function defaultStorageEndpoints(): HubDescription {
  return { $default: { sasTtlAsIso8601: "PT1H", connectionString: "", containerName: "" } };
}

export function defaultMessagingEndpoints(): HubDescription {
  return { fileNotifications: { lockDurationAsIso8601: "PT1M", ttlAsIso8601: "PT1H", maxDeliveryCount: 10 } };
}

export function defaultCloudToDevice(): HubDescription {
  return {
    maxDeliveryCount: 10,
    defaultTtlAsIso8601: "PT1H",
    feedback: { lockDurationAsIso8601: "PT1M", ttlAsIso8601: "PT1H", maxDeliveryCount: 10 },
  };
}

const DELIVERY_COUNT = { min: 1, max: 100 };

/** The only key is `$default` (swagger); its masked account key sent back keeps the stored one. */
export function composeStorageEndpoints(given: unknown, previous: HubDescription | undefined, identity: CheckedIdentity): HubDescription {
  if (given === undefined || given === null) return defaultStorageEndpoints();
  const map = asObject(given, "storageEndpoints");
  const out: HubDescription = { ...map };
  if (map.$default !== undefined) {
    const field = "storageEndpoints.$default";
    const endpoint: HubDescription = { ...defaultStorageEndpoints().$default, ...asObject(map.$default, field) };
    endpoint.connectionString = restoreMaskedKeys(endpoint.connectionString, previous?.$default?.connectionString, "$default");
    if (endpoint.authenticationType !== undefined) {
      endpoint.authenticationType = canonicalEnum(endpoint.authenticationType, { field: `${field}.authenticationType`, values: ["keyBased", "identityBased"], closed: true });
    }
    checkEndpointIdentity(endpoint, identity, field);
    out.$default = endpoint;
  }
  return out;
}

export function composeMessagingEndpoints(given: unknown): HubDescription {
  if (given === undefined || given === null) return defaultMessagingEndpoints();
  const map = asObject(given, "messagingEndpoints");
  const out: HubDescription = { ...map };
  if (map.fileNotifications !== undefined) {
    const field = "messagingEndpoints.fileNotifications";
    out.fileNotifications = { ...defaultMessagingEndpoints().fileNotifications, ...asObject(map.fileNotifications, field) };
    checkDeliveryCount(out.fileNotifications.maxDeliveryCount, `${field}.maxDeliveryCount`);
  }
  return out;
}

export function composeCloudToDevice(given: unknown): HubDescription {
  if (given === undefined || given === null) return defaultCloudToDevice();
  const defaults = defaultCloudToDevice();
  const c2d = asObject(given, "cloudToDevice");
  const out: HubDescription = { ...defaults, ...c2d, feedback: { ...defaults.feedback, ...(c2d.feedback === undefined ? {} : asObject(c2d.feedback, "cloudToDevice.feedback")) } };
  checkDeliveryCount(out.maxDeliveryCount, "cloudToDevice.maxDeliveryCount");
  checkDeliveryCount(out.feedback.maxDeliveryCount, "cloudToDevice.feedback.maxDeliveryCount");
  return out;
}

function checkDeliveryCount(value: unknown, field: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < DELIVERY_COUNT.min || value > DELIVERY_COUNT.max) {
    throw iotHubError(
      IH.InvalidMaxDeliveryCount,
      `Invalid ${field} ${JSON.stringify(value)} - value must be between ${DELIVERY_COUNT.min} and ${DELIVERY_COUNT.max}.`,
    );
  }
}

function asObject(value: unknown, field: string): HubDescription {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw iotHubError(IH.InvalidRequestBody, `${field} must be an object.`);
  return value as HubDescription;
}
