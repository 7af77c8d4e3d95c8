/**
 * Credentials: the scope derived from the endpoint, a static token for the emulator, the lazily built
 * DefaultAzureCredential, and a cache that reuses a token until shortly before it expires.
 *
 * Nothing here is created at module load: the client runs inside Pulumi dynamic-provider calls and must
 * build its credential there (docs/PULUMI-DYNAMIC.md, "Serialization": never capture a credential).
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import { TOKEN_REFRESH_MARGIN_IN_MS } from "./constants";
import { isLoopbackUrl, normalizeEndpoint } from "./endpoints";
import { clientError } from "./errors";

/** `https://management.azure.com` → `https://management.azure.com/.default` (AAD v2 scope of the ARM audience). */
export function scopeForEndpoint(endpoint: string): string {
  return `${normalizeEndpoint(endpoint).origin}/.default`;
}

/**
 * A fixed bearer token, for the emulator. Refused for anything but a loopback endpoint: a static token is a
 * test device, and sending one to a real cloud would mean it was copied somewhere it should not be.
 */
export function staticTokenCredential(token: string, endpoint: string): TokenCredential {
  if (!isLoopbackUrl(endpoint)) {
    throw clientError(
      "InsecureTransport",
      "a static token is only accepted for a loopback endpoint (127.0.0.0/8, ::1, localhost); use an Azure credential for real clouds",
    );
  }
  if (typeof token !== "string" || token === "") throw clientError("InsecureTransport", "static token is empty");
  // The token lives only in this closure: no property to serialize or print.
  return {
    getToken: async () => ({ token, expiresOnTimestamp: Number.MAX_SAFE_INTEGER }),
  };
}

/**
 * DefaultAzureCredential (environment, workload identity/OIDC, managed identity, Azure CLI…), loaded and
 * constructed on call. `require` keeps @azure/identity (and MSAL) out of processes that only use the emulator.
 *
 * The authority host is @azure/identity's own `AZURE_AUTHORITY_HOST` (sovereign clouds, or the emulator's token
 * endpoint). For a loopback one, instance discovery is off: it asks login.microsoftonline.com whether the authority
 * is a Microsoft cloud, a question about a local endpoint that would leave the machine and fail offline
 * (docs/SECRETS.md, "A real client secret against the emulator").
 */
export function defaultAzureCredential(env: NodeJS.ProcessEnv = process.env): TokenCredential {
  const identity = require("@azure/identity") as typeof import("@azure/identity");
  const authorityHost = env.AZURE_AUTHORITY_HOST;
  const local = authorityHost !== undefined && authorityHost !== "" && isLoopbackUrl(authorityHost);
  return new identity.DefaultAzureCredential(local ? { authorityHost, disableInstanceDiscovery: true } : {});
}

export interface CachingCredentialOptions {
  now?: () => number;
  refreshMarginInMs?: number;
}

/**
 * Reuses a token per scope until `refreshMarginInMs` before expiry (or the credential's own refreshOn), and
 * shares one in-flight request among concurrent callers. Some credentials cache on their own (MSAL-based
 * ones), AzureCliCredential does not: it starts `az` on every call, about a second each.
 */
export function cachingCredential(inner: TokenCredential, options: CachingCredentialOptions = {}): TokenCredential {
  const now = options.now ?? Date.now;
  const marginInMs = options.refreshMarginInMs ?? TOKEN_REFRESH_MARGIN_IN_MS;
  const cached = new Map<string, AccessToken>();
  const inFlight = new Map<string, Promise<AccessToken | null>>();

  const isFresh = (token: AccessToken): boolean => {
    const refreshAt = token.refreshAfterTimestamp ?? token.expiresOnTimestamp - marginInMs;
    return now() < refreshAt;
  };

  return {
    async getToken(scopes: string | string[], getOptions?: GetTokenOptions): Promise<AccessToken | null> {
      const key = Array.isArray(scopes) ? scopes.join(" ") : scopes;
      const current = cached.get(key);
      if (current && isFresh(current)) return current;
      let pending = inFlight.get(key);
      if (!pending) {
        // Shared by every caller waiting for this scope, so it runs without any one caller's abort signal:
        // one aborted resource must not fail the others. Each caller stops waiting on its own signal.
        const { abortSignal: _own, ...shared } = getOptions ?? {};
        pending = inner.getToken(scopes, shared).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      try {
        const token = await untilAborted(pending, getOptions?.abortSignal);
        if (token) cached.set(key, token);
        return token;
      } catch (error) {
        // A failed early refresh still leaves a usable token until it really expires.
        if (current && now() < current.expiresOnTimestamp) return current;
        throw error;
      }
    },
  };
}

/** Waits for `work`, or rejects as soon as `signal` aborts (the work itself goes on for other waiters). */
function untilAborted<T>(work: Promise<T>, signal: GetTokenOptions["abortSignal"]): Promise<T> {
  if (signal === undefined) return work;
  const aborted = () => new Error("the token request was aborted");
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
