import type * as pulumi from "@pulumi/pulumi";
import { isApiVersion } from "../arm/iothub/api-versions";
import { CheckFailures } from "../check-failures";
import { checkBoolean, checkProviderSettings, checkTimeouts, checkedApiVersion, checkedName, checkedSubscription } from "../check-common";
import { HUB_NAME_PATTERN, HUB_NAME_RULE, RESOURCE_GROUP_PATTERN } from "../identity-rules";
import { isOwnerTagKey } from "../ownership";
import type { ProviderSettings } from "../settings";
import { isPlainObject, isUnknown } from "../values";
import {
  FEATURES,
  FREE_PARTITIONS,
  IP_FILTER_ACTIONS,
  MAX_DELIVERY_COUNT_MAX,
  MAX_DELIVERY_COUNT_MIN,
  PARTITIONS_MAX,
  PARTITIONS_MIN,
  POLICY_NAME_PATTERN,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  SKUS_BY_API_VERSION,
  canonicalRights,
  maxCapacityOf,
} from "./rules";
import { checkTypedSettings } from "./check-settings";
import { ISO8601_DURATION, checkFilterName, checkIpv4Mask } from "./check-values";

type Raw = Record<string, unknown>;

/**
 * Properties of the pass-through bag that have a typed argument (or are read-only): setting them in
 * two places would make the diff and the update disagree about which one wins.
 */
const RESERVED_PROPERTIES: Record<string, string> = {
  eventHubEndpoints: "use the eventHubs argument",
  cloudToDevice: "use the cloudToDevice argument",
  ipFilterRules: "use the ipFilterRules argument",
  authorizationPolicies: "use the authorizationPolicies argument",
  comments: "use the comments argument",
  features: "use the features argument",
  routing: "use the routing argument",
  storageEndpoints: "use the storageEndpoints argument",
  messagingEndpoints: "use the messagingEndpoints argument",
  enableFileUploadNotifications: "use the enableFileUploadNotifications argument",
  networkRuleSets: "use the networkRuleSets argument",
  publicNetworkAccess: "use the publicNetworkAccess argument",
  minTlsVersion: "use the minTlsVersion argument",
  disableLocalAuth: "use the disableLocalAuth argument",
  disableDeviceSAS: "use the disableDeviceSAS argument",
  disableModuleSAS: "use the disableModuleSAS argument",
  restrictOutboundNetworkAccess: "use the restrictOutboundNetworkAccess argument",
  allowedFqdnList: "use the allowedFqdnList argument",
  provisioningState: "it is read-only",
  state: "it is read-only",
  hostName: "it is read-only",
  locations: "it is read-only",
};

/**
 * check(): every rule known before calling Azure, with zero API calls. Fills in the defaults that
 * decide identity (api-version, subscription, autonamed hub name) so that they are recorded in the
 * inputs and stable across updates. Unknown (preview) values skip the rules that need them.
 */
/** Azure's 50 tags per resource, less the ownership tag (provider/ownership.ts). */
const MAX_USER_TAGS = 49;

export function checkHub(olds: Raw, news: Raw, settings: ProviderSettings): pulumi.dynamic.CheckResult {
  const failures = new CheckFailures();
  const inputs: Raw = { ...news };

  const apiVersion = checkedApiVersion(news, failures);
  inputs.apiVersion = apiVersion;
  checkProviderSettings(settings, failures);
  inputs.subscriptionId = checkedSubscription({ olds, news, settings, failures, orHint: "set the subscriptionId argument" });
  checkRequiredString("resourceGroupName", news.resourceGroupName, RESOURCE_GROUP_PATTERN,
    "must be 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period", failures);
  checkRequiredString("location", news.location, /^[A-Za-z0-9 ]{1,64}$/, "must be an Azure region such as westeurope", failures);

  const { name, autoNamed } = checkedName({ olds, news, maxLength: 50, allowed: /[a-zA-Z0-9-]/, fallback: "iothub" });
  inputs.name = name;
  inputs.__autoNamed = autoNamed || undefined; // undefined is dropped before the answer leaves (runtime.ts)
  if (!isUnknown(inputs.name) && (typeof inputs.name !== "string" || !HUB_NAME_PATTERN.test(inputs.name))) {
    failures.add("name", HUB_NAME_RULE, inputs.name);
  }

  const skuName = checkSku(news.sku, isApiVersion(apiVersion) ? apiVersion : undefined, failures);
  checkEventHubs(news.eventHubs, skuName, failures);
  checkCloudToDevice(news.cloudToDevice, failures);
  checkIpFilterRules(news.ipFilterRules, failures);
  inputs.authorizationPolicies = checkPolicies(news.authorizationPolicies, failures);
  if (inputs.authorizationPolicies === undefined) delete inputs.authorizationPolicies;
  checkTags(news.tags, failures);
  checkOptionalString("comments", news.comments, failures);
  if (news.features !== undefined && !isUnknown(news.features) && !(FEATURES as readonly unknown[]).includes(news.features)) {
    failures.add("features", `must be one of ${FEATURES.join(", ")}`, news.features);
  }
  checkTypedSettings(news, isApiVersion(apiVersion) ? apiVersion : undefined, skuName, failures);
  checkProperties(news.properties, failures);
  checkTimeouts(news.timeouts, ["createMinutes", "updateMinutes", "deleteMinutes"], failures);
  checkBoolean("adoptExisting", news.adoptExisting, failures);
  return failures.ok ? { inputs } : { inputs, failures: failures.list };
}



