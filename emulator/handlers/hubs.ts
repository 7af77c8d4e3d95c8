import type { HandlerResult, RequestContext } from "../context";
import { hubNotFound } from "../errors/factory";
import { operationUrls } from "../lro/operation-urls";
import { deleteHub, getKey, listKeys, patchHubTags, putHub, requireHub } from "../store/hubs";
import { requireGroup } from "../store/resource-groups";
import { renderHub } from "../views/hub-view";
import { paginate } from "../views/paging";
import { conditionalHeaders, hubAddress, pageOptions } from "./params";

/** Thin handlers for `.../IotHubs/{resourceName}` and the hub lists (docs/IOTHUB-ARM.md, "Operations"). */

export function viewOptions(ctx: RequestContext): { reorderLists: boolean } {
  return { reorderLists: ctx.core.config.reorderLists };
}

export function getHub(ctx: RequestContext): HandlerResult {
  const a = hubAddress(ctx);
  const hub = requireHub(ctx.core, a);
  // injected quirk: ARM 404 for a while after an update (docs/IOTHUB-ARM.md, "404 after an update")
  if (ctx.core.faults.takeNotFoundGet(hub.name)) throw hubNotFound(a.resourceGroup, a.name);
  return { status: 200, body: renderHub(hub, ctx.apiVersion, viewOptions(ctx)) };
}

/**
 * Seed "For asynchronous calls" (docs/IOTHUB-ARM.md, "Long-running operations"): create → 201 + Azure-AsyncOperation,
 * body `provisioningState: Accepted` without etag (azure-cli recording); update of an existing hub → 200 (the ETag
 * table) + Azure-AsyncOperation, the hub transitions.
 */
export function putHubHandler(ctx: RequestContext): HandlerResult {
  const result = putHub(ctx.core, hubAddress(ctx), ctx.body, conditionalHeaders(ctx), ctx.apiVersion);
  const urls = operationUrls(ctx.baseUrl, result.operation);
  const body = renderHub(result.hub, ctx.apiVersion, { ...viewOptions(ctx), includeEtag: !result.created });
  // The real 2023 create answer has provisioningState Accepted and neither etag nor state (azure-cli recording).
  if (result.created && body.properties) delete body.properties.state;
  return { status: result.created ? 201 : 200, body, headers: { "Azure-AsyncOperation": urls.asyncOperation } };
}

export function patchHub(ctx: RequestContext): HandlerResult {
  const result = patchHubTags(ctx.core, hubAddress(ctx), ctx.body, conditionalHeaders(ctx), ctx.apiVersion);
  const urls = operationUrls(ctx.baseUrl, result.operation);
  return { status: 200, body: renderHub(result.hub, ctx.apiVersion, viewOptions(ctx)), headers: { "Azure-AsyncOperation": urls.asyncOperation } };
}

/**
 * Seed: absent → 204; existing → 202 with Location, Retry-After and Azure-AsyncOperation; real body `null` (azure-cli
 * recording; docs/IOTHUB-ARM.md, "Long-running operations").
 */
export function deleteHubHandler(ctx: RequestContext): HandlerResult {
  const result = deleteHub(ctx.core, hubAddress(ctx), conditionalHeaders(ctx), ctx.apiVersion);
  if (result.kind === "absent") return { status: 204 };
  const urls = operationUrls(ctx.baseUrl, result.operation);
  return {
    status: 202,
    body: null,
    headers: {
      "Azure-AsyncOperation": urls.asyncOperation,
      Location: urls.location,
      "Retry-After": String(ctx.core.config.retryAfterSeconds),
    },
  };
}

export function listHubsInGroup(ctx: RequestContext): HandlerResult {
  const { subscriptionId, resourceGroupName } = ctx.params;
  requireGroup(ctx.core, subscriptionId, resourceGroupName);
  const hubs = ctx.core.store.hubsIn(subscriptionId, resourceGroupName).map((h) => renderHub(h, ctx.apiVersion, viewOptions(ctx)));
  return { status: 200, body: paginate(hubs, pageOptions(ctx)) };
}

export function listHubsInSubscription(ctx: RequestContext): HandlerResult {
  const hubs = ctx.core.store.hubsIn(ctx.params.subscriptionId).map((h) => renderHub(h, ctx.apiVersion, viewOptions(ctx)));
  return { status: 200, body: paginate(hubs, pageOptions(ctx)) };
}

/** POST listkeys: the only place keys appear, pageable `{value, nextLink}` (both swaggers; docs/IOTHUB-ARM.md). */
export function listKeysHandler(ctx: RequestContext): HandlerResult {
  return { status: 200, body: paginate(listKeys(ctx.core, hubAddress(ctx)), pageOptions(ctx)) };
}

export function getKeyHandler(ctx: RequestContext): HandlerResult {
  return { status: 200, body: getKey(ctx.core, hubAddress(ctx), ctx.params.keyName) };
}

/** GET .../IotHubStats: the emulator has no devices (the shape of the 2023-06-30 example iothub_stats.json). */
export function getStats(ctx: RequestContext): HandlerResult {
  requireHub(ctx.core, hubAddress(ctx));
  return { status: 200, body: { totalDeviceCount: 0, enabledDeviceCount: 0, disabledDeviceCount: 0 } };
}
