import type { HandlerResult, RequestContext } from "../context";
import { resourceGroupNotFound } from "../errors/factory";
import { deleteGroup, putGroup, renderGroup } from "../store/resource-groups";

/**
 * Minimal `/subscriptions/{s}/resourcegroups/{rg}` (emulator/README.md, "What it serves"): PUT 201/200, GET 200/404,
 * DELETE 200/204.
 */

export function putResourceGroup(ctx: RequestContext): HandlerResult {
  const body = (typeof ctx.body === "object" && ctx.body !== null ? ctx.body : {}) as { location?: unknown; tags?: unknown };
  const { created, group } = putGroup(ctx.core, {
    subscriptionId: ctx.params.subscriptionId,
    name: ctx.params.resourceGroupName,
    location: body.location,
    tags: body.tags,
  });
  return { status: created ? 201 : 200, body: renderGroup(group) };
}

export function getResourceGroup(ctx: RequestContext): HandlerResult {
  const group = ctx.core.store.findGroup(ctx.params.subscriptionId, ctx.params.resourceGroupName);
  if (!group) throw resourceGroupNotFound(ctx.params.resourceGroupName);
  return { status: 200, body: renderGroup(group) };
}

/** HEAD (ARM "check existence"): 204 when the group exists, 404 without a body otherwise. */
export function resourceGroupExists(ctx: RequestContext): HandlerResult {
  const group = ctx.core.store.findGroup(ctx.params.subscriptionId, ctx.params.resourceGroupName);
  return { status: group ? 204 : 404 };
}

/** Real ARM deletes groups asynchronously; the emulator does it at once (hubs included). */
export function deleteResourceGroup(ctx: RequestContext): HandlerResult {
  const deleted = deleteGroup(ctx.core, ctx.params.subscriptionId, ctx.params.resourceGroupName);
  return { status: deleted ? 200 : 204 };
}
