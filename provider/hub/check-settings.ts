import type { ApiVersion } from "../arm/iothub/api-versions";
import type { CheckFailures } from "../check-failures";
import { isPlainObject, isUnknown } from "../values";
import { TYPED_SETTINGS } from "./inputs";
import {
  BATCH_FREQUENCY_SECONDS_MAX,
  BATCH_FREQUENCY_SECONDS_MIN,
  CHUNK_SIZE_BYTES_MAX,
  CHUNK_SIZE_BYTES_MIN,
  ENDPOINT_NAME_PATTERN,
  MAX_DELIVERY_COUNT_MAX,
  MAX_DELIVERY_COUNT_MIN,
  RESERVED_ENDPOINT_NAMES,
  ROUTE_SOURCES,
  routingLimitsOf,
} from "./rules";
import { ISO8601_DURATION, checkFilterName, checkIpv4Mask } from "./check-values";

type Raw = Record<string, unknown>;

/** Typed settings api-version 2016-02-03 knows too (its IotHubProperties has the file-upload trio). */
const IN_2016 = new Set(["storageEndpoints", "messagingEndpoints", "enableFileUploadNotifications"]);
const ENDPOINT_KINDS = ["eventHubs", "serviceBusQueues", "serviceBusTopics", "storageContainers", "cosmosDBSqlContainers"] as const;
const AUTHENTICATION_TYPES = ["keyBased", "identityBased"];
const IDENTITY_TYPES = ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"];
const USER_ASSIGNED_IDENTITY_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.managedidentity\/userassignedidentities\/[^/]+$/i;
const FQDN = /^(?=.{1,253}$)([A-Za-z0-9*]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

const known = (v: unknown): boolean => v !== undefined && !isUnknown(v);

/**
 * check() for the typed settings (docs/IOTHUB-ARM.md, "Typed settings and their diffs"): the api-version that
 * supports each, shapes, names, references between routes and endpoints, the tier's counts and the swagger's ranges.
 * Zero API calls: an endpoint a route names must be in the program's own `routing.endpoints` (or be `events`);
 * when the program leaves the endpoints as Azure has them, route targets are not checked.
 */
export function checkTypedSettings(news: Raw, apiVersion: ApiVersion | undefined, skuName: string | undefined, failures: CheckFailures): void {
  if (apiVersion === "2016-02-03") {
    for (const field of TYPED_SETTINGS) {
      if (news[field] !== undefined && !IN_2016.has(field)) failures.add(field, "requires apiVersion 2023-06-30 (api-version 2016-02-03 does not have it)", news[field]);
    }
  }
  const identity = checkIdentity(news.identity, failures);
  checkRouting(news.routing, skuName, identity, failures);
  checkStorageEndpoints(news.storageEndpoints, apiVersion, identity, failures);
  checkMessagingEndpoints(news.messagingEndpoints, failures);
  for (const field of ["enableFileUploadNotifications", "disableLocalAuth", "disableDeviceSAS", "disableModuleSAS", "restrictOutboundNetworkAccess"]) {
    if (known(news[field]) && typeof news[field] !== "boolean") failures.add(field, "must be true or false", news[field]);
  }
  checkEnum("publicNetworkAccess", news.publicNetworkAccess, ["Enabled", "Disabled"], failures);
  if (known(news.minTlsVersion) && (typeof news.minTlsVersion !== "string" || !/^1\.[0-2]$/.test(news.minTlsVersion))) {
    failures.add("minTlsVersion", "must be \"1.0\", \"1.1\" or \"1.2\"", news.minTlsVersion);
  }
  checkFqdnList(news.allowedFqdnList, failures);
  checkNetworkRuleSets(news.networkRuleSets, failures);
}

/** ARM enums are matched without case: the service answers some in other casing (`json`), and compare.ts agrees. */
function checkEnum(field: string, value: unknown, allowed: readonly string[], failures: CheckFailures): void {
  if (!known(value)) return;
  const matches = typeof value === "string" && allowed.some((a) => a.toLowerCase() === value.toLowerCase());
  if (!matches) failures.add(field, `must be one of ${allowed.join(", ")}`, value);
}

function checkRange(field: string, value: unknown, min: number, max: number, failures: CheckFailures, unit = ""): void {
  if (!known(value)) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    failures.add(field, `must be a whole number${unit} from ${min} to ${max}`, value);
  }
}

function checkDuration(field: string, value: unknown, failures: CheckFailures): void {
  if (known(value) && (typeof value !== "string" || !ISO8601_DURATION.test(value))) failures.add(field, "must be an ISO 8601 duration such as PT1H", value);
}

