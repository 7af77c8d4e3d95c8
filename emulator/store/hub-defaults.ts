import { isLegacy } from "../api-versions";
import { invalidBody } from "../errors/factory";
import { newSharedAccessKey } from "../ids";
import { normalizeAccessRights } from "./access-rights";
import { checkedIdentity, composeIdentity } from "./hub-identity";
import {
  composeCloudToDevice,
  composeMessagingEndpoints,
  composeStorageEndpoints,
  defaultCloudToDevice,
  defaultMessagingEndpoints,
  defaultStorageEndpoints,
} from "./hub-messaging";
import { normalizeNetworkSettings } from "./hub-network";
import { composeRouting, defaultRouting } from "./hub-routing";
import type { CheckedEndpoints, CheckedSku } from "./hub-rules";
import type { HubDescription } from "./model";

/**
 * Builds the stored description from a PUT body: client fields from the body (PUT is full replacement: "If certain
 * properties are missing in the JSON, updating IoT Hub may cause these values to fallback to default", both swaggers),
 * server-assigned fields kept or filled in (docs/IOTHUB-ARM.md, "The objects"; example bodies in the 2023-06-30
 * swagger's examples).
 */

/** The properties the 2016-02-03 swagger knows (IotHubProperties), plus the `state` the service also sends. */
export const LEGACY_PROPERTY_NAMES = [
  "authorizationPolicies",
  "ipFilterRules",
  "provisioningState",
  "state",
  "hostName",
  "eventHubEndpoints",
  "storageEndpoints",
  "messagingEndpoints",
  "enableFileUploadNotifications",
  "cloudToDevice",
  "comments",
  "operationsMonitoringProperties",
  "features",
];

/** Server-owned, read-only properties: whatever a client sends for them is ignored. */
const READ_ONLY_PROPERTIES = ["provisioningState", "state", "hostName", "locations", "privateEndpointConnections"];

