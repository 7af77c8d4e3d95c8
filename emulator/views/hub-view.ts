import { isLegacy } from "../api-versions";
import { maskConnectionString } from "../store/connection-strings";
import { clone, LEGACY_PROPERTY_NAMES } from "../store/hub-defaults";
import { ROUTING_ENDPOINT_KINDS } from "../store/hub-routing";
import type { HubDescription, HubRecord } from "../store/model";

/** Top-level keys of IotHubDescription in 2016-02-03 (Resource + the 2016 swagger's additions). */
const LEGACY_TOP_LEVEL = ["id", "name", "type", "location", "tags", "subscriptionid", "resourcegroup", "etag", "properties", "sku"];

/**
 * The hub as a response body in the request's api-version.
 * - Keys never appear: "Security-related properties are set to null" on GET (swagger 2016); only listkeys shows them.
 * - 2016-02-03: only the 2016 swagger's fields, `operationsMonitoringEvents` always present (both are required).
 * - 2023-06-30: no 2016-only fields; `identity` and `systemData` as the real GET has them (azure-cli recording).
 * - Keys inside endpoint connection strings are masked (`SharedAccessKey=****`, `AccountKey=****`) and Cosmos DB
 *   keys left out (x-ms-secret), as real GETs show them (emulator/README.md, "Hub settings").
 * - `includeEtag: false` for the create 201, whose real body has no etag yet (azure-cli recording).
 * - `reorderLists` (or the hub's own flag, set by `outOfBand.reorderHubLists`): lists in reverse stored order, to
 *   test that a client does not depend on order (emulator/README.md, "Hub settings").
 * Sources: docs/IOTHUB-ARM.md, "The objects", "Long-running operations".
 */
export function renderHub(hub: HubRecord, apiVersion: string, o: { includeEtag?: boolean; reorderLists?: boolean } = {}): HubDescription {
  const d = clone(hub.description);
  delete d.properties.authorizationPolicies;
  if (o.includeEtag === false) delete d.etag;
  hideSecrets(d.properties);
  if (o.reorderLists || hub.reorderLists) reverseLists(d.properties);
  if (isLegacy(apiVersion)) return legacyView(d);
  delete d.properties.operationsMonitoringProperties;
  if (d.properties.eventHubEndpoints) delete d.properties.eventHubEndpoints.operationsMonitoringEvents;
  return d;
}

function legacyView(d: HubDescription): HubDescription {
  const out: HubDescription = {};
  for (const k of LEGACY_TOP_LEVEL) if (d[k] !== undefined) out[k] = d[k];
  const properties: HubDescription = {};
  for (const k of LEGACY_PROPERTY_NAMES) if (d.properties[k] !== undefined) properties[k] = d.properties[k];
  delete properties.authorizationPolicies;
  const endpoints = (properties.eventHubEndpoints ??= {});
  if (!endpoints.operationsMonitoringEvents && endpoints.events) {
    // a hub created through 2023-06-30 still has an operations-monitoring endpoint as far as a 2016 client knows
    endpoints.operationsMonitoringEvents = {
      retentionTimeInDays: 1,
      partitionCount: endpoints.events.partitionCount,
      partitionIds: endpoints.events.partitionIds,
      path: `${d.name.toLowerCase()}-operationmonitoring`,
      endpoint: endpoints.events.endpoint,
    };
  }
  out.properties = properties;
  out.sku = { name: d.sku.name, tier: d.sku.tier, capacity: d.sku.capacity };
  return out;
}

function hideSecrets(properties: HubDescription): void {
  const endpoints = (properties.routing?.endpoints ?? {}) as HubDescription;
  for (const kind of ROUTING_ENDPOINT_KINDS) {
    for (const endpoint of (endpoints[kind] ?? []) as HubDescription[]) {
      if (endpoint.connectionString !== undefined) endpoint.connectionString = maskConnectionString(endpoint.connectionString);
      delete endpoint.primaryKey;
      delete endpoint.secondaryKey;
    }
  }
  const storage = properties.storageEndpoints?.$default as HubDescription | undefined;
  if (storage?.connectionString !== undefined) storage.connectionString = maskConnectionString(storage.connectionString);
}

/** The lists whose order a client must not rely on: endpoint lists, routes, enrichments, IP rules, FQDNs. */
function reverseLists(properties: HubDescription): void {
  const reverse = (list: unknown): void => {
    if (Array.isArray(list)) list.reverse();
  };
  const routing = (properties.routing ?? {}) as HubDescription;
  for (const kind of ROUTING_ENDPOINT_KINDS) reverse(routing.endpoints?.[kind]);
  reverse(routing.routes);
  reverse(routing.enrichments);
  for (const enrichment of (routing.enrichments ?? []) as HubDescription[]) reverse(enrichment.endpointNames);
  reverse(properties.ipFilterRules);
  reverse(properties.networkRuleSets?.ipRules);
  reverse(properties.allowedFqdnList);
}
