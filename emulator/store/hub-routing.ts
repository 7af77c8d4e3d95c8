import { iotHubError } from "../errors/factory";
import { IH } from "../errors/iothub-codes";
import { newGuid } from "../ids";
import { restoreMaskedKeys } from "./connection-strings";
import { canonicalEnum } from "./enum-casing";
import { checkEndpointIdentity, type CheckedIdentity } from "./hub-identity";
import type { HubDescription } from "./model";

/**
 * `properties.routing` of a PUT (2023-06-30 swagger, RoutingProperties), checked and completed as the service does
 * (emulator/README.md, "Hub settings"; docs/IOTHUB-ARM.md, "Names and limits"). Limits and names are the swagger's
 * and Microsoft Learn's; the error codes other than IH400108 are INFERRED.
 */

/** The endpoint kinds of RoutingEndpoints, in the order real GETs list them. */
export const ROUTING_ENDPOINT_KINDS = ["serviceBusQueues", "serviceBusTopics", "eventHubs", "storageContainers", "cosmosDBSqlContainers"] as const;
export type RoutingEndpointKind = (typeof ROUTING_ENDPOINT_KINDS)[number];

/** "A maximum of 10 custom endpoints ... for paid hubs and only 1 ... for free hubs" (swagger RoutingEndpoints). */
export const ROUTING_LIMITS = {
  paid: { endpoints: 10, routes: 100, enrichments: 10 },
  free: { endpoints: 1, routes: 5, enrichments: 2 },
};
/** Endpoint, route names: swagger pattern. Reserved endpoint names: the swagger's three plus the 2016 monitoring one. */
const NAME_PATTERN = /^[A-Za-z0-9-._]{1,64}$/;
const RESERVED_ENDPOINT_NAMES = ["events", "fileNotifications", "$default", "operationsMonitoringEvents"];
/** The built-in endpoint a route may name besides the custom ones. */
const BUILT_IN_ENDPOINT = "events";
const ROUTING_SOURCES = ["Invalid", "DeviceMessages", "TwinChangeEvents", "DeviceLifecycleEvents", "DeviceJobLifecycleEvents", "DeviceConnectionStateEvents"];
const AUTHENTICATION_TYPES = ["keyBased", "identityBased"];

/** Storage container endpoints: ranges and defaults of the swagger's RoutingStorageContainerProperties. */
const STORAGE_CONTAINER = {
  batchFrequencyInSeconds: { min: 60, max: 720, default: 300 },
  maxChunkSizeInBytes: { min: 10_485_760, max: 524_288_000, default: 314_572_800 },
  /** real GETs show the encoding in lower case ("avro", "json"), whatever the swagger's enum casing */
  encodings: ["avro", "avrodeflate", "json"],
  fileNameFormat: "{iothub}/{partition}/{YYYY}/{MM}/{DD}/{HH}/{mm}",
};

/** A new hub's routing, as the create example shows it, with the fallback route enabled. */
export function defaultRouting(): HubDescription {
  return {
    endpoints: Object.fromEntries(ROUTING_ENDPOINT_KINDS.map((k) => [k, []])),
    routes: [],
    fallbackRoute: defaultFallbackRoute(true),
  };
}

function defaultFallbackRoute(isEnabled: boolean): HubDescription {
  return { name: "$fallback", source: "DeviceMessages", condition: "true", endpointNames: [BUILT_IN_ENDPOINT], isEnabled };
}

export interface RoutingContext {
  free: boolean;
  previous: HubDescription | undefined;
  identity: CheckedIdentity;
}

/**
 * Without `routing` the hub gets the defaults. With `routing` but without `fallbackRoute`, the fallback route is
 * stored disabled: "When this property is not present in the template, the fallback route is disabled by default"
 * (swagger), in the shape real GETs show (`$fallback`, `isEnabled: false`).
 */
export function composeRouting(given: unknown, ctx: RoutingContext): HubDescription {
  if (given === undefined || given === null) return defaultRouting();
  const routing = asObject(given, "routing");
  const limits = ctx.free ? ROUTING_LIMITS.free : ROUTING_LIMITS.paid;
  const endpoints = composeEndpoints(routing.endpoints, ctx, limits.endpoints);
  const known = new Set([BUILT_IN_ENDPOINT, ...ROUTING_ENDPOINT_KINDS.flatMap((k) => (endpoints[k] as HubDescription[]).map((e) => e.name.toLowerCase()))]);
  const out: HubDescription = { ...routing, endpoints, routes: composeRoutes(routing.routes, known, limits.routes) };
  out.fallbackRoute = routing.fallbackRoute === undefined || routing.fallbackRoute === null
    ? defaultFallbackRoute(false)
    : composeRoute({ ...defaultFallbackRoute(true), ...asObject(routing.fallbackRoute, "routing.fallbackRoute") }, "routing.fallbackRoute", known);
  if (routing.enrichments !== undefined && routing.enrichments !== null) out.enrichments = composeEnrichments(routing.enrichments, known, limits.enrichments);
  return out;
}

