/**
 * Defaults and fixed values of the emulator, in one place.
 */

/**
 * The well-known bearer token the emulator accepts unless `token` / `--token` says otherwise.
 * Like Azurite's well-known account key: public on purpose, only ever valid against a local emulator.
 */
export const DEV_TOKEN = "iothub-emulator-dev-token";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 0;
/** Long enough to watch the states go by in a terminal, short enough for a demo. Tests pass 20–100 ms. */
export const DEFAULT_PROVISIONING_MS = 1_000;
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
/** ARM pages lists; 100 keeps small test fleets on one page unless a test asks for paging. */
export const DEFAULT_PAGE_SIZE = 100;
/** GETs answered 404 after an update that changed `disableLocalAuth` (INFERRED count; emulator/README.md "Hub settings"). */
export const DEFAULT_NOT_FOUND_GETS_AFTER_LOCAL_AUTH_CHANGE = 2;
/** Request bodies above this are refused (a hub description is a few KB). */
export const MAX_BODY_BYTES = 1_048_576;

/** The region-like word in routing ids (docs/IOTHUB-ARM.md, "Errors": x-ms-routing-request-id) and operation URLs. */
export const EMULATOR_REGION = "EMULATOR";

/**
 * ARM's subscription throttling since 2024: one token bucket per operation type, per subscription (and region; the
 * emulator has one region, and one principal, so per subscription). Reads: 250 tokens refilled 25/s; writes and
 * deletes: 200 tokens refilled 10/s (emulator/README.md "Throttling"). Options `throttling` and the `--*-bucket` /
 * `--*-per-second` flags change them.
 */
export const DEFAULT_THROTTLING = {
  reads: { capacity: 250, perSecond: 25 },
  writes: { capacity: 200, perSecond: 10 },
  deletes: { capacity: 200, perSecond: 10 },
} as const;
/** Upper bound of a bucket's capacity and refill rate: large enough to switch throttling off in practice. */
export const MAX_THROTTLING_VALUE = 1_000_000_000;
/** Slowest refill accepted: one token in 1,000 s. Fractions let a test see a Retry-After above 1 s. */
export const MIN_REFILL_PER_SECOND = 0.001;

/**
 * Up to 20 consumer groups per Event Hub-compatible endpoint (docs/IOTHUB-ARM.md, "Consumer groups"), besides the
 * built-in $Default. Whether $Default counts is UNCONFIRMED; the consumer-group benchmark (BENCHMARKS.md) creates 20
 * groups, so the emulator allows them.
 */
export const MAX_CONSUMER_GROUPS_PER_ENDPOINT = 20;

/** Completed operation records kept for status polls; older ones are forgotten first. */
export const MAX_OPERATION_RECORDS = 1_000;