function requireString(field: string, value: unknown, failures: CheckFailures): void {
  if (isUnknown(value)) return;
  if (typeof value !== "string" || value === "") failures.add(field, "is required (a string)", value);
}

/** What the hub's identity declares, for the endpoints that authenticate with it (undefined: not managed here). */
interface DeclaredIdentity {
  systemAssigned: boolean;
  userAssigned: string[];
}

function checkIdentity(value: unknown, failures: CheckFailures): DeclaredIdentity | undefined {
  if (!known(value)) return undefined;
  if (!isPlainObject(value)) {
    failures.add("identity", "must be an object { type, userAssignedIdentities }", value);
    return undefined;
  }
  checkEnum("identity.type", value.type, IDENTITY_TYPES, failures);
  const type = typeof value.type === "string" ? value.type : "";
  const ids = value.userAssignedIdentities;
  if (isUnknown(ids) || isUnknown(value.type)) return undefined;
  const list = ids === undefined ? [] : Array.isArray(ids) ? ids : undefined;
  if (list === undefined) {
    failures.add("identity.userAssignedIdentities", "must be a list of user-assigned identity resource ids", ids);
    return undefined;
  }
  const userAssigned = /UserAssigned/.test(type);
  if (userAssigned && list.length === 0) failures.add("identity.userAssignedIdentities", `must list at least one identity with type ${type}`, ids);
  if (!userAssigned && list.length > 0) failures.add("identity.userAssignedIdentities", `must be empty with type ${type || "None"}`, ids);
  list.forEach((id, i) => {
    if (known(id) && (typeof id !== "string" || !USER_ASSIGNED_IDENTITY_ID.test(id))) {
      failures.add(`identity.userAssignedIdentities[${i}]`, "must be a resource id /subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/…", id);
    }
  });
  return { systemAssigned: /SystemAssigned/.test(type), userAssigned: list.filter((id): id is string => typeof id === "string").map((id) => id.toLowerCase()) };
}

/** authenticationType and identity of an endpoint, against the hub's declared identity. */
function checkAuthentication(at: string, endpoint: Raw, identity: DeclaredIdentity | undefined, failures: CheckFailures): void {
  checkEnum(`${at}.authenticationType`, endpoint.authenticationType, AUTHENTICATION_TYPES, failures);
  const own = endpoint.identity;
  if (!known(own)) {
    if (endpoint.authenticationType === "identityBased" && identity !== undefined && !identity.systemAssigned) {
      failures.add(`${at}.identity`, "is required for identityBased authentication when the hub has no system-assigned identity (identity.type)", own);
    }
    return;
  }
  if (!isPlainObject(own)) return failures.add(`${at}.identity`, "must be an object { userAssignedIdentity }", own);
  if (endpoint.authenticationType !== "identityBased" && !isUnknown(endpoint.authenticationType)) {
    failures.add(`${at}.identity`, "is only used with authenticationType identityBased", own);
  }
  const id = own.userAssignedIdentity;
  if (typeof id === "string" && identity !== undefined && !identity.userAssigned.includes(id.toLowerCase())) {
    failures.add(`${at}.identity.userAssignedIdentity`, "must be one of the hub's identity.userAssignedIdentities", id);
  }
}

function checkRouting(value: unknown, skuName: string | undefined, identity: DeclaredIdentity | undefined, failures: CheckFailures): void {
  if (!known(value)) return;
  if (!isPlainObject(value)) return failures.add("routing", "must be an object { endpoints, routes, fallbackRoute, enrichments }", value);
  const limits = routingLimitsOf(skuName);
  const endpointNames = checkEndpoints(value.endpoints, limits.customEndpoints, identity, failures);
  const targets = endpointNames === undefined ? undefined : new Set([...endpointNames, "events"]);
  checkRoutes(value.routes, limits.routes, targets, failures);
  checkFallbackRoute(value.fallbackRoute, targets, failures);
  checkEnrichments(value.enrichments, limits.enrichments, targets, failures);
}

