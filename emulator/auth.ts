import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { armError } from "./errors/factory";

/**
 * Bearer-token check, answered as ARM answers it: 401, ARM envelope, `WWW-Authenticate` (RFC 6750 §3), and nothing
 * changed. Codes and messages as real ARM sends them (AuthenticationFailed / AuthenticationFailedInvalidHeader /
 * InvalidAuthenticationToken; docs/IOTHUB-ARM.md, "Errors").
 */
const AUTHORITY = 'authorization_uri="https://login.microsoftonline.com/common"';

export function authenticate(headers: IncomingHttpHeaders, acceptedToken: string): void {
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
  if (!sameToken(m[1], acceptedToken)) {
    throw unauthorized("InvalidAuthenticationToken", "The access token is invalid.", 'error="invalid_token"');
  }
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