function composeEndpoints(given: unknown, ctx: RoutingContext, limit: number): HubDescription {
  const map = given === undefined || given === null ? {} : asObject(given, "routing.endpoints");
  const before = (ctx.previous?.properties?.routing?.endpoints ?? {}) as HubDescription;
  const out: HubDescription = { ...map };
  const seen = new Set<string>();
  let count = 0;
  for (const kind of ROUTING_ENDPOINT_KINDS) {
    const list = map[kind] ?? [];
    if (!Array.isArray(list)) throw routingError(`routing.endpoints.${kind} must be an array.`);
    out[kind] = list.map((raw: unknown, i: number) => {
      const field = `routing.endpoints.${kind}[${i}]`;
      const endpoint = checkEndpointName(asObject(raw, field), field, seen);
      const previous = ((before[kind] ?? []) as HubDescription[]).find((p) => String(p.name).toLowerCase() === endpoint.name.toLowerCase());
      return completeEndpoint(kind, endpoint, previous, ctx.identity, field);
    });
    count += list.length;
  }
  if (count > limit) {
    throw iotHubError(
      IH.RoutingEndpointsLimitExceeded,
      `Too many custom endpoints: ${count}; at most ${limit} custom endpoint(s) are allowed across all endpoint types for ${ctx.free ? "free" : "paid"} hubs.`,
    );
  }
  return out;
}

function checkEndpointName(endpoint: HubDescription, field: string, seen: Set<string>): HubDescription & { name: string } {
  const name = endpoint.name;
  if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
    throw iotHubError(
      IH.InvalidEndpointName,
      `Invalid endpoint name ${JSON.stringify(name)} at ${field}: 1-64 characters of letters, digits, '-', '.' and '_'.`,
    );
  }
  if (RESERVED_ENDPOINT_NAMES.some((r) => r.toLowerCase() === name.toLowerCase())) {
    throw iotHubError(IH.InvalidEndpointName, `Endpoint name '${name}' at ${field} is reserved (${RESERVED_ENDPOINT_NAMES.join(", ")}).`);
  }
  if (seen.has(name.toLowerCase())) {
    throw iotHubError(IH.EndpointNameNotUnique, `Endpoint name '${name}' is used more than once; endpoint names must be unique across endpoint types.`);
  }
  seen.add(name.toLowerCase());
  return endpoint as HubDescription & { name: string };
}

/**
 * Server fields as real GETs show them: `id` (a GUID the service assigns, kept while the endpoint keeps its name),
 * `authenticationType` (keyBased unless said otherwise); storage containers get their documented defaults. Masked
 * keys sent back are replaced by the stored ones; Cosmos DB keys left out are kept (they are never shown).
 */
function completeEndpoint(
  kind: RoutingEndpointKind,
  endpoint: HubDescription & { name: string },
  previous: HubDescription | undefined,
  identity: CheckedIdentity,
  field: string,
): HubDescription {
  const out: HubDescription = { ...endpoint, id: previous?.id ?? newGuid() };
  out.authenticationType = canonicalEnum(endpoint.authenticationType ?? "keyBased", {
    field: `${field}.authenticationType`,
    values: AUTHENTICATION_TYPES,
    closed: true,
  });
  checkEndpointIdentity(out, identity, field);
  if (out.connectionString !== undefined) out.connectionString = restoreMaskedKeys(out.connectionString, previous?.connectionString, endpoint.name);
  if (kind === "cosmosDBSqlContainers") {
    for (const k of ["primaryKey", "secondaryKey"]) if (out[k] === undefined && previous?.[k] !== undefined) out[k] = previous[k];
  }
  if (kind === "storageContainers") completeStorageContainer(out, field);
  return out;
}