function checkRequiredString(field: string, value: unknown, pattern: RegExp, rule: string, failures: CheckFailures): void {
  if (isUnknown(value)) return;
  if (value === undefined || value === "") failures.add(field, "is required", value);
  else if (typeof value !== "string" || !pattern.test(value)) failures.add(field, rule, value);
}

function checkOptionalString(field: string, value: unknown, failures: CheckFailures): void {
  if (value !== undefined && !isUnknown(value) && typeof value !== "string") failures.add(field, "must be a string", value);
}

function checkInteger(field: string, value: unknown, min: number, max: number, failures: CheckFailures): value is number {
  if (value === undefined || isUnknown(value)) return false;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    failures.add(field, `must be a whole number from ${min} to ${max}`, value);
    return false;
  }
  return true;
}

function checkSku(sku: unknown, apiVersion: keyof typeof SKUS_BY_API_VERSION | undefined, failures: CheckFailures): string | undefined {
  if (isUnknown(sku)) return undefined;
  if (!isPlainObject(sku)) {
    failures.add("sku", "is required: an object such as { name: \"S1\", capacity: 1 }", sku);
    return undefined;
  }
  const name = sku.name;
  if (isUnknown(name)) return undefined;
  const allowed = apiVersion ? SKUS_BY_API_VERSION[apiVersion] : SKUS_BY_API_VERSION["2023-06-30"];
  if (typeof name !== "string" || !allowed.includes(name)) {
    failures.add("sku.name", `must be one of ${allowed.join(", ")}${apiVersion ? ` for api-version ${apiVersion}` : ""}`, name);
    return undefined;
  }
  if (name === "F1") {
    if (sku.capacity !== undefined && !isUnknown(sku.capacity) && sku.capacity !== 1) {
      failures.add("sku.capacity", "must be 1 for SKU F1", sku.capacity);
    }
  } else {
    checkInteger("sku.capacity", sku.capacity, 1, maxCapacityOf(name), failures);
  }
  return name;
}

function checkEventHubs(value: unknown, skuName: string | undefined, failures: CheckFailures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!isPlainObject(value)) {
    failures.add("eventHubs", "must be an object { partitionCount, retentionTimeInDays }", value);
    return;
  }
  const partitions = value.partitionCount;
  if (checkInteger("eventHubs.partitionCount", partitions, PARTITIONS_MIN, PARTITIONS_MAX, failures)) {
    if (skuName === "F1" && partitions !== FREE_PARTITIONS) {
      failures.add("eventHubs.partitionCount", `must be ${FREE_PARTITIONS} for SKU F1`, partitions);
    }
  }
  checkInteger("eventHubs.retentionTimeInDays", value.retentionTimeInDays, RETENTION_DAYS_MIN, RETENTION_DAYS_MAX, failures);
}

function checkCloudToDevice(value: unknown, failures: CheckFailures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!isPlainObject(value)) {
    failures.add("cloudToDevice", "must be an object", value);
    return;
  }
  checkInteger("cloudToDevice.maxDeliveryCount", value.maxDeliveryCount, MAX_DELIVERY_COUNT_MIN, MAX_DELIVERY_COUNT_MAX, failures);
  checkDuration("cloudToDevice.defaultTtlAsIso8601", value.defaultTtlAsIso8601, failures);
  const feedback = value.feedback;
  if (feedback === undefined || isUnknown(feedback)) return;
  if (!isPlainObject(feedback)) {
    failures.add("cloudToDevice.feedback", "must be an object", feedback);
    return;
  }
  checkInteger("cloudToDevice.feedback.maxDeliveryCount", feedback.maxDeliveryCount, MAX_DELIVERY_COUNT_MIN, MAX_DELIVERY_COUNT_MAX, failures);
  checkDuration("cloudToDevice.feedback.lockDurationAsIso8601", feedback.lockDurationAsIso8601, failures);
  checkDuration("cloudToDevice.feedback.ttlAsIso8601", feedback.ttlAsIso8601, failures);
}


