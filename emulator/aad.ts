import { randomBytes, timingSafeEqual } from "node:crypto";
import type { AcceptedToken } from "./auth";
import { newGuid } from "./ids";

/**
 * An Azure AD (Microsoft Entra ID) v2.0 token endpoint for the client-credentials grant, so that a real
 * `ClientSecretCredential` (@azure/identity, MSAL underneath) can obtain a token the emulator then accepts for ARM
 * calls (emulator/README.md "Azure AD token endpoint"). Shapes follow Microsoft's public documentation of the v2.0
 * client-credentials flow and of OpenID discovery; details beyond it are INFERRED there. The client secret is compared
 * in constant time and never written into an answer.
 */

/** One application registration the endpoint knows (EmulatorOptions.clients). */
export interface ClientGrant {
  /** directory (tenant) id, the first path segment of the token endpoint */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** subscriptions its tokens may act on, case-insensitive; absent: every subscription (as TokenGrant) */
  subscriptions?: string[];
}

/** Lifetime of an issued token, as Azure AD's usual `expires_in` for app tokens. */
export const AAD_TOKEN_LIFETIME_SECONDS = 3599;

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/i;
const DISCOVERY_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/i;

export function isAadPath(path: string): boolean {
  return TOKEN_PATH.test(path) || DISCOVERY_PATH.test(path);
}

export interface AadAnswer {
  status: number;
  body: unknown;
}

/** Checks `clients` and copies it (a caller changing its array later changes nothing); messages never name a secret. */
export function resolveClients(given: unknown): ClientGrant[] {
  if (given === undefined) return [];
  if (!Array.isArray(given)) throw new Error("clients must be an array of { tenantId, clientId, clientSecret, subscriptions? }");
  const seen = new Set<string>();
  return given.map((entry: unknown, i): ClientGrant => {
    const name = `clients[${i}]`;
    if (typeof entry !== "object" || entry === null) {
      throw new Error(`${name} must be an object { tenantId, clientId, clientSecret, subscriptions? }`);
    }
    const { tenantId, clientId, clientSecret, subscriptions, ...rest } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0) {
      throw new Error(`${name} knows tenantId, clientId, clientSecret, subscriptions, not ${unknown.join(", ")}`);
    }
    for (const [field, value] of [["tenantId", tenantId], ["clientId", clientId], ["clientSecret", clientSecret]] as const) {
      if (typeof value !== "string" || value === "" || /[\s/]/.test(value)) {
        throw new Error(`${name}.${field} must be a non-empty string without whitespace or "/"`);
      }
    }
    const key = `${String(tenantId).toLowerCase()}/${String(clientId).toLowerCase()}`;
    if (seen.has(key)) throw new Error(`${name}: tenant ${String(tenantId)} already has client ${String(clientId)}`);
    seen.add(key);
    const badSubscriptions = !Array.isArray(subscriptions) || subscriptions.some((s) => typeof s !== "string" || s === "");
    if (subscriptions !== undefined && badSubscriptions) {
      throw new Error(`${name}.subscriptions must be an array of non-empty subscription ids`);
    }
    const grant: ClientGrant = { tenantId: tenantId as string, clientId: clientId as string, clientSecret: clientSecret as string };
    if (subscriptions !== undefined) grant.subscriptions = [...(subscriptions as string[])];
    return grant;
  });
}

/** Issues tokens to the known clients and remembers them until they expire. */
export class AadTokenIssuer {
  private readonly tokens: AcceptedToken[] = [];

  constructor(
    private readonly clients: readonly ClientGrant[],
    private readonly now: () => number,
  ) {}

  /** The tokens issued and not yet forgotten (expired ones go at the next issue): checked like `tokens` entries. */
  issued(): readonly AcceptedToken[] {
    return this.tokens;
  }

