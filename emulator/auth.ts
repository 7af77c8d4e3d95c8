import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { armError } from "./errors/factory";

/**
 * Bearer-token check, answered as ARM answers it: 401, ARM envelope, `WWW-Authenticate` (RFC 6750 §3), and nothing
 * changed. Codes and messages as real ARM sends them (AuthenticationFailed / AuthenticationFailedInvalidHeader /
 * InvalidAuthenticationToken / ExpiredAuthenticationToken; docs/IOTHUB-ARM.md, "Errors"). Then the grant check: a
 * valid token used on a subscription it is not granted gets ARM's 403 AuthorizationFailed (exact wording INFERRED,
 * emulator/README.md "Tokens and subscriptions").
 */
const AUTHORITY = 'authorization_uri="https://login.microsoftonline.com/common"';

/** One accepted bearer token (EmulatorOptions.token / .tokens, resolved in configuration.ts). */
export interface AcceptedToken {
  token: string;
  /** lower-cased subscription ids it is granted; undefined: every subscription */
  subscriptions?: ReadonlySet<string>;
  /** ms since the epoch; refused from this instant on (JWT `exp`, RFC 7519 §4.1.4); undefined: never expires */
  expiresAtMs?: number;
}

/** Returns the accepted token the request carries; throws the 401 ARM would answer otherwise. */
export function authenticate(headers: IncomingHttpHeaders, accepted: readonly AcceptedToken[], nowMs: number): AcceptedToken {
  const value = headers.authorization;
  if (value === undefined || value === "") {
    throw unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.", "");
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (!m) {
    throw unauthorized(
      "AuthenticationFailedInvalidHeader",
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
      'error="invalid_request"',
    );
  }
  // Every entry is compared (no early exit), so the time taken does not say which entry came close.
  let found: AcceptedToken | undefined;
  for (const entry of accepted) {
    if (sameToken(m[1], entry.token) && found === undefined) found = entry;
  }
  if (found === undefined) {
    throw unauthorized("InvalidAuthenticationToken", "The access token is invalid.", 'error="invalid_token"');
  }
  if (found.expiresAtMs !== undefined && nowMs >= found.expiresAtMs) {
    throw unauthorized(
      "ExpiredAuthenticationToken",
      `The access token expiry UTC time '${armUtc(found.expiresAtMs)}' is earlier than current UTC time '${armUtc(nowMs)}'.`,
      'error="invalid_token", error_description="The access token expiry UTC time is earlier than current UTC time."',
    );
  }
  return found;
}

/**
 * 403 when the token is not granted `subscriptionId` (case-insensitive, as ARM ids are). Paths outside a subscription
 * are not checked. The message has the shape of ARM's AuthorizationFailed; the principal's ids are a digest of the
 * token (never the token), the action is derived from the path and method (INFERRED, emulator/README.md).
 */
export function authorize(principal: AcceptedToken, method: string, path: string, subscriptionId: string | undefined): void {
  if (subscriptionId === undefined || principal.subscriptions === undefined) return;
  if (principal.subscriptions.has(subscriptionId.toLowerCase())) return;
  const objectId = principalId(principal.token);
  const { action, scope } = actionOf(method, path);
  throw armError(
    403,
    "AuthorizationFailed",
    `The client '${objectId}' with object id '${objectId}' does not have authorization to perform action '${action}' ` +
      `over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/**
 * ARM's action name for a request: `<namespace>/<type>[/<subtype>...]/<read|write|delete>`, or `.../<name>/action`
 * for a POST (`Microsoft.Devices/IotHubs/listkeys/action`); outside a provider, `Microsoft.Resources/subscriptions
 * [/resourceGroups]/...`. The scope is the path, without the action segment of a POST.
 */
export function actionOf(method: string, path: string): { action: string; scope: string } {
  const segments = path.split("/").filter((s) => s !== "");
  const m = method.toUpperCase();
  const isAction = m === "POST";
  const actionName = isAction ? segments.pop() : undefined;
  const verb = isAction ? `${actionName ?? ""}/action` : m === "DELETE" ? "delete" : m === "GET" || m === "HEAD" ? "read" : "write";
  const scope = "/" + segments.join("/");
  const providers = segments.findIndex((s) => s.toLowerCase() === "providers");
  let types: string[];
  if (providers >= 0 && providers + 1 < segments.length) {
    const afterNamespace = segments.slice(providers + 2);
    types = [segments[providers + 1], ...afterNamespace.filter((_, i) => i % 2 === 0)];
  } else {
    // /subscriptions/{s}[/resourceGroups/{rg}]: the type names at even positions
    types = ["Microsoft.Resources", ...segments.filter((_, i) => i % 2 === 0)];
  }
  return { action: [...types, verb].join("/"), scope };
}

/** A stable GUID-shaped id for the token's principal: a digest, so the token itself is never echoed. */
function principalId(token: string): string {
  const h = createHash("sha256").update(token).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** ARM's UTC times in this message: `M/d/yyyy h:mm:ss AM|PM` (.NET invariant culture), e.g. `5/16/2022 7:09:29 AM`. */
function armUtc(ms: number): string {
  const d = new Date(ms);
  const h24 = d.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h24 < 12 ? "AM" : "PM"}`;
}

function unauthorized(code: string, message: string, errorParam: string): Error {
  const challenge = ["Bearer " + AUTHORITY, errorParam].filter((p) => p !== "").join(", ");
  return armError(401, code, message, { "WWW-Authenticate": challenge });
}

function sameToken(given: string, accepted: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(accepted);
  return a.length === b.length && timingSafeEqual(a, b);
}
