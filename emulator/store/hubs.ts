import type { EmulatorCore } from "../core";
import { hubNotActive, hubNotFound, iotHubError, invalidBody } from "../errors/factory";
import { IH } from "../errors/iothub-codes";
import { randomSalt } from "../ids";
import { checkDelete, checkPut, type ConditionalHeaders } from "../preconditions";
import { composeDescription, type AuthorizationPolicy } from "./hub-defaults";
import {
  checkEventHubEndpoints,
  checkFreeQuota,
  checkHubName,
  checkLocationChange,
  checkSku,
  checkSkuChange,
  type CheckedSku,
} from "./hub-rules";
import type { HubDescription, HubRecord, OperationRecord } from "./model";
import { requireGroup } from "./resource-groups";

/**
 * Hub create/update/delete and key reads: the service's rules (docs/IOTHUB-ARM.md, "ETags", "Long-running operations",
 * "Names and limits") on top of the state store.
 */
export interface HubAddress {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** The group must exist (ARM 404 ResourceGroupNotFound), then the hub (ARM 404 ResourceNotFound). */
export function requireHub(core: EmulatorCore, a: HubAddress): HubRecord {
  requireGroup(core, a.subscriptionId, a.resourceGroup);
  const hub = core.store.findHub(a.subscriptionId, a.resourceGroup, a.name);
  if (!hub) throw hubNotFound(a.resourceGroup, a.name);
  return hub;
}

/**
 * While an operation or another writer's update runs, every write is refused with 409 IH409002 (docs/IOTHUB-ARM.md,
 * "409 while not Active").
 */
export function requireNotBusy(core: EmulatorCore, hub: HubRecord): void {
  if (core.lro.isBusy(hub)) throw hubNotActive(hub.name);
}

export interface PutHubResult {
  created: boolean;
  hub: HubRecord;
  operation: OperationRecord;
}

export function putHub(
  core: EmulatorCore,
  a: HubAddress,
  body: unknown,
  conditions: ConditionalHeaders,
  apiVersion: string,
): PutHubResult {
  requireGroup(core, a.subscriptionId, a.resourceGroup);
  const existing = core.store.findHub(a.subscriptionId, a.resourceGroup, a.name);
  const decision = checkPut(conditions, existing?.description.etag);
  if (existing) requireNotBusy(core, existing);
  if (decision === "create") {
    checkHubName(a.name);
    const holder = core.store.findHubByName(a.name);
    if (holder) {
      // another subscription or group owns the DNS name (docs/IOTHUB-ARM.md, "Names and limits")
      throw iotHubError(IH.IotHubNameNotAvailable, `IotHub name '${a.name}' is not available`);
    }
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidBody("The request body must be an IotHubDescription object.");
  const description = body as HubDescription;
  if (typeof description.location !== "string" || description.location === "") throw invalidBody("The 'location' property is required.");
  if (description.properties !== undefined && (typeof description.properties !== "object" || description.properties === null)) {
    throw invalidBody("properties must be an object.");
  }
  const sku = checkSku(description.sku, apiVersion);
  const previous = existing?.description;
  if (previous) {
    checkLocationChange(String(previous.location), description.location);
    checkSkuChange(storedSku(previous), sku);
  }
  const endpoints = checkEventHubEndpoints(description.properties?.eventHubEndpoints, { apiVersion, sku, previous });
  if (sku.tier === "Free" && previous?.sku?.tier !== "Free") {
    const freeHubs = core.store.hubsIn(a.subscriptionId).filter((h) => h !== existing && h.description.sku?.tier === "Free");
    checkFreeQuota(freeHubs.length);
  }

  const hub: HubRecord = existing ?? {
    subscriptionId: a.subscriptionId,
    resourceGroup: a.resourceGroup,
    name: a.name,
    etagCounter: 0,
    etagSalt: randomSalt(),
    description: {},
    consumerGroups: {},
    namespaceNumber: ++core.store.state.namespaceSeries,
  };
  hub.description = composeDescription({
    subscriptionId: hub.subscriptionId,
    resourceGroup: hub.resourceGroup,
    name: hub.name,
    apiVersion,
    body: description,
    sku,
    endpoints,
    previous,
    namespaceNumber: hub.namespaceNumber,
    nowMs: core.now(),
  });
  if (!existing) core.store.state.hubs.push(hub);
  // a hub whose creation failed is created again rather than updated
  const kind = !existing || previous?.properties?.state === "ActivationFailed" ? "create" : "update";
  if (kind === "update" && Boolean(previous?.properties?.disableLocalAuth) !== Boolean(hub.description.properties?.disableLocalAuth)) {
    // the real service answers 404 for a while after such an update (docs/IOTHUB-ARM.md, "404 after an update")
    core.faults.armNotFoundAfterUpdateUnlessArmed(hub.name, core.config.notFoundGetsAfterLocalAuthChange);
  }
  const operation = core.lro.begin(hub, kind, apiVersion, existing ? 200 : 201);
  return { created: !existing, hub, operation };
}

/** PATCH (2023-06-30 only): tags, as TagsResource (swagger 2023; example iothub_patch.json). Runs like an update. */
export function patchHubTags(
  core: EmulatorCore,
  a: HubAddress,
  body: unknown,
  conditions: ConditionalHeaders,
  apiVersion: string,
): { hub: HubRecord; operation: OperationRecord } {
  const hub = requireHub(core, a);
  // The seed: "All PUT/PATCH operations require … If-Match"; the PUT table applies (the hub exists here).
  checkPut(conditions, hub.description.etag);
  requireNotBusy(core, hub);
  const tags = (body as { tags?: unknown } | null)?.tags;
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) throw invalidBody("PATCH needs a body {\"tags\":{...}}.");
  hub.description.tags = { ...(tags as Record<string, string>) };
  const operation = core.lro.begin(hub, "update", apiVersion);
  return { hub, operation };
}

export type DeleteHubResult = { kind: "absent" } | { kind: "started"; operation: OperationRecord };

export function deleteHub(core: EmulatorCore, a: HubAddress, conditions: ConditionalHeaders, apiVersion: string): DeleteHubResult {
  requireGroup(core, a.subscriptionId, a.resourceGroup);
  const hub = core.store.findHub(a.subscriptionId, a.resourceGroup, a.name);
  // A repeated DELETE while the hub is already being deleted gets the same operation (safe to retry), also
  // with the If-Match of the first attempt: Deleting itself changed the etag since.
  const running = hub?.transition?.kind === "delete" && hub.transition.operationId ? core.store.findOperation(hub.transition.operationId) : undefined;
  if (running) return { kind: "started", operation: running };
  if (checkDelete(conditions, hub?.description.etag) === "absent" || !hub) return { kind: "absent" };
  requireNotBusy(core, hub);
  return { kind: "started", operation: core.lro.begin(hub, "delete", apiVersion) };
}

export function listKeys(core: EmulatorCore, a: HubAddress): AuthorizationPolicy[] {
  const hub = requireHub(core, a);
  return (hub.description.properties?.authorizationPolicies ?? []) as AuthorizationPolicy[];
}

export function getKey(core: EmulatorCore, a: HubAddress, keyName: string): AuthorizationPolicy {
  const policy = listKeys(core, a).find((p) => p.keyName.toLowerCase() === keyName.toLowerCase());
  if (!policy) throw iotHubError(IH.KeyNameNotFound, `The key name '${keyName}' was not found on IotHub '${a.name}'.`);
  return policy;
}

function storedSku(d: HubDescription): CheckedSku {
  return { name: String(d.sku?.name), tier: d.sku?.tier, capacity: Number(d.sku?.capacity) };
}
