/**
 * Every default and bound of the ARM client in one place, each with the reason for its value.
 */

/**
 * Node's timers overflow past 2^31-1 ms (about 24.8 days) and then fire immediately
 * (a `TimeoutOverflowWarning` and a 1 ms timer), so every computed wait is clamped to this.
 */
export const MAX_TIMER_IN_MS = 2 ** 31 - 1;

/**
 * Waits between status polls of a long-running operation when the service sends no Retry-After;
 * the last entry repeats.
 *
 * Real hub creates take about 2.5 minutes and deletes about 30 s, and the recorded 201/202 responses carry no
 * Retry-After (docs/IOTHUB-ARM.md, "Long-running operations"), so this schedule is what usually runs.
 * Polls happen at 1, 2, 4, 6, 9, 14 s and then every 5 s:
 * - 150 s create: 6 + ceil((150 - 14) / 5) = 34 polls, completion noticed at 154 s (4 s late; never more than 5 s).
 *   A fixed 2 s poll (@azure/core-lro's POLL_INTERVAL_IN_MS) makes 75 polls and notices within 2 s.
 * - 30 s delete: 10 polls, noticed at 34 s; fixed 2 s: 15 polls.
 * - a quick synchronous-looking update (under 2 s) is still noticed within 1 s.
 * So less than half the calls (and of the subscription's read tokens, refilled 25 a second: docs/IOTHUB-ARM.md, "Throttling")
 * for at most 3 s more latency.
 */
export const DEFAULT_POLLING_SCHEDULE_IN_MS: readonly number[] = [1000, 1000, 2000, 2000, 3000, 5000];

/**
 * Bounds applied to a Retry-After received while polling. The floor stops a tiny value (`retry-after-ms: 5`)
 * from turning into a busy loop (`Retry-After: 0` is treated as absent: the schedule applies); the ceiling
 * keeps a wrong header from hiding completion for many minutes.
 */
export const MIN_POLL_INTERVAL_IN_MS = 500;
export const MAX_POLL_INTERVAL_IN_MS = 60_000;

/** Default overall time limit of one long-running operation when the caller gives none. */
export const DEFAULT_LRO_TIMEOUT_IN_MS = 30 * 60_000;

/**
 * Attempts (first try included) for idempotent calls. Four attempts with the backoff below span
 * about 1 + 2 + 4 = 7 s of waiting, enough for a connection reset or a brief 503, short enough that a
 * real outage surfaces within seconds. (@azure/core-rest-pipeline defaults to 3 retries as well.)
 */
export const DEFAULT_MAX_ATTEMPTS = 4;

/**
 * Attempts for a request the service throttled (429). A fleet deployed at once can meet several in a row while the
 * subscription's bucket refills (docs/RELIABILITY.md, "Throttling"); each waits the answer's Retry-After, so this
 * bounds the time (at most 12 × 120 s) rather than the chance of success.
 */
export const MAX_THROTTLED_ATTEMPTS = 12;

/** Exponential backoff for retries without Retry-After: base * 2^(retry-1), capped, then jittered. */
export const RETRY_BASE_DELAY_IN_MS = 1000;
export const RETRY_MAX_DELAY_IN_MS = 30_000;

/**
 * The largest Retry-After honoured on a 429/503 before a retry. ARM's buckets refill within seconds
 * (docs/IOTHUB-ARM.md, "Throttling"), but a header could ask for far longer than a deployment should sit silently;
 * an absurd value (or a date years ahead) is clamped to this, and bounded attempts end the wait.
 */
export const MAX_RETRY_AFTER_IN_MS = 120_000;

/** Refresh a cached token this long before it expires, so a request never leaves with a dying token. */
export const TOKEN_REFRESH_MARGIN_IN_MS = 5 * 60_000;

/** Keep-alive for the per-endpoint connection pool: long enough to span LRO polls (up to 5 s apart). */
export const KEEP_ALIVE_TIMEOUT_IN_MS = 30_000;

/**
 * Time allowed for response headers, and between body chunks, of one attempt. undici's default is 300 s, so a
 * connection that hangs silently would stall a deployment five minutes before a retry could start; ARM answers
 * its synchronous calls in seconds, and two minutes still leaves room for a slow one.
 */
export const RESPONSE_TIMEOUT_IN_MS = 120_000;

/** Guard against a service that keeps handing out nextLinks. */
export const MAX_PAGES = 1000;

/** Longest response text quoted in an error message when the body is not JSON. */
export const MAX_ERROR_TEXT_LENGTH = 500;

/** Sent as User-Agent so requests can be told apart in ARM activity logs. */
export const USER_AGENT = "pulumi-iothub-arm/0.1";