/** Returns the endpoint names (lower case), or undefined when the program does not give them (all). */
function checkEndpoints(value: unknown, max: number, identity: DeclaredIdentity | undefined, failures: CheckFailures): Set<string> | undefined {
  if (value === undefined) return undefined;
  if (isUnknown(value)) return undefined;
  if (!isPlainObject(value)) {
    failures.add("routing.endpoints", `must be an object { ${ENDPOINT_KINDS.join(", ")} }`, value);
    return undefined;
  }
  const names = new Set<string>();
  let complete = true;
  let count = 0;
  for (const key of Object.keys(value)) {
    if (!(ENDPOINT_KINDS as readonly string[]).includes(key)) failures.add(`routing.endpoints.${key}`, `is not an endpoint kind: use ${ENDPOINT_KINDS.join(", ")}`, value[key]);
  }
  for (const kind of ENDPOINT_KINDS) {
    const list = value[kind];
    if (list === undefined) continue;
    if (isUnknown(list)) {
      complete = false;
      continue;
    }
    if (!Array.isArray(list)) {
      failures.add(`routing.endpoints.${kind}`, "must be a list", list);
      continue;
    }
    count += list.length;
    list.forEach((endpoint, i) => {
      const at = `routing.endpoints.${kind}[${i}]`;
      if (isUnknown(endpoint)) return void (complete = false);
      if (!isPlainObject(endpoint)) return failures.add(at, "must be an object", endpoint);
      const name = endpoint.name;
      if (isUnknown(name)) complete = false;
      else if (typeof name !== "string" || name === "") failures.add(`${at}.name`, "is required", name);
      else if (RESERVED_ENDPOINT_NAMES.some((r) => r.toLowerCase() === name.toLowerCase())) {
        failures.add(`${at}.name`, `is reserved (${RESERVED_ENDPOINT_NAMES.join(", ")})`, name);
      } else if (!ENDPOINT_NAME_PATTERN.test(name)) failures.add(`${at}.name`, "must be 1-64 letters, digits, hyphens, periods or underscores", name);
      else if (names.has(name.toLowerCase())) failures.add(`${at}.name`, "must be unique across all endpoint kinds", name);
      else names.add(name.toLowerCase());
      checkAuthentication(at, endpoint, identity, failures);
      checkEndpointTarget(kind, at, endpoint, failures);
    });
  }
  if (count > max) failures.add("routing.endpoints", `must hold at most ${max} custom endpoints in all for this SKU`, `${count} endpoints`);
  return complete ? names : undefined;
}

/** What each kind needs to reach its target: a connection string (key-based) or its URI and entity (identity-based). */
function checkEndpointTarget(kind: (typeof ENDPOINT_KINDS)[number], at: string, endpoint: Raw, failures: CheckFailures): void {
  const identityBased = endpoint.authenticationType === "identityBased";
  if (kind === "cosmosDBSqlContainers") {
    for (const field of ["endpointUri", "databaseName", "containerName"]) requireString(`${at}.${field}`, endpoint[field], failures);
    // The keys are optional in the swagger and never answered by the service (x-ms-secret), so a declaration taken from
    // a GET (`iothub import`) cannot hold them; given, they must be text.
    for (const field of ["primaryKey", "secondaryKey"]) {
      if (known(endpoint[field]) && typeof endpoint[field] !== "string") failures.addSecret(`${at}.${field}`, "must be a string");
    }
    return;
  }
  if (identityBased) {
    requireString(`${at}.endpointUri`, endpoint.endpointUri, failures);
    if (kind !== "storageContainers") requireString(`${at}.entityPath`, endpoint.entityPath, failures);
  } else if (!isUnknown(endpoint.authenticationType)) {
    requireString(`${at}.connectionString`, endpoint.connectionString, failures);
  }
  if (kind === "storageContainers") {
    requireString(`${at}.containerName`, endpoint.containerName, failures);
    checkRange(`${at}.batchFrequencyInSeconds`, endpoint.batchFrequencyInSeconds, BATCH_FREQUENCY_SECONDS_MIN, BATCH_FREQUENCY_SECONDS_MAX, failures, " of seconds");
    checkRange(`${at}.maxChunkSizeInBytes`, endpoint.maxChunkSizeInBytes, CHUNK_SIZE_BYTES_MIN, CHUNK_SIZE_BYTES_MAX, failures, " of bytes (10 MB to 500 MB)");
    checkEnum(`${at}.encoding`, endpoint.encoding, ["Avro", "AvroDeflate", "JSON"], failures);
  }
}

function checkTargets(at: string, value: unknown, targets: Set<string> | undefined, exactlyOne: boolean, failures: CheckFailures): void {
  if (isUnknown(value)) return;
  if (!Array.isArray(value) || value.length === 0 || (exactlyOne && value.length !== 1)) {
    return failures.add(at, exactlyOne ? "must name exactly one endpoint" : "must name at least one endpoint", value);
  }
  value.forEach((name, i) => {
    if (isUnknown(name)) return;
    if (typeof name !== "string") return failures.add(`${at}[${i}]`, "must be an endpoint name", name);
    if (targets !== undefined && !targets.has(name.toLowerCase())) {
      failures.add(`${at}[${i}]`, "must name an endpoint of routing.endpoints, or events", name);
    }
  });
}

