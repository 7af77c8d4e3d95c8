/**
 * How requests leave the process: one keep-alive pool per endpoint, through a proxy when the environment
 * says so, and never with a bearer token over plain http except to loopback.
 *
 * Why not undici's EnvHttpProxyAgent: checked against undici 7.30 (lib/dispatcher/env-http-proxy-agent.js),
 * it proxies loopback unless NO_PROXY lists it (a corporate HTTPS_PROXY would then swallow emulator traffic),
 * an IPv6 literal never matches (it compares `[::1]` with the entry `::1`), and CIDR entries (`10.0.0.0/8`)
 * are not understood. A client talks to one endpoint, so the decision is made once here, with those cases
 * handled, and undici's own ProxyAgent (CONNECT tunnel for https) or Agent is built for it.
 */
import { BlockList, isIP } from "node:net";
import { Agent, ProxyAgent, type Dispatcher } from "undici";
import { KEEP_ALIVE_TIMEOUT_IN_MS, RESPONSE_TIMEOUT_IN_MS } from "./constants";
import { isLoopbackHost } from "./endpoints";
import { clientError } from "./errors";

export type ProxyEnv = Record<string, string | undefined>;

/**
 * The proxy URL to use for `target`, or undefined to connect directly. Lower-case variables win over
 * upper-case ones (curl's and undici's order); https falls back to HTTP_PROXY as undici does.
 */
export function proxyForUrl(target: URL, env: ProxyEnv = process.env): string | undefined {
  if (isLoopbackHost(target.hostname)) return undefined;
  const httpProxy = nonEmpty(env.http_proxy) ?? nonEmpty(env.HTTP_PROXY);
  const proxy = target.protocol === "https:" ? (nonEmpty(env.https_proxy) ?? nonEmpty(env.HTTPS_PROXY) ?? httpProxy) : httpProxy;
  if (proxy === undefined) return undefined;
  const noProxy = nonEmpty(env.no_proxy) ?? nonEmpty(env.NO_PROXY) ?? "";
  return matchesNoProxy(target, noProxy) ? undefined : proxy;
}

/**
 * NO_PROXY entries, comma or space separated: `*` (everything), `host`, `.suffix` / `*.suffix` (the domain and
 * its subdomains), `host:port`, IPv6 with or without brackets, IPv4 CIDR.
 */
export function matchesNoProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  const port = Number(target.port) || (target.protocol === "https:" ? 443 : 80);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    const { entryHost, entryPort } = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (entryHost.includes("/")) {
      if (inIpv4Cidr(host, entryHost)) return true;
      continue;
    }
    const suffix = entryHost.replace(/^\*?\./, "");
    if (host === suffix || host.endsWith(`.${suffix}`)) return true;
  }
  return false;
}

function splitHostPort(entry: string): { entryHost: string; entryPort?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { entryHost: bracketed[1], entryPort: bracketed[2] ? Number(bracketed[2]) : undefined };
  // More than one colon and no brackets: a bare IPv6 address, which has no port.
  if ((entry.match(/:/g) ?? []).length > 1) return { entryHost: entry };
  const withPort = /^(.+):(\d+)$/.exec(entry);
  return withPort ? { entryHost: withPort[1], entryPort: Number(withPort[2]) } : { entryHost: entry };
}

/** Whether an IPv4 host lies in a NO_PROXY CIDR entry such as 10.0.0.0/8; anything unparsable does not match. */
function inIpv4Cidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  if (isIP(host) !== 4 || isIP(base) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const range = new BlockList();
  range.addSubnet(base, bits, "ipv4");
  return range.check(host, "ipv4");
}

export interface DispatcherChoice {
  kind: "direct" | "proxy";
  /** The proxy's origin, without any credentials it carries (safe to log). */
  proxyOrigin?: string;
  dispatcher: Dispatcher;
}

/**
 * Builds the one dispatcher a client uses for its endpoint. `responseTimeoutInMs` bounds the wait for an answer's
 * headers, and between its body chunks, of one attempt (default RESPONSE_TIMEOUT_IN_MS).
 */
export function createDispatcher(endpoint: URL, env: ProxyEnv = process.env, responseTimeoutInMs = RESPONSE_TIMEOUT_IN_MS): DispatcherChoice {
  const proxy = proxyForUrl(endpoint, env);
  const pool = {
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_IN_MS,
    keepAliveMaxTimeout: KEEP_ALIVE_TIMEOUT_IN_MS,
    headersTimeout: responseTimeoutInMs,
    bodyTimeout: responseTimeoutInMs,
  };
  if (proxy === undefined) return { kind: "direct", dispatcher: new Agent(pool) };
  let proxyOrigin: string;
  try {
    proxyOrigin = new URL(proxy).origin;
  } catch {
    throw clientError("InvalidEndpoint", "the proxy in HTTPS_PROXY/HTTP_PROXY is not a URL");
  }
  // ProxyAgent turns user:password in the URL into Proxy-Authorization itself.
  return { kind: "proxy", proxyOrigin, dispatcher: new ProxyAgent({ uri: proxy, ...pool }) };
}

/**
 * The bearer-token rule (as @azure/core-rest-pipeline's bearer-token policy has it, with loopback allowed for the
 * emulator): throws before anything is sent.
 */
export function assertTokenMaySend(target: URL): void {
  if (target.protocol === "https:") return;
  if (target.protocol === "http:" && isLoopbackHost(target.hostname)) return;
  throw clientError(
    "InsecureTransport",
    `refusing to send a bearer token to ${target.protocol}//${target.host}: plain http is only allowed to loopback`,
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
