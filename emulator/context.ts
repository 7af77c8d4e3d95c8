import type { IncomingHttpHeaders } from "node:http";
import type { EmulatorCore } from "./core";

/** What a handler gets: the parsed request and the emulator it runs in. */
export interface RequestContext {
  method: string;
  /** URL path without the query, as sent (percent-encoded) */
  path: string;
  query: URLSearchParams;
  /** decoded path parameters of the matched route */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** parsed JSON body; undefined when the request had none */
  body: unknown;
  /** the validated api-version (may be "" on routes that take none) */
  apiVersion: string;
  /** `http(s)://<host the client used>`, for URLs the client must call back (operations, nextLink) */
  baseUrl: string;
  core: EmulatorCore;
}

/** What a handler answers. `body: undefined` sends no body; `null` sends the JSON literal `null`. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

export function header(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
