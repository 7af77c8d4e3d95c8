import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, isPlainObject, isUnknown, matchesSubset } from "../values";
import { changedSettings } from "../settings-diff";
import { declaredSecretChanges, settingDifferences } from "./compare";
import type { TypedSetting } from "./inputs";
import { IDENTITY_FIELDS, MANAGED_FIELDS, TYPED_SETTINGS } from "./inputs";
import { canonicalLocation, tierOf } from "./rules";

type Raw = Record<string, unknown>;

/**
 * diff(): compares only what the program manages, with zero API calls.
 *
 * `olds` are the outputs in state, which echo the managed fields as last applied or refreshed, so a
 * refresh that saw drift makes it show up here field by field. A managed field absent from the new
 * inputs is no longer managed (left as it is in Azure), so server defaults never cause a diff.
 */
export function diffHub(olds: Raw, news: Raw): pulumi.dynamic.DiffResult {
  const replaces = replacedFields(olds, news);
  const changed = [...changedFields(olds, news), ...changedSecretFields(olds, news), ...changedSettings(olds, news, HUB_SETTINGS)];
  const changes = replaces.length > 0 || changed.length > 0;
  // The engine drops a detailed diff from a dynamic provider (docs/PULUMI-DYNAMIC.md), and shows only the top-level
  // input that changed; the paths inside a typed setting go to stderr, which the engine shows.
  const paths = [...new Set([...changedSettingPaths(olds, news), ...changedSecretPaths(olds, news)])];
  if (paths.length > 0) process.stderr.write(`IotHub ${String(news.name)}: differs from the state at ${paths.join(", ")}\n`);
  return {
    changes,
    replaces,
    // Hub names are global (DNS names), so a replacement that keeps the name must delete first.
    deleteBeforeReplace: replaces.length > 0 && !isUnknown(news.name) && sameText(news.name, olds.name),
  };
}

/** Managed fields whose new value differs from state (unknown counts as a change). */
export function changedFields(olds: Raw, news: Raw): string[] {
  const fields: string[] = [];
  for (const field of MANAGED_FIELDS) {
    const wanted = news[field];
    if (wanted === undefined) continue;
    if (containsUnknown(wanted) || !sameManaged(field, wanted, olds[field])) fields.push(field);
  }
  return fields;
}

/** Where, inside the typed settings, the program differs from the state (e.g. `routing.routes[r1].condition`). */
export function changedSettingPaths(olds: Raw, news: Raw): string[] {
  return TYPED_SETTINGS.flatMap((field) => (containsUnknown(news[field]) ? [] : settingDifferences(field, news[field], olds[field])));
}

/** Where a declared secret differs from the one state recorded (compare.ts `declaredSecretChanges`). */
export function changedSecretPaths(olds: Raw, news: Raw): string[] {
  return TYPED_SETTINGS.flatMap((field) => (containsUnknown(news[field]) ? [] : declaredSecretChanges(field, news[field], olds[field])));
}

/** The typed settings whose declared secrets differ from state, as fields (duplicates of changedFields are harmless). */
export function changedSecretFields(olds: Raw, news: Raw): string[] {
  return TYPED_SETTINGS.filter((field) => !containsUnknown(news[field]) && declaredSecretChanges(field, news[field], olds[field]).length > 0);
}

/** Provider settings kept in state and used by later operations (delete only sees state). */
const HUB_SETTINGS = ["apiVersion", "timeouts", "adoptExisting"] as const;

export function sameManaged(field: string, wanted: unknown, actual: unknown): boolean {
  switch (field) {
    case "location":
      return typeof wanted === "string" && typeof actual === "string" && canonicalLocation(wanted) === canonicalLocation(actual);
    case "tags":
      // Tags are managed as a whole map: a tag added out of band is drift.
      return matchesSubset(wanted, actual) && matchesSubset(actual ?? {}, wanted);
    case "authorizationPolicies":
      return matchesSubset(sortByKeyName(wanted), sortByKeyName(actual));
    default:
      if ((TYPED_SETTINGS as readonly string[]).includes(field)) return settingDifferences(field as TypedSetting, wanted, actual).length === 0;
      return matchesSubset(wanted, actual);
  }
}

function sortByKeyName(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return [...value].sort((a, b) => String(a?.keyName).toLowerCase().localeCompare(String(b?.keyName).toLowerCase()));
}

/**
 * What forces a new hub: its identity, its region, the partition count, the minimum TLS version, and the SKU
 * changes Azure refuses in place (Free <-> paid, Standard -> Basic; docs/IOTHUB-ARM.md, "Names and limits").
 */
export function replacedFields(olds: Raw, news: Raw): string[] {
  const replaces: string[] = [];
  for (const field of IDENTITY_FIELDS) {
    if (isUnknown(news[field]) || (olds[field] !== undefined && !sameText(news[field], olds[field]))) replaces.push(field);
  }
  if (isUnknown(news.location) || (typeof news.location === "string" && typeof olds.location === "string" &&
      canonicalLocation(news.location) !== canonicalLocation(olds.location))) {
    replaces.push("location");
  }
  const newPartitions = isPlainObject(news.eventHubs) ? news.eventHubs.partitionCount : news.eventHubs;
  // State always records the observed count (eventHubPartitionCount), even when it was not managed.
  const oldPartitions = (isPlainObject(olds.eventHubs) ? olds.eventHubs.partitionCount : undefined) ?? olds.eventHubPartitionCount;
  if (isUnknown(newPartitions) || (newPartitions !== undefined && oldPartitions !== undefined && newPartitions !== oldPartitions)) {
    replaces.push("eventHubs.partitionCount");
  }
  // Azure sets the minimum TLS version at creation only (docs/IOTHUB-ARM.md, "Names and limits"). Only a value state
  // recorded counts: starting to manage it on an existing hub is an update, which Azure may refuse.
  if (isUnknown(news.minTlsVersion) || (typeof news.minTlsVersion === "string" && typeof olds.minTlsVersion === "string" && news.minTlsVersion !== olds.minTlsVersion)) {
    replaces.push("minTlsVersion");
  }
  const newSku = isPlainObject(news.sku) ? news.sku.name : news.sku;
  const oldSku = isPlainObject(olds.sku) ? olds.sku.name : undefined;
  if (isUnknown(newSku) || (typeof newSku === "string" && typeof oldSku === "string" && tierChangeNeedsNewHub(oldSku, newSku))) {
    replaces.push("sku.name");
  }
  return replaces;
}

export function tierChangeNeedsNewHub(oldSku: string, newSku: string): boolean {
  const from = tierOf(oldSku);
  const to = tierOf(newSku);
  if ((from === "Free") !== (to === "Free")) return true;
  return from === "Standard" && to === "Basic";
}

/** Azure names compare without case (ARM paths are case-insensitive). */
function sameText(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}
