import type { ApiVersion } from "../arm/iothub/api-versions";

/**
 * The IoT Hub rules known before calling Azure, each with its source. check() applies them so that
 * `pulumi preview` reports bad input without a single API call.
 */

/** IotHubSkuInfo.name enum: 2016 F1,S1-S3; 2023 adds B1-B3 (docs/IOTHUB-ARM.md, "The objects"). */
export const SKUS_BY_API_VERSION: Record<ApiVersion, readonly string[]> = {
  "2016-02-03": ["F1", "S1", "S2", "S3"],
  "2023-06-30": ["F1", "S1", "S2", "S3", "B1", "B2", "B3"],
};

export type SkuTier = "Free" | "Standard" | "Basic";

/** The server derives the read-only tier from the SKU name (docs/IOTHUB-ARM.md, "The objects"). */
export function tierOf(skuName: string): SkuTier | undefined {
  switch (skuName.charAt(0).toUpperCase()) {
    case "F":
      return "Free";
    case "S":
      return "Standard";
    case "B":
      return "Basic";
    default:
      return undefined;
  }
}

/** Units per SKU: F1 exactly 1; B1/B2/S1/S2 up to 200; B3/S3 up to 10 (docs/IOTHUB-ARM.md, "Names and limits"). */
export function maxCapacityOf(skuName: string): number {
  if (skuName === "F1") return 1;
  return skuName.endsWith("3") ? 10 : 200;
}

/** Event Hub-compatible endpoint: 2–128 partitions, 1–7 days retention (docs/IOTHUB-ARM.md, "Names and limits"). */
export const PARTITIONS_MIN = 2;
export const PARTITIONS_MAX = 128;
/** F1 hubs accept exactly 2 partitions: real error IH400016 "value must be between 2 and 2". */
export const FREE_PARTITIONS = 2;
/** What Azure (and Terraform) use when the partition count is not given for a paid hub. */
export const DEFAULT_PARTITIONS_PAID = 4;
export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 7;
export const DEFAULT_RETENTION_DAYS = 1;

/** cloudToDevice.maxDeliveryCount and feedback.maxDeliveryCount: 1..100 (swagger 2016 and 2023). */
export const MAX_DELIVERY_COUNT_MIN = 1;
export const MAX_DELIVERY_COUNT_MAX = 100;

/** AccessRights enum: comma+space-joined in this fixed order (docs/IOTHUB-ARM.md, "The objects"). */
export const ACCESS_RIGHTS_ORDER = ["RegistryRead", "RegistryWrite", "ServiceConnect", "DeviceConnect"] as const;

/** Authorization policy key names: the portal's rule (letters, digits and -._), up to 64 characters. UNCONFIRMED max. */
export const POLICY_NAME_PATTERN = /^[A-Za-z0-9\-._]{1,64}$/;

/** IP filter rule actions (swagger IpFilterRule.action). */
export const IP_FILTER_ACTIONS = ["Accept", "Reject"] as const;

/** `features` enum (swagger Capabilities). */
export const FEATURES = ["None", "DeviceManagement"] as const;

/**
 * Canonical form of a rights string, so "ServiceConnect, RegistryRead" and "RegistryRead, ServiceConnect" compare
 * equal. RegistryWrite grants read access too, and the service may answer "RegistryRead, RegistryWrite" as
 * "RegistryWrite": the canonical form leaves RegistryRead out beside RegistryWrite, so either answer is no change
 * (docs/IOTHUB-ARM.md, "Typed settings and their diffs").
 */
export function canonicalRights(rights: string): string | undefined {
  const parts = rights.split(",").map((p) => p.trim()).filter((p) => p.length > 0);
  const lower = new Map(ACCESS_RIGHTS_ORDER.map((r) => [r.toLowerCase(), r]));
  const known = parts.map((p) => lower.get(p.toLowerCase()));
  if (known.length === 0 || known.some((r) => r === undefined)) return undefined;
  const implied = known.includes("RegistryWrite") ? ["RegistryRead"] : [];
  return ACCESS_RIGHTS_ORDER.filter((r) => known.includes(r) && !implied.includes(r)).join(", ");
}

/** ARM compares locations without case or spaces ("West Europe" is "westeurope"). */
export function canonicalLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/** Routing endpoint and route names (swagger pattern, 2023-06-30). */
export const ENDPOINT_NAME_PATTERN = /^[A-Za-z0-9\-._]{1,64}$/;
/** Names the service keeps for its own endpoints (docs/IOTHUB-ARM.md, "Typed settings and their diffs"). */
export const RESERVED_ENDPOINT_NAMES = ["events", "fileNotifications", "$default"] as const;
/** RouteProperties.source, without the swagger's `Invalid`. */
export const ROUTE_SOURCES = ["DeviceMessages", "TwinChangeEvents", "DeviceLifecycleEvents", "DeviceJobLifecycleEvents", "DeviceConnectionStateEvents"] as const;
/** Storage container endpoints: blobs written every 60–720 s, 10–500 MB each (swagger). */
export const BATCH_FREQUENCY_SECONDS_MIN = 60;
export const BATCH_FREQUENCY_SECONDS_MAX = 720;
export const CHUNK_SIZE_BYTES_MIN = 10 * 1024 * 1024;
export const CHUNK_SIZE_BYTES_MAX = 500 * 1024 * 1024;

/** Routing counts per tier: custom endpoints 10 (F1: 1), routes 100 (5), enrichments 10 (2) (docs/IOTHUB-ARM.md, "Typed settings and their diffs"). */
export function routingLimitsOf(skuName: string | undefined): { customEndpoints: number; routes: number; enrichments: number } {
  return skuName === "F1" ? { customEndpoints: 1, routes: 5, enrichments: 2 } : { customEndpoints: 10, routes: 100, enrichments: 10 };
}