function completeStorageContainer(out: HubDescription, field: string): void {
  if (typeof out.containerName !== "string" || out.containerName === "") {
    throw iotHubError(IH.InvalidStorageEndpointProperties, `${field}.containerName is required for a storage container endpoint.`);
  }
  for (const k of ["batchFrequencyInSeconds", "maxChunkSizeInBytes"] as const) {
    const range = STORAGE_CONTAINER[k];
    const value = out[k] ?? range.default;
    if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
      throw iotHubError(
        IH.InvalidStorageEndpointProperties,
        `Invalid ${k} ${JSON.stringify(value)} at ${field}: value must be between ${range.min} and ${range.max}.`,
      );
    }
    out[k] = value;
  }
  out.encoding = canonicalEnum(out.encoding ?? "avro", {
    field: `${field}.encoding`,
    values: STORAGE_CONTAINER.encodings,
    closed: true,
    code: IH.InvalidStorageEndpointProperties,
  });
  out.fileNameFormat ??= STORAGE_CONTAINER.fileNameFormat;
}

function composeRoutes(given: unknown, known: Set<string>, limit: number): HubDescription[] {
  const list = given ?? [];
  if (!Array.isArray(list)) throw routingError("routing.routes must be an array.");
  if (list.length > limit) {
    throw iotHubError(IH.RoutesLimitExceeded, `Too many routes: ${list.length}; at most ${limit} routing rules are allowed for this hub.`);
  }
  const names = new Set<string>();
  return list.map((raw: unknown, i: number) => {
    const field = `routing.routes[${i}]`;
    const route = asObject(raw, field);
    if (typeof route.name !== "string" || !NAME_PATTERN.test(route.name)) {
      throw routingError(`Invalid route name ${JSON.stringify(route.name)} at ${field}: 1-64 characters of letters, digits, '-', '.' and '_'.`);
    }
    if (names.has(route.name.toLowerCase())) throw iotHubError(IH.RouteNameNotUnique, `Route name '${route.name}' is used more than once.`);
    names.add(route.name.toLowerCase());
    return composeRoute(route, field, known);
  });
}

/** A route or the fallback route: one endpoint that exists, a known source, `isEnabled`; condition "true" by default. */
function composeRoute(route: HubDescription, field: string, known: Set<string>): HubDescription {
  if (route.source === undefined) throw routingError(`${field}.source is required.`);
  if (typeof route.isEnabled !== "boolean") throw routingError(`${field}.isEnabled is required and must be a boolean.`);
  const endpointNames = route.endpointNames;
  if (!Array.isArray(endpointNames) || endpointNames.length !== 1 || typeof endpointNames[0] !== "string") {
    throw routingError(`${field}.endpointNames must name exactly one endpoint.`);
  }
  checkEndpointsExist(endpointNames, known);
  return {
    ...route,
    source: canonicalEnum(route.source, { field: `${field}.source`, values: ROUTING_SOURCES, closed: false }),
    // "If no condition is provided, it evaluates to true by default" (swagger)
    condition: route.condition ?? "true",
  };
}

function composeEnrichments(given: unknown, known: Set<string>, limit: number): HubDescription[] {
  if (!Array.isArray(given)) throw routingError("routing.enrichments must be an array.");
  if (given.length > limit) {
    throw iotHubError(IH.EnrichmentsLimitExceeded, `Too many enrichments: ${given.length}; at most ${limit} message enrichments are allowed for this hub.`);
  }
  return given.map((raw: unknown, i: number) => {
    const field = `routing.enrichments[${i}]`;
    const enrichment = asObject(raw, field);
    if (typeof enrichment.key !== "string" || enrichment.key === "") throw routingError(`${field}.key is required.`);
    if (typeof enrichment.value !== "string") throw routingError(`${field}.value is required.`);
    if (!Array.isArray(enrichment.endpointNames) || enrichment.endpointNames.length === 0) {
      throw routingError(`${field}.endpointNames must name at least one endpoint.`);
    }
    checkEndpointsExist(enrichment.endpointNames, known);
    return enrichment;
  });
}

function checkEndpointsExist(names: unknown[], known: Set<string>): void {
  for (const name of names) {
    if (typeof name !== "string" || !known.has(name.toLowerCase())) {
      // the real message for a route naming a missing endpoint (emulator/README.md, "Hub settings")
      throw iotHubError(IH.RouteEndpointNotFound, `EndpointName:${String(name)} is not from a valid type.`);
    }
  }
}

function asObject(value: unknown, field: string): HubDescription {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw routingError(`${field} must be an object.`);
  return value as HubDescription;
}

function routingError(message: string): Error {
  return iotHubError(IH.InvalidRoutingProperty, message);
}
