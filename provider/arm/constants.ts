/**
 * Every default and bound of the ARM client in one place, each with the reason for its value.
 */

/**
 * Node's timers overflow past 2^31-1 ms (about 24.8 days) and then fire immediately
 * (a `TimeoutOverflowWarning` and a 1 ms timer), so every computed wait is clamped to this.
 */
export const MAX_TIMER_IN_MS = 2 ** 31 - 1;

/**
 * Waits between looks at something whose usual duration is unknown — a hub to become Active, a write the hub refused
 * while busy, an operation of a kind not listed in HUB_OPERATION_USUAL_DURATION_IN_MS — when the service sends no
 * Retry-After; the last entry repeats. Looks at 1, 2, 4, 6, 9, 14 s and then every 5 s: something that is
 * already done (the usual case for a hub that is Active) is seen at once or within 1 s, and a long wait costs one
 * call every 5 s.
 */
export const DEFAULT_POLLING_SCHEDULE_IN_MS: readonly number[] = [1000, 1000, 2000, 2000, 3000, 5000];

/**
 * How long each hub operation usually takes, which decides its polling schedule when the user set none
 * (provider/arm/polling-schedule.ts; docs/RELIABILITY.md, "Polling"). Recorded (docs/IOTHUB-ARM.md, "Long-running
 * operations"): a create took about 2.5 minutes (another recording about 2), a delete about 30 s. No update is
 * recorded: 75 s, half a create, is an assumption (an update reconfigures a running hub rather than provisioning
 * one); if real updates are quicker, they are noticed later than they could be (at most their own duration late),
 * never polled more often.
 */
export const HUB_OPERATION_USUAL_DURATION_IN_MS = { create: 150_000, update: 75_000, delete: 30_000 } as const;

/**
 * The shape of a schedule around a usual duration E (provider/arm/polling-schedule.ts). Why: a hub operation ends
 * near its usual duration, so looks long before it spend calls (and the subscription's read tokens: docs/IOTHUB-ARM.md,
 * "Throttling") for nothing, while looks near it decide how soon the end is noticed. Chosen so that, for
 * operations lasting E ± 30 %, it makes fewer calls than a fixed 2 s poller (@azure/core-lro's POLL_INTERVAL_IN_MS)
 * and notices completion no later:
 * - until QUIET_UNTIL_RATIO × E, completion is improbable: the waits double from 1 s (looks at 1, 2, 4, 8… s), so
 *   a far quicker operation is still seen by twice its duration, for a handful of calls;
 * - from there to DENSE_UNTIL_RATIO × E, one look every DENSE_POLL_INTERVAL_IN_MS: a completion is noticed within
 *   1.5 s (0.75 s on average), against 2 s (1 s) for the fixed poller, which polls 4 times for our 3 here;
 * - past that, the operation is late: each wait grows by BACKOFF_RATIO of the time beyond DENSE_UNTIL_RATIO × E,
 *   up to MAX_BACKOFF_POLL_INTERVAL_IN_MS, so a stuck operation costs few calls and a merely slow one is still
 *   noticed within a small fraction of its overrun.
 * A 150 s create: 7 quiet looks (1, 2, 4 … 64 s), then 41 dense ones from 90 s, 48 in all against the fixed
 * poller's 76 (75 and one right after the first answer); a 75 s update 27 against 39; a 30 s delete 13 against 16.
 * Averaged over durations spread ±30 % the ratios hold (test/arm/polling-schedule.test.ts checks the arithmetic;
 * BENCHMARKS.md, "ARM client: long-running operations", measures it against @azure/arm-iothub).
 */
export const QUIET_UNTIL_RATIO = 0.6;
export const DENSE_UNTIL_RATIO = 1.5;
export const DENSE_POLL_INTERVAL_IN_MS = 1500;
export const FIRST_QUIET_WAIT_IN_MS = 1000;
export const BACKOFF_RATIO = 0.05;
export const MAX_BACKOFF_POLL_INTERVAL_IN_MS = 10_000;

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

/**
 * Keep-alive for the per-endpoint connection pool: long enough to span the polls of a long-running operation where
 * they are frequent (at most 10 s apart); a long quiet wait early in one may open a new connection.
 */
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
