import { randomBytes } from "node:crypto";
import { onlyOwnerTag, ownerTag } from "../ownership";
import { deepMerge, isPlainObject, toPlain } from "../values";
import type { IotHubDescription, IotHubProperties, SharedAccessSignatureAuthorizationRule } from "../arm";
import { rotateTriggerOf } from "./outputs";
import { wireIdentity } from "./compare";
import type { AuthorizationPolicy, HubInputs } from "./inputs";
import { PROPERTY_SETTINGS } from "./inputs";
import { DEFAULT_PARTITIONS_PAID, DEFAULT_RETENTION_DAYS, FREE_PARTITIONS } from "./rules";

/** Fields the service owns; sending them back is at best ignored. */
const READ_ONLY_TOP = ["id", "name", "type", "etag", "systemData"] as const;
const READ_ONLY_PROPERTIES = ["provisioningState", "state", "hostName", "locations"] as const;
const READ_ONLY_ENDPOINT = ["partitionIds", "path", "endpoint"] as const;

/** Azure's fallback route of a new hub (example iothub_createOrUpdate.json, 2023-06-30). */
const DEFAULT_FALLBACK_ROUTE = { name: "$fallback", source: "DeviceMessages", condition: "true", isEnabled: true } as const;

/** PUT body that creates the hub from the program's inputs alone. */
export function createBody(inputs: HubInputs): IotHubDescription {
  const partitionCount = inputs.eventHubs?.partitionCount ?? (inputs.sku.name === "F1" ? FREE_PARTITIONS : DEFAULT_PARTITIONS_PAID);
  const events = { retentionTimeInDays: inputs.eventHubs?.retentionTimeInDays ?? DEFAULT_RETENTION_DAYS, partitionCount };
  const eventHubEndpoints: Record<string, unknown> = { events };
  if (inputs.apiVersion === "2016-02-03") {
    // 2016-02-03: "Both of these keys have to be present" on create and update (swagger IotIotHubProperties).
    eventHubEndpoints.operationsMonitoringEvents = { ...events };
  }
  const properties: IotHubProperties = {
    ...(inputs.properties ?? {}),
    eventHubEndpoints: eventHubEndpoints as IotHubProperties["eventHubEndpoints"],
    cloudToDevice: inputs.cloudToDevice as Record<string, unknown> | undefined,
    ipFilterRules: inputs.ipFilterRules,
    // No keys: the service generates them (they come back through listkeys only).
    authorizationPolicies: inputs.authorizationPolicies?.map((p) => ({ keyName: p.keyName, rights: p.rights })),
    comments: inputs.comments,
    features: inputs.features,
  };
  const settings = properties as Record<string, unknown>;
  for (const key of PROPERTY_SETTINGS) if (inputs[key] !== undefined) settings[key] = inputs[key];
  // A routing written without a fallback route gets a disabled one (swagger: "not present → disabled"): messages no
  // route matches would be dropped. Without a fallback route in the program, the hub gets Azure's default, enabled.
  if (inputs.routing !== undefined && inputs.routing.fallbackRoute === undefined) {
    settings.routing = { ...inputs.routing, fallbackRoute: { ...DEFAULT_FALLBACK_ROUTE, endpointNames: ["events"] } };
  }
  const body: IotHubDescription = {
    location: inputs.location,
    tags: { ...(inputs.tags ?? {}), ...ownerTag(inputs.__owner) },
    sku: { name: inputs.sku.name, capacity: inputs.sku.capacity ?? 1 },
    properties,
  };
  if (inputs.identity !== undefined) body.identity = wireIdentity(inputs.identity);
  if (inputs.apiVersion === "2016-02-03") {
    // Required in the 2016-02-03 IotHubDescription schema.
    body.subscriptionid = inputs.subscriptionId;
    body.resourcegroup = inputs.resourceGroupName;
  }
  return toPlain(body);
}

/**
 * PUT body for an existing hub: PUT is full replacement ("If certain properties are missing in the
 * JSON, updating IoT Hub may cause these values to fallback to default", swagger), so start from the
 * current remote document, put back the authorization policies with their keys (GET never returns
 * them; listkeys does), then lay the managed fields over it. Nothing the program does not manage is
 * wiped: routing, endpoints, policies, network rules stay as they are.
 */