function checkRoutes(value: unknown, max: number, targets: Set<string> | undefined, failures: CheckFailures): void {
  if (!known(value)) return;
  if (!Array.isArray(value)) return failures.add("routing.routes", "must be a list of { name, source, condition, endpointNames, isEnabled }", value);
  if (value.length > max) failures.add("routing.routes", `must hold at most ${max} routes for this SKU`, `${value.length} routes`);
  const seen = new Set<string>();
  value.forEach((route, i) => {
    const at = `routing.routes[${i}]`;
    if (isUnknown(route)) return;
    if (!isPlainObject(route)) return failures.add(at, "must be an object", route);
    const name = route.name;
    if (!isUnknown(name)) {
      if (typeof name !== "string" || !ENDPOINT_NAME_PATTERN.test(name)) failures.add(`${at}.name`, "must be 1-64 letters, digits, hyphens, periods or underscores", name);
      else if (seen.has(name.toLowerCase())) failures.add(`${at}.name`, "must be unique", name);
      else seen.add(name.toLowerCase());
    }
    checkEnum(`${at}.source`, route.source, ROUTE_SOURCES, failures);
    if (route.source === undefined) failures.add(`${at}.source`, "is required", route.source);
    checkOptionalString(`${at}.condition`, route.condition, failures);
    checkTargets(`${at}.endpointNames`, route.endpointNames, targets, true, failures);
    checkRequiredBoolean(`${at}.isEnabled`, route.isEnabled, failures);
  });
}

function checkFallbackRoute(value: unknown, targets: Set<string> | undefined, failures: CheckFailures): void {
  if (!known(value)) return;
  if (!isPlainObject(value)) return failures.add("routing.fallbackRoute", "must be an object { endpointNames, isEnabled, condition }", value);
  checkEnum("routing.fallbackRoute.source", value.source, ["DeviceMessages"], failures);
  checkOptionalString("routing.fallbackRoute.condition", value.condition, failures);
  checkOptionalString("routing.fallbackRoute.name", value.name, failures);
  checkTargets("routing.fallbackRoute.endpointNames", value.endpointNames, targets, true, failures);
  checkRequiredBoolean("routing.fallbackRoute.isEnabled", value.isEnabled, failures);
}

function checkEnrichments(value: unknown, max: number, targets: Set<string> | undefined, failures: CheckFailures): void {
  if (!known(value)) return;
  if (!Array.isArray(value)) return failures.add("routing.enrichments", "must be a list of { key, value, endpointNames }", value);
  if (value.length > max) failures.add("routing.enrichments", `must hold at most ${max} enrichments for this SKU`, `${value.length} enrichments`);
  const seen = new Set<string>();
  value.forEach((enrichment, i) => {
    const at = `routing.enrichments[${i}]`;
    if (isUnknown(enrichment)) return;
    if (!isPlainObject(enrichment)) return failures.add(at, "must be an object", enrichment);
    requireString(`${at}.key`, enrichment.key, failures);
    if (typeof enrichment.key === "string") {
      if (seen.has(enrichment.key.toLowerCase())) failures.add(`${at}.key`, "must be unique", enrichment.key);
      seen.add(enrichment.key.toLowerCase());
    }
    requireString(`${at}.value`, enrichment.value, failures);
    checkTargets(`${at}.endpointNames`, enrichment.endpointNames, targets, false, failures);
  });
}

function checkOptionalString(field: string, value: unknown, failures: CheckFailures): void {
  if (known(value) && typeof value !== "string") failures.add(field, "must be a string", value);
}

function checkRequiredBoolean(field: string, value: unknown, failures: CheckFailures): void {
  if (!isUnknown(value) && typeof value !== "boolean") failures.add(field, "is required: true or false", value);
}