function checkDuration(field: string, value: unknown, failures: CheckFailures): void {
  if (value === undefined || isUnknown(value)) return;
  if (typeof value !== "string" || !ISO8601_DURATION.test(value)) {
    failures.add(field, "must be an ISO 8601 duration such as PT1H", value);
  }
}

function checkIpFilterRules(value: unknown, failures: CheckFailures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!Array.isArray(value)) {
    failures.add("ipFilterRules", "must be a list of { filterName, action, ipMask }", value);
    return;
  }
  const seen = new Set<string>();
  value.forEach((rule, i) => {
    const at = `ipFilterRules[${i}]`;
    if (isUnknown(rule)) return;
    if (!isPlainObject(rule)) return failures.add(at, "must be an object { filterName, action, ipMask }", rule);
    checkFilterName(`${at}.filterName`, rule.filterName, seen, failures);
    if (!isUnknown(rule.action) && !(IP_FILTER_ACTIONS as readonly unknown[]).includes(rule.action)) {
      failures.add(`${at}.action`, `must be one of ${IP_FILTER_ACTIONS.join(", ")}`, rule.action);
    }
    checkIpv4Mask(`${at}.ipMask`, rule.ipMask, failures);
  });
}


/** Returns the policies with rights in canonical order (so diff never sees a reordering as a change). */
function checkPolicies(value: unknown, failures: CheckFailures): unknown {
  if (value === undefined || isUnknown(value)) return value;
  if (!Array.isArray(value)) {
    failures.add("authorizationPolicies", "must be a list of { keyName, rights }", value);
    return value;
  }
  const seen = new Set<string>();
  return value.map((policy, i) => {
    const at = `authorizationPolicies[${i}]`;
    if (isUnknown(policy)) return policy;
    if (!isPlainObject(policy)) {
      failures.add(at, "must be an object { keyName, rights }", policy);
      return policy;
    }
    if (!isUnknown(policy.keyName)) {
      if (typeof policy.keyName !== "string" || !POLICY_NAME_PATTERN.test(policy.keyName)) {
        failures.add(`${at}.keyName`, "must be 1-64 letters, digits, hyphens, periods or underscores", policy.keyName);
      } else if (seen.has(policy.keyName.toLowerCase())) {
        failures.add(`${at}.keyName`, "must be unique", policy.keyName);
      } else seen.add(policy.keyName.toLowerCase());
    }
    if (policy.rotateKeys !== undefined && !isUnknown(policy.rotateKeys) && typeof policy.rotateKeys !== "string") {
      failures.add(`${at}.rotateKeys`, "must be a string (change it to rotate this policy's keys)", policy.rotateKeys);
    }
    if ("primaryKey" in policy || "secondaryKey" in policy) {
      failures.add(`${at}`, "must not carry keys: Azure generates them and they are outputs (sharedAccessPolicies, secret)", Object.keys(policy));
    }
    if (isUnknown(policy.rights)) return policy;
    const rights = typeof policy.rights === "string" ? canonicalRights(policy.rights) : undefined;
    if (rights === undefined) {
      failures.add(`${at}.rights`, "must be a comma-separated list of RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect", policy.rights);
      return policy;
    }
    return { ...policy, rights };
  });
}

function checkTags(value: unknown, failures: CheckFailures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!isPlainObject(value)) return failures.add("tags", "must be a map of strings", value);
  const count = Object.keys(value).length;
  if (count > MAX_USER_TAGS) {
    failures.add("tags", `must hold at most ${MAX_USER_TAGS} tags (Azure allows 50 per resource; the provider's ownership tag takes one)`, `${count} tags`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (isOwnerTagKey(k)) failures.add(`tags.${k}`, "is the provider's ownership tag and cannot be set", v);
    else if (!isUnknown(v) && typeof v !== "string") failures.add(`tags.${k}`, "must be a string", v);
  }
}

function checkProperties(value: unknown, failures: CheckFailures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!isPlainObject(value)) return failures.add("properties", "must be an object of further IotHubProperties", value);
  for (const key of Object.keys(value)) {
    const why = RESERVED_PROPERTIES[key];
    if (why !== undefined) failures.add(`properties.${key}`, `is not allowed here: ${why}`, value[key]);
  }
}

