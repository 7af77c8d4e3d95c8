/**
 * ARM endpoints of the Azure clouds, and what counts as loopback (where plain http and static tokens are allowed).
 */
import { clientError } from "./errors";

/** Resource Manager base URLs of the public, China (21Vianet) and US Government clouds. */
export const ARM_ENDPOINTS = {
  public: "https://management.azure.com",
  china: "https://management.chinacloudapi.cn",
  usgovernment: "https://management.usgovcloudapi.net",
} as const;

/**
 * 127.0.0.0/8, ::1 and localhost. Only literal forms: a DNS name that happens to resolve to 127.0.0.1 is
 * not trusted, because what it resolves to can change.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const octets = host.split(".");
  return (
    octets.length === 4 &&
    octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255) &&
    Number(octets[0]) === 127
  );
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
