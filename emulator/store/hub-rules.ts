import { isLegacy } from "../api-versions";
import { iotHubError, invalidBody } from "../errors/factory";
import { IH } from "../errors/iothub-codes";
import type { HubDescription } from "./model";

/**
 * The real service's validation rules for a hub PUT (docs/IOTHUB-ARM.md, "Names and limits"), each with the source it
 * follows. Functions throw EmulatorError; they never change anything.
 */

/** Resource.name pattern in both swaggers: 3–50 chars, letters/digits/hyphen, not all digits, no edge hyphen. */
export const HUB_NAME_PATTERN = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{2,49}[a-zA-Z0-9]$/;

export function checkHubName(name: string): void {
  if (!HUB_NAME_PATTERN.test(name)) {
    throw iotHubError(
      IH.InvalidIotHubName,
      `IotHub name '${name}' is invalid. It must be 3-50 characters of letters, digits and hyphens, ` +
        "not all digits, and must not start or end with a hyphen.",
    );
  }
}

export interface SkuRule {
  tier: "Free" | "Standard" | "Basic";
  maxUnits: number;
  /** Basic SKUs exist only from 2018 on; the 2016 swagger enum is F1, S1, S2, S3. */
  since2016: boolean;
}

/** Units per SKU: F1 exactly 1; B1/B2/S1/S2 up to 200, B3/S3 up to 10 (docs/IOTHUB-ARM.md, "Names and limits"). */
export const SKUS: Record<string, SkuRule> = {
  F1: { tier: "Free", maxUnits: 1, since2016: true },
  S1: { tier: "Standard", maxUnits: 200, since2016: true },
  S2: { tier: "Standard", maxUnits: 200, since2016: true },
  S3: { tier: "Standard", maxUnits: 10, since2016: true },
  B1: { tier: "Basic", maxUnits: 200, since2016: false },
  B2: { tier: "Basic", maxUnits: 200, since2016: false },
  B3: { tier: "Basic", maxUnits: 10, since2016: false },
};

export interface CheckedSku {
  name: string;
  tier: SkuRule["tier"];
  capacity: number;
}

/** sku.name required (both); capacity required in 2016 only (swagger `required`); tier is read-only and derived. */
export function checkSku(sku: unknown, apiVersion: string): CheckedSku {
  if (typeof sku !== "object" || sku === null) throw invalidBody("The 'sku' property is required.");
  const { name, capacity } = sku as { name?: unknown; capacity?: unknown };
  const upper = typeof name === "string" ? name.toUpperCase() : "";
  const rule = SKUS[upper];
  if (!rule || (isLegacy(apiVersion) && !rule.since2016)) {
    throw iotHubError(IH.InvalidSku, `Invalid SKU name '${String(name)}' for api-version ${apiVersion}.`);
  }
  if (capacity === undefined && isLegacy(apiVersion)) throw invalidBody("The 'sku.capacity' property is required.");
  const units = capacity === undefined ? 1 : capacity;
  if (typeof units !== "number" || !Number.isInteger(units) || units < 1 || units > rule.maxUnits) {
    throw iotHubError(
      IH.InvalidSkuCapacity,
      `Invalid number of units ${String(units)} for SKU ${upper} - value must be between 1 and ${rule.maxUnits}.`,
    );
  }
  return { name: upper, tier: rule.tier, capacity: units };
}

/**
 * "You cannot upgrade from a Free Hub to a Paid Hub" and no Standard → Basic (learn iot-hub-upgrade;
 * docs/IOTHUB-ARM.md, "Names and limits"); Basic → Standard and sizes within a tier are fine.
 */
export function checkSkuChange(from: CheckedSku, to: CheckedSku): void {
  const freeChange = (from.tier === "Free") !== (to.tier === "Free");
  const downgrade = from.tier === "Standard" && to.tier === "Basic";
  if (freeChange || downgrade) {
    throw iotHubError(
      IH.SkuChangeNotAllowed,
      `Cannot change the SKU of an IotHub from ${from.name} (${from.tier}) to ${to.name} (${to.tier}).`,
    );
  }
}

/** Hubs cannot move regions (docs/IOTHUB-ARM.md, "Names and limits"). */
export function checkLocationChange(from: string, to: string): void {
  if (normalizeLocation(from) !== normalizeLocation(to)) {
    throw iotHubError(IH.LocationChangeNotAllowed, `Cannot change the location of an IotHub from '${from}' to '${to}'.`);
  }
}

/** ARM compares regions without case or spaces: "West US" == "westus". */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/** Only one free hub per subscription (docs/IOTHUB-ARM.md, "Names and limits"; the real message: "Errors"). */
export function checkFreeQuota(existingFreeHubs: number): void {
  if (existingFreeHubs >= 1) {
    throw iotHubError(
      IH.IotHubsQuotaExceeded,
      `Max number of Iot Hubs exceeded for sku = Free, Max Allowed = 1, Current = ${existingFreeHubs + 1}.`,
    );
  }
}

export interface CheckedEndpoint {
  retentionTimeInDays: number;
  partitionCount: number;
}

