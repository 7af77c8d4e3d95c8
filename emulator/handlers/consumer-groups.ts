import type { HandlerResult, RequestContext } from "../context";
import {
  deleteConsumerGroup,
  groupsOf,
  putConsumerGroup,
  requireConsumerGroup,
  resolveEndpoint,
} from "../store/consumer-groups";
import { requireHub } from "../store/hubs";
import { renderConsumerGroup, renderConsumerGroupListItem } from "../views/consumer-group-view";
import { paginate } from "../views/paging";
import { hubAddress, pageOptions } from "./params";

/** `.../eventHubEndpoints/{eventHubEndpointName}/ConsumerGroups[/{name}]` (docs/IOTHUB-ARM.md, "Consumer groups"). */

function target(ctx: RequestContext): { hub: ReturnType<typeof requireHub>; endpoint: string } {
  const hub = requireHub(ctx.core, hubAddress(ctx));
  return { hub, endpoint: resolveEndpoint(ctx.params.eventHubEndpointName, ctx.apiVersion) };
}

export function listConsumerGroups(ctx: RequestContext): HandlerResult {
  const { hub, endpoint } = target(ctx);
  const items = groupsOf(hub, endpoint).map((g) => renderConsumerGroupListItem(hub, endpoint, g, ctx.apiVersion));
  return { status: 200, body: paginate(items, pageOptions(ctx)) };
}

export function getConsumerGroup(ctx: RequestContext): HandlerResult {
  const { hub, endpoint } = target(ctx);
  const group = requireConsumerGroup(hub, endpoint, ctx.params.name);
  return { status: 200, body: renderConsumerGroup(hub, endpoint, group, ctx.apiVersion) };
}

export function putConsumerGroupHandler(ctx: RequestContext): HandlerResult {
  const { hub, endpoint } = target(ctx);
  const { group } = putConsumerGroup(ctx.core, hub, { endpoint, name: ctx.params.name, body: ctx.body, apiVersion: ctx.apiVersion });
  return { status: 200, body: renderConsumerGroup(hub, endpoint, group, ctx.apiVersion) };
}

/** 200 with an empty body, as the real service (content-length 0; docs/IOTHUB-ARM.md, "Consumer groups"). */
export function deleteConsumerGroupHandler(ctx: RequestContext): HandlerResult {
  const { hub, endpoint } = target(ctx);
  const { deleted } = deleteConsumerGroup(ctx.core, hub, { endpoint, name: ctx.params.name });
  return { status: deleted ? 200 : 204 };
}
