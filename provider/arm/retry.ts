/**
 * When to retry a failed attempt and how long to wait. A strategy returns a plain value, as
 * @azure/core-rest-pipeline's do: `{ retryAfterInMs }` or "skip".
 */
import { MAX_RETRY_AFTER_IN_MS, MAX_THROTTLED_ATTEMPTS, RETRY_BASE_DELAY_IN_MS, RETRY_MAX_DELAY_IN_MS } from "./constants";
import { clampInMs, retryAfterInMs, type HeaderMap } from "./retry-after";

/** Statuses worth another try: throttling and transient server or gateway failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Network failures where the request may or may not have reached the service. */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ETIMEDOUT",
  "ECONNREFUSED",
  "EPIPE",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Failures where the request certainly never reached the service (no connection was made), so even a
 * non-idempotent POST may be sent again. Everything else is left to the caller for POSTs: a reset after
 * sending could mean exportDevices already started a job.
 */
export const NOT_SENT_NETWORK_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "EAI_AGAIN"]);

export type RetryDecision = { retryAfterInMs: number } | "skip";

export interface AttemptOutcome {
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
  idempotent: boolean;
  status?: number;
  headers?: HeaderMap;
  /** The network error code when no response arrived. */
  networkCode?: string;
  nowInMs: number;
  random: () => number;
}

export function decideRetry(outcome: AttemptOutcome): RetryDecision {
  // A 429 is the service asking for time, not a failure: it gets more attempts (each waits its Retry-After).
  const limit = outcome.status === 429 ? Math.max(outcome.maxAttempts, MAX_THROTTLED_ATTEMPTS) : outcome.maxAttempts;
  if (outcome.attempt >= limit) return "skip";
  if (outcome.status !== undefined) {
    if (!RETRYABLE_STATUSES.has(outcome.status) || !outcome.idempotent) return "skip";
    const askedInMs = retryAfterInMs(outcome.headers ?? {}, outcome.nowInMs);
    if (askedInMs !== undefined) return { retryAfterInMs: clampInMs(askedInMs, 0, MAX_RETRY_AFTER_IN_MS) };
    return { retryAfterInMs: backoffInMs(outcome.attempt, outcome.random) };
  }
  if (outcome.networkCode === undefined || !RETRYABLE_NETWORK_CODES.has(outcome.networkCode)) return "skip";
  if (!outcome.idempotent && !NOT_SENT_NETWORK_CODES.has(outcome.networkCode)) return "skip";
  return { retryAfterInMs: backoffInMs(outcome.attempt, outcome.random) };
}

/**
 * Exponential backoff with "equal jitter": half the step fixed, half random, so many clients failing together
 * (a stack of parallel resources) do not come back in lockstep.
 */
export function backoffInMs(attempt: number, random: () => number): number {
  const stepInMs = Math.min(RETRY_MAX_DELAY_IN_MS, RETRY_BASE_DELAY_IN_MS * 2 ** (attempt - 1));
  return Math.round(stepInMs / 2 + (random() * stepInMs) / 2);
}

/** The `code` of a network error from undici or Node (also looked for on `cause`). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("E") || code.startsWith("UND_ERR"))) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