export interface CheckedEndpoints {
  events: CheckedEndpoint;
  /** 2016 only */
  operationsMonitoringEvents?: CheckedEndpoint;
}

/** Partition count 2..128 and retention 1..7 days; F1 exactly 2 (docs/IOTHUB-ARM.md, "Names and limits"). */
const PARTITIONS = { min: 2, max: 128, free: 2, defaultPaid: 4 };
const RETENTION_DAYS = { min: 1, max: 7, default: 1 };

/**
 * eventHubEndpoints: 2016 "Both of these keys [events, operationsMonitoringEvents] have to be present in the
 * dictionary while making create or update calls" (swagger 2016); 2023 only `events` exists (swagger 2023). When the
 * whole map is absent the service's defaults apply. An existing hub keeps its partition count (immutable,
 * docs/IOTHUB-ARM.md, "Names and limits").
 */
export function checkEventHubEndpoints(
  endpoints: unknown,
  o: { apiVersion: string; sku: CheckedSku; previous?: HubDescription },
): CheckedEndpoints {
  const legacy = isLegacy(o.apiVersion);
  const previousEvents = o.previous?.properties?.eventHubEndpoints?.events;
  const defaultPartitions = previousEvents?.partitionCount ?? (o.sku.tier === "Free" ? PARTITIONS.free : PARTITIONS.defaultPaid);
  let map: Record<string, unknown> = {};
  if (endpoints !== undefined && endpoints !== null) {
    if (typeof endpoints !== "object") throw iotHubError(IH.InvalidEventHubEndpoints, "eventHubEndpoints must be an object.");
    map = endpoints as Record<string, unknown>;
    const keys = Object.keys(map);
    const allowed = legacy ? ["events", "operationsMonitoringEvents"] : ["events"];
    const unknown = keys.filter((k) => !allowed.includes(k));
    if (unknown.length > 0) {
      throw iotHubError(
        IH.InvalidEventHubEndpoints,
        `Invalid event hub endpoint name(s) ${unknown.join(", ")}; the possible keys are ${allowed.join(" and ")}.`,
      );
    }
    const missing = allowed.filter((k) => !keys.includes(k));
    if (missing.length > 0) {
      throw iotHubError(
        IH.InvalidEventHubEndpoints,
        `eventHubEndpoints must contain ${allowed.join(" and ")}; missing ${missing.join(", ")}.`,
      );
    }
  }
  const result: CheckedEndpoints = { events: checkEndpoint(map.events, defaultPartitions, o.sku) };
  if (legacy) {
    const previousMonitoring = o.previous?.properties?.eventHubEndpoints?.operationsMonitoringEvents;
    const monitoringDefault = previousMonitoring?.partitionCount ?? defaultPartitions;
    result.operationsMonitoringEvents = checkEndpoint(map.operationsMonitoringEvents, monitoringDefault, o.sku);
  }
  // Partition counts are set at creation (docs/IOTHUB-ARM.md, "Names and limits"), on every endpoint that has one.
  for (const name of ["events", "operationsMonitoringEvents"] as const) {
    const before = o.previous?.properties?.eventHubEndpoints?.[name]?.partitionCount;
    const requested = result[name]?.partitionCount;
    if (before !== undefined && requested !== undefined && requested !== before) {
      throw iotHubError(
        IH.PartitionCountChangeNotAllowed,
        `PartitionCount of the ${name} endpoint cannot be changed after creation (current ${before}, requested ${requested}).`,
      );
    }
  }
  return result;
}

function checkEndpoint(value: unknown, defaultPartitions: number, sku: CheckedSku): CheckedEndpoint {
  const v = (typeof value === "object" && value !== null ? value : {}) as {
    retentionTimeInDays?: unknown;
    partitionCount?: unknown;
  };
  const partitionCount = v.partitionCount ?? defaultPartitions;
  const [min, max] = sku.tier === "Free" ? [PARTITIONS.free, PARTITIONS.free] : [PARTITIONS.min, PARTITIONS.max];
  if (typeof partitionCount !== "number" || !Number.isInteger(partitionCount) || partitionCount < min || partitionCount > max) {
    // real wording: "Invalid PartitionCount 4 - value must be between 2 and 2" (docs/IOTHUB-ARM.md, "Errors")
    throw iotHubError(IH.InvalidPartitionCount, `Invalid PartitionCount ${String(partitionCount)} - value must be between ${min} and ${max}.`);
  }
  const retentionTimeInDays = v.retentionTimeInDays ?? RETENTION_DAYS.default;
  if (
    typeof retentionTimeInDays !== "number" ||
    !Number.isInteger(retentionTimeInDays) ||
    retentionTimeInDays < RETENTION_DAYS.min ||
    retentionTimeInDays > RETENTION_DAYS.max
  ) {
    throw iotHubError(
      IH.InvalidRetentionTime,
      `Invalid RetentionTimeInDays ${String(retentionTimeInDays)} - value must be between ${RETENTION_DAYS.min} and ${RETENTION_DAYS.max}.`,
    );
  }
  return { retentionTimeInDays, partitionCount };
}
