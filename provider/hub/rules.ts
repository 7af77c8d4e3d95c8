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

/** Canonical form of a rights string, so "ServiceConnect, RegistryRead" and "RegistryRead, ServiceConnect" compare equal. */
export function canonicalRights(rights: string): string | undefined {
  const parts = rights.split(",").map((p) => p.trim()).filter((p) => p.length > 0);
  const lower = new Map(ACCESS_RIGHTS_ORDER.map((r) => [r.toLowerCase(), r]));
  const known = parts.map((p) => lower.get(p.toLowerCase()));
  if (known.length === 0 || known.some((r) => r === undefined)) return undefined;
  return ACCESS_RIGHTS_ORDER.filter((r) => known.includes(r)).join(", ");
}

/** ARM compares locations without case or spaces ("West Europe" is "westeurope"). */
export function canonicalLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}