export function updateBody(inputs: HubInputs, remote: IotHubDescription, remoteRules: SharedAccessSignatureAuthorizationRule[],
  olds?: Record<string, unknown>): IotHubDescription {
  const body = toPlain(remote);
  for (const key of READ_ONLY_TOP) delete body[key];
  const properties: IotHubProperties = body.properties ?? {};
  for (const key of READ_ONLY_PROPERTIES) delete properties[key];
  for (const endpoint of Object.values(properties.eventHubEndpoints ?? {})) {
    for (const key of READ_ONLY_ENDPOINT) delete endpoint[key];
  }
  properties.authorizationPolicies = remoteRules.map((r) => ({ ...r }));

  if (inputs.tags !== undefined) body.tags = { ...inputs.tags, ...onlyOwnerTag(remote.tags) };
  body.sku = { name: inputs.sku.name, capacity: inputs.sku.capacity ?? remote.sku?.capacity ?? 1 };
  if (inputs.eventHubs !== undefined && properties.eventHubEndpoints?.events) {
    properties.eventHubEndpoints.events = deepMerge(properties.eventHubEndpoints.events, inputs.eventHubs) as typeof properties.eventHubEndpoints.events;
  }
  if (inputs.cloudToDevice !== undefined) {
    properties.cloudToDevice = deepMerge(properties.cloudToDevice ?? {}, inputs.cloudToDevice) as Record<string, unknown>;
  }
  if (inputs.ipFilterRules !== undefined) properties.ipFilterRules = inputs.ipFilterRules;
  if (inputs.authorizationPolicies !== undefined) {
    properties.authorizationPolicies = inputs.authorizationPolicies.map((p) => keepKeys(p, remoteRules, olds?.authorizationPolicies));
  }
  // Typed settings: objects merge over what the hub has (the fallback route keeps its name, a storage endpoint its
  // defaults), lists and scalars replace. Endpoints the program does not list go back as Azure answered them,
  // their connection strings masked, which Azure takes as "unchanged".
  for (const key of PROPERTY_SETTINGS) {
    if (inputs[key] !== undefined) (properties as Record<string, unknown>)[key] = deepMerge(properties[key], inputs[key]);
  }
  if (inputs.identity !== undefined) body.identity = wireIdentity(inputs.identity);
  else if (body.identity !== undefined) body.identity = { type: body.identity.type, userAssignedIdentities: body.identity.userAssignedIdentities };
  if (inputs.comments !== undefined) properties.comments = inputs.comments;
  if (inputs.features !== undefined) properties.features = inputs.features;
  const merged = isPlainObject(inputs.properties) ? (deepMerge(properties, inputs.properties) as IotHubProperties) : properties;
  body.properties = merged;
  return toPlain(body);
}

/**
 * A managed policy keeps the keys it already has, so an update never rotates keys by accident. Rotation is explicit:
 * a policy whose `rotateKeys` trigger is set and differs from the one in state (and that existed in state) gets two new keys,
 * made here and sent, since Azure keeps a policy's keys when a PUT leaves them out (README, "Key rotation").
 */
function keepKeys(policy: AuthorizationPolicy, remoteRules: SharedAccessSignatureAuthorizationRule[], statePolicies: unknown): SharedAccessSignatureAuthorizationRule {
  const existing = remoteRules.find((r) => r.keyName.toLowerCase() === policy.keyName.toLowerCase());
  const inState = Array.isArray(statePolicies) && statePolicies.some((p) => String(p?.keyName).toLowerCase() === policy.keyName.toLowerCase());
  if (existing !== undefined && inState && policy.rotateKeys !== undefined && rotateTriggerOf(statePolicies, policy.keyName) !== policy.rotateKeys) {
    return { keyName: policy.keyName, rights: policy.rights, primaryKey: newSharedAccessKey(), secondaryKey: newSharedAccessKey() };
  }
  return { keyName: policy.keyName, rights: policy.rights, primaryKey: existing?.primaryKey, secondaryKey: existing?.secondaryKey };
}

/** 32 random bytes in base64, the form of the keys Azure generates. */
function newSharedAccessKey(): string {
  return randomBytes(32).toString("base64");
}
