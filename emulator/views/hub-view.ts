import { isLegacy } from "../api-versions";
import { clone, LEGACY_PROPERTY_NAMES } from "../store/hub-defaults";
import type { HubDescription, HubRecord } from "../store/model";

/** Top-level keys of IotHubDescription in 2016-02-03 (Resource + the 2016 swagger's additions). */
const LEGACY_TOP_LEVEL = ["id", "name", "type", "location", "tags", "subscriptionid", "resourcegroup", "etag", "properties", "sku"];

/**
 * The hub as a response body in the request's api-version.
 * - Keys never appear: "Security-related properties are set to null" on GET (swagger 2016); only listkeys shows them.
 * - 2016-02-03: only the 2016 swagger's fields, `operationsMonitoringEvents` always present (both are required).
 * - 2023-06-30: no 2016-only fields; `identity` and `systemData` as the real GET has them (azure-cli recording).
 * - `includeEtag: false` for the create 201, whose real body has no etag yet (azure-cli recording).
 * Sources: docs/IOTHUB-ARM.md, "The objects", "Long-running operations".
 */
export function renderHub(hub: HubRecord, apiVersion: string, o: { includeEtag: boolean } = { includeEtag: true }): HubDescription {
  const d = clone(hub.description);
  delete d.properties.authorizationPolicies;
  if (!o.includeEtag) delete d.etag;
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
