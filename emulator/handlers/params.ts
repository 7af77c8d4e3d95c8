import { header, type RequestContext } from "../context";
import type { ConditionalHeaders } from "../preconditions";
import type { HubAddress } from "../store/hubs";

/** Path parameter names are the swaggers' (2016-02-03 and 2023-06-30). */
export function hubAddress(ctx: RequestContext): HubAddress {
  return {
    subscriptionId: ctx.params.subscriptionId,
    resourceGroup: ctx.params.resourceGroupName,
    name: ctx.params.resourceName,
  };
}

export function conditionalHeaders(ctx: RequestContext): ConditionalHeaders {
  return { ifMatch: header(ctx, "if-match"), ifNoneMatch: header(ctx, "if-none-match") };
}

export function pageOptions(ctx: RequestContext): { pageSize: number; skipToken: string | undefined; baseUrl: string; path: string; apiVersion: string } {
  return {
    pageSize: ctx.core.config.pageSize,
    skipToken: ctx.query.get("$skiptoken") ?? undefined,
    baseUrl: ctx.baseUrl,
    path: ctx.path,
    apiVersion: ctx.apiVersion,
  };
}