  /** The answer to a request on an AAD path (isAadPath), `baseUrl` being the emulator's own origin. */
  answer(method: string, path: string, body: string, baseUrl: string): AadAnswer {
    const nowMs = this.now();
    const aadError = (status: number, error: string, code: number, message: string) =>
      aadErrorAt(nowMs, status, error, code, message);
    const tenantNotFound = (tenant: string) =>
      aadError(400, "invalid_request", 90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    const discovery = DISCOVERY_PATH.exec(path);
    if (discovery) {
      if (method !== "GET") return aadError(405, "invalid_request", 900561, "The endpoint only accepts GET requests.");
      const tenant = decodeURIComponent(discovery[1]);
      if (!this.knowsTenant(tenant)) return tenantNotFound(tenant);
      return { status: 200, body: openIdConfiguration(`${baseUrl}/${encodeURIComponent(tenant)}`) };
    }
    const tenant = decodeURIComponent(TOKEN_PATH.exec(path)?.[1] ?? "");
    if (method !== "POST") {
      return aadError(405, "invalid_request", 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`);
    }
    if (!this.knowsTenant(tenant)) return tenantNotFound(tenant);
    const form = new URLSearchParams(body);
    const grantType = form.get("grant_type");
    if (grantType !== "client_credentials") {
      const message = "The app requested an unsupported grant type; the emulator serves client_credentials only.";
      return aadError(400, "unsupported_grant_type", 70003, message);
    }
    const clientId = form.get("client_id") ?? "";
    const client = this.clients.find((c) => sameId(c.tenantId, tenant) && sameId(c.clientId, clientId));
    if (client === undefined) {
      const message =
        `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the ` +
        "application has not been installed by the administrator of the tenant or consented to by any user in the tenant.";
      return aadError(400, "unauthorized_client", 700016, message);
    }
    if (!sameSecret(form.get("client_secret") ?? "", client.clientSecret)) {
      const message =
        "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the " +
        `client secret ID, for a secret added to app '${client.clientId}'.`;
      return aadError(401, "invalid_client", 7000215, message);
    }
    const scope = form.get("scope") ?? "";
    if (!/^\S+\/\.default$/.test(scope)) {
      const message =
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with ` +
        "/.default suffixed to the resource identifier (application ID URI).";
      return aadError(400, "invalid_scope", 1002012, message);
    }
    // Forget expired tokens: a long-running emulator must not grow without end.
    for (let i = this.tokens.length - 1; i >= 0; i--) {
      if ((this.tokens[i].expiresAtMs ?? Infinity) <= nowMs) this.tokens.splice(i, 1);
    }
    const accessToken = `aad-${randomBytes(32).toString("base64url")}`;
    this.tokens.push({
      token: accessToken,
      expiresAtMs: nowMs + AAD_TOKEN_LIFETIME_SECONDS * 1000,
      ...(client.subscriptions ? { subscriptions: new Set(client.subscriptions.map((s) => s.toLowerCase())) } : {}),
    });
    return {
      status: 200,
      body: { token_type: "Bearer", expires_in: AAD_TOKEN_LIFETIME_SECONDS, ext_expires_in: AAD_TOKEN_LIFETIME_SECONDS, access_token: accessToken },
    };
  }

  private knowsTenant(tenant: string): boolean {
    return this.clients.some((c) => sameId(c.tenantId, tenant));
  }
}

/** OpenID discovery for a tenant: MSAL reads the token endpoint from here and checks the issuer's origin. */
function openIdConfiguration(tenantUrl: string): Record<string, unknown> {
  return {
    issuer: `${tenantUrl}/v2.0`,
    authorization_endpoint: `${tenantUrl}/oauth2/v2.0/authorize`,
    token_endpoint: `${tenantUrl}/oauth2/v2.0/token`,
    jwks_uri: `${tenantUrl}/discovery/v2.0/keys`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
  };
}

/** Azure AD's error body: the OAuth error, `AADSTS<code>: <message>` with trace and correlation ids and a timestamp. */
function aadErrorAt(nowMs: number, status: number, error: string, code: number, message: string): AadAnswer {
  const traceId = newGuid();
  const correlationId = newGuid();
  const timestamp = new Date(nowMs).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    },
  };
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
