import { onlyOwnerTag, ownerTag } from "../ownership";
import { deepMerge, isPlainObject, toPlain } from "../values";
import type { IotHubDescription, IotHubProperties, SharedAccessSignatureAuthorizationRule } from "../arm";
import type { HubInputs } from "./inputs";
import { DEFAULT_PARTITIONS_PAID, DEFAULT_RETENTION_DAYS, FREE_PARTITIONS } from "./rules";

/** Fields the service owns; sending them back is at best ignored. */
const READ_ONLY_TOP = ["id", "name", "type", "etag", "systemData"] as const;
const READ_ONLY_PROPERTIES = ["provisioningState", "state", "hostName", "locations"] as const;
const READ_ONLY_ENDPOINT = ["partitionIds", "path", "endpoint"] as const;

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
  const body: IotHubDescription = {
    location: inputs.location,
    tags: { ...(inputs.tags ?? {}), ...ownerTag(inputs.__owner) },
    sku: { name: inputs.sku.name, capacity: inputs.sku.capacity ?? 1 },
    properties,
  };
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
export function updateBody(inputs: HubInputs, remote: IotHubDescription, remoteRules: SharedAccessSignatureAuthorizationRule[]): IotHubDescription {
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
    properties.authorizationPolicies = inputs.authorizationPolicies.map((p) => keepKeys(p, remoteRules));
  }
  if (inputs.comments !== undefined) properties.comments = inputs.comments;
  if (inputs.features !== undefined) properties.features = inputs.features;
  const merged = isPlainObject(inputs.properties) ? (deepMerge(properties, inputs.properties) as IotHubProperties) : properties;
  body.properties = merged;
  return toPlain(body);
}

/** A managed policy keeps the keys it already has, so an update never rotates keys by accident. */
function keepKeys(policy: { keyName: string; rights: string }, remoteRules: SharedAccessSignatureAuthorizationRule[]): SharedAccessSignatureAuthorizationRule {
  const existing = remoteRules.find((r) => r.keyName.toLowerCase() === policy.keyName.toLowerCase());
  return { keyName: policy.keyName, rights: policy.rights, primaryKey: existing?.primaryKey, secondaryKey: existing?.secondaryKey };
}