/** Default shared access policies of a new hub (example iothub_listkeys.json; docs/IOTHUB-ARM.md, "The objects"). */
export const DEFAULT_POLICIES: ReadonlyArray<{ keyName: string; rights: string }> = [
  { keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect" },
  { keyName: "service", rights: "ServiceConnect" },
  { keyName: "device", rights: "DeviceConnect" },
  { keyName: "registryRead", rights: "RegistryRead" },
  { keyName: "registryReadWrite", rights: "RegistryWrite" },
];

export interface AuthorizationPolicy {
  keyName: string;
  primaryKey: string;
  secondaryKey: string;
  rights: string;
}

/**
 * Keys given in the body are kept; missing keys are generated — except that a policy that already existed under
 * the same name keeps its keys (GET never returns keys, so a GET-modify-PUT must not rotate them). Without
 * `authorizationPolicies` the hub gets the five defaults ("If not present, IoT Hub will have default authorization
 * policies", the seed's create page; docs/IOTHUB-ARM.md, "The objects").
 */
export function composePolicies(given: unknown, previous: AuthorizationPolicy[] | undefined): AuthorizationPolicy[] {
  const previousByName = new Map((previous ?? []).map((p) => [p.keyName.toLowerCase(), p]));
  let source: Array<Partial<AuthorizationPolicy>>;
  if (given === undefined || given === null) source = DEFAULT_POLICIES.map((p) => ({ ...p }));
  else if (Array.isArray(given)) source = given as Array<Partial<AuthorizationPolicy>>;
  else throw invalidBody("authorizationPolicies must be an array.");
  const seen = new Set<string>();
  return source.map((p) => {
    if (typeof p?.keyName !== "string" || p.keyName === "" || typeof p.rights !== "string" || p.rights === "") {
      throw invalidBody("Each authorization policy needs 'keyName' and 'rights'.");
    }
    const lower = p.keyName.toLowerCase();
    if (seen.has(lower)) throw invalidBody(`Duplicate authorization policy '${p.keyName}'.`);
    seen.add(lower);
    const before = previousByName.get(lower);
    return {
      keyName: p.keyName,
      primaryKey: p.primaryKey || before?.primaryKey || newSharedAccessKey(),
      secondaryKey: p.secondaryKey || before?.secondaryKey || newSharedAccessKey(),
      rights: normalizeAccessRights(p.rights, p.keyName),
    };
  });
}

export interface ComposeInput {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  apiVersion: string;
  body: HubDescription;
  sku: CheckedSku;
  endpoints: CheckedEndpoints;
  previous?: HubDescription;
  namespaceNumber: number;
  nowMs: number;
}

export function hubResourceId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Devices/IotHubs/${name}`;
}

export function composeDescription(input: ComposeInput): HubDescription {
  const { body, previous, name } = input;
  const legacy = isLegacy(input.apiVersion);
  const bodyProperties = clone(body.properties ?? {}) as HubDescription;
  if (typeof bodyProperties !== "object" || Array.isArray(bodyProperties)) throw invalidBody("properties must be an object.");

  // 2016 cannot express the newer properties: keep what a 2023 client stored rather than wiping it.
  const carried: HubDescription = {};
  if (legacy && previous?.properties) {
    for (const [k, v] of Object.entries(previous.properties)) if (!LEGACY_PROPERTY_NAMES.includes(k)) carried[k] = v;
  }
  const properties: HubDescription = { ...carried, ...bodyProperties };
  for (const k of READ_ONLY_PROPERTIES) delete properties[k];

  const lowerName = name.toLowerCase();
  const endpointHost = `sb://iothub-ns-${lowerName}-${input.namespaceNumber}.servicebus.windows.net/`;
  const eventHubEndpoints: HubDescription = {
    events: {
      ...input.endpoints.events,
      partitionIds: partitionIds(input.endpoints.events.partitionCount),
      path: lowerName,
      endpoint: endpointHost,
    },
  };
  const monitoring = input.endpoints.operationsMonitoringEvents ?? previous?.properties?.eventHubEndpoints?.operationsMonitoringEvents;
  if (monitoring) {
    eventHubEndpoints.operationsMonitoringEvents = {
      retentionTimeInDays: monitoring.retentionTimeInDays,
      partitionCount: monitoring.partitionCount,
      partitionIds: partitionIds(monitoring.partitionCount),
      path: `${lowerName}-operationmonitoring`,
      endpoint: endpointHost,
    };
  }

  const location = String(body.location);
  const identity = composeIdentity(legacy ? previous?.identity : body.identity, previous?.identity);
  const merged: HubDescription = { ...defaultProperties(), ...properties };
  // 2016 has no routing: a 2016 PUT keeps what is stored (carried above) and checks nothing of it
  if (!legacy) merged.routing = composeRouting(bodyProperties.routing, { free: input.sku.tier === "Free", previous, identity: checkedIdentity(identity) });
  merged.storageEndpoints = composeStorageEndpoints(properties.storageEndpoints, previous?.properties?.storageEndpoints, checkedIdentity(identity));
  merged.messagingEndpoints = composeMessagingEndpoints(properties.messagingEndpoints);
  merged.cloudToDevice = composeCloudToDevice(properties.cloudToDevice);
  normalizeNetworkSettings(merged);
  const result: HubDescription = {
    id: hubResourceId(input.subscriptionId, input.resourceGroup, name),
    name,
    type: "Microsoft.Devices/IotHubs",
    location,
    tags: clone(body.tags ?? {}),
    subscriptionid: input.subscriptionId,
    resourcegroup: input.resourceGroup,
    etag: previous?.etag,
    properties: {
      ...merged,
      authorizationPolicies: composePolicies(bodyProperties.authorizationPolicies, previous?.properties?.authorizationPolicies),
      hostName: `${lowerName}.azure-devices.net`,
      eventHubEndpoints,
      locations: [{ location, role: "primary" }],
      state: previous?.properties?.state,
      provisioningState: previous?.properties?.provisioningState,
    },
    sku: { name: input.sku.name, tier: input.sku.tier, capacity: input.sku.capacity },
    identity,
    systemData: previous?.systemData ?? { createdAt: new Date(input.nowMs).toISOString() },
  };
  return result;
}

function partitionIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i));
}

/**
 * Defaults as the real create example shows them (the 2023-06-30 example iothub_createOrUpdate.json), with the
 * fifth endpoint list `cosmosDBSqlContainers: []` that real 2023-06-30 GETs also show (emulator/README.md, "Hub
 * settings"); `enrichments` absent, as in the example.
 */
function defaultProperties(): HubDescription {
  return {
    ipFilterRules: [],
    routing: defaultRouting(),
    storageEndpoints: defaultStorageEndpoints(),
    messagingEndpoints: defaultMessagingEndpoints(),
    enableFileUploadNotifications: false,
    cloudToDevice: defaultCloudToDevice(),
    features: "None",
  };
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