function checkStorageEndpoints(value: unknown, apiVersion: ApiVersion | undefined, identity: DeclaredIdentity | undefined, failures: CheckFailures): void {
  if (!known(value)) return;
  if (!isPlainObject(value)) return failures.add("storageEndpoints", "must be an object { $default: { connectionString, containerName, sasTtlAsIso8601 } }", value);
  for (const [key, endpoint] of Object.entries(value)) {
    const at = `storageEndpoints.${key}`;
    if (key !== "$default") {
      failures.add(at, "is not allowed: the only storage endpoint is $default", endpoint);
      continue;
    }
    if (isUnknown(endpoint)) continue;
    if (!isPlainObject(endpoint)) {
      failures.add(at, "must be an object { connectionString, containerName, sasTtlAsIso8601 }", endpoint);
      continue;
    }
    // Both empty is what Azure holds for a hub with no file-upload storage (a new hub's default, which `iothub import`
    // declares as it is); otherwise both are needed (docs/IOTHUB-ARM.md, "Typed settings and their diffs").
    if (!(endpoint.connectionString === "" && endpoint.containerName === "")) {
      requireString(`${at}.connectionString`, endpoint.connectionString, failures);
      requireString(`${at}.containerName`, endpoint.containerName, failures);
    }
    checkDuration(`${at}.sasTtlAsIso8601`, endpoint.sasTtlAsIso8601, failures);
    if (apiVersion === "2016-02-03") {
      for (const field of ["authenticationType", "identity"]) {
        if (endpoint[field] !== undefined) failures.add(`${at}.${field}`, "requires apiVersion 2023-06-30 (api-version 2016-02-03 does not have it)", endpoint[field]);
      }
    } else {
      checkAuthentication(at, endpoint, identity, failures);
    }
  }
}

function checkMessagingEndpoints(value: unknown, failures: CheckFailures): void {
  if (!known(value)) return;
  if (!isPlainObject(value)) return failures.add("messagingEndpoints", "must be an object { fileNotifications: { lockDurationAsIso8601, ttlAsIso8601, maxDeliveryCount } }", value);
  for (const [key, endpoint] of Object.entries(value)) {
    const at = `messagingEndpoints.${key}`;
    if (key !== "fileNotifications") {
      failures.add(at, "is not allowed: the only messaging endpoint is fileNotifications", endpoint);
      continue;
    }
    if (isUnknown(endpoint)) continue;
    if (!isPlainObject(endpoint)) {
      failures.add(at, "must be an object { lockDurationAsIso8601, ttlAsIso8601, maxDeliveryCount }", endpoint);
      continue;
    }
    checkDuration(`${at}.lockDurationAsIso8601`, endpoint.lockDurationAsIso8601, failures);
    checkDuration(`${at}.ttlAsIso8601`, endpoint.ttlAsIso8601, failures);
    checkRange(`${at}.maxDeliveryCount`, endpoint.maxDeliveryCount, MAX_DELIVERY_COUNT_MIN, MAX_DELIVERY_COUNT_MAX, failures);
  }
}

function checkFqdnList(value: unknown, failures: CheckFailures): void {
  if (!known(value)) return;
  if (!Array.isArray(value)) return failures.add("allowedFqdnList", "must be a list of host names", value);
  const seen = new Set<string>();
  value.forEach((fqdn, i) => {
    if (isUnknown(fqdn)) return;
    if (typeof fqdn !== "string" || !FQDN.test(fqdn)) failures.add(`allowedFqdnList[${i}]`, "must be a fully qualified domain name such as myhub.servicebus.windows.net", fqdn);
    else if (seen.has(fqdn.toLowerCase())) failures.add(`allowedFqdnList[${i}]`, "must be unique", fqdn);
    else seen.add(fqdn.toLowerCase());
  });
}

function checkNetworkRuleSets(value: unknown, failures: CheckFailures): void {
  if (!known(value)) return;
  if (!isPlainObject(value)) return failures.add("networkRuleSets", "must be an object { defaultAction, applyToBuiltInEventHubEndpoint, ipRules }", value);
  checkEnum("networkRuleSets.defaultAction", value.defaultAction, ["Deny", "Allow"], failures);
  checkRequiredBoolean("networkRuleSets.applyToBuiltInEventHubEndpoint", value.applyToBuiltInEventHubEndpoint, failures);
  const rules = value.ipRules;
  if (isUnknown(rules)) return;
  if (!Array.isArray(rules)) return failures.add("networkRuleSets.ipRules", "is required: a list of { filterName, action, ipMask }", rules);
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = `networkRuleSets.ipRules[${i}]`;
    if (isUnknown(rule)) return;
    if (!isPlainObject(rule)) return failures.add(at, "must be an object { filterName, action, ipMask }", rule);
    checkFilterName(`${at}.filterName`, rule.filterName, seen, failures);
    checkEnum(`${at}.action`, rule.action, ["Allow"], failures);
    checkIpv4Mask(`${at}.ipMask`, rule.ipMask, failures);
  });
}
