/**
 * ARM endpoints of the Azure clouds, and what counts as loopback (where plain http and static tokens are allowed).
 */
import { BlockList, isIP } from "node:net";
import { clientError } from "./errors";

/** Resource Manager base URLs of the public, China (21Vianet) and US Government clouds. */
export const ARM_ENDPOINTS = {
  public: "https://management.azure.com",
  china: "https://management.chinacloudapi.cn",
  usgovernment: "https://management.usgovcloudapi.net",
} as const;

/** The loopback ranges: 127.0.0.0/8 and ::1. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * 127.0.0.0/8, ::1 and localhost. Only literal forms: a DNS name that happens to resolve to 127.0.0.1 is
 * not trusted, because what it resolves to can change.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost") return true;
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? "ipv4" : "ipv6");
}

export function isLoopbackUrl(url: string | URL): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Parses and normalizes an endpoint: http(s) only, no query/fragment/credentials, no trailing slash.
 * A base path is kept (an ARM endpoint behind a reverse proxy), though Azure's own have none.
 */
export function normalizeEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw clientError("InvalidEndpoint", `ARM endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw clientError("InvalidEndpoint", `ARM endpoint must be http(s), got ${url.protocol}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw clientError("InvalidEndpoint", "ARM endpoint must not carry a query, fragment or credentials");
  }
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}
