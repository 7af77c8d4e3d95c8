/**
 * Defaults and fixed values of the emulator, in one place (STYLE.md "defaults in one constants module").
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
/** Request bodies above this are refused (a hub description is a few KB). */
export const MAX_BODY_BYTES = 1_048_576;

/** The region-like word used in routing ids and operation URLs (IOTHUB-ARM-NOTES §1, x-ms-routing-request-id). */
export const EMULATOR_REGION = "EMULATOR";

/**
 * ARM's hourly budgets per principal and subscription (IOTHUB-ARM-NOTES §11): reads 12000, writes 1200, deletes 15000.
 * The emulator only counts down and never throttles by itself; 429 is a fault to inject.
 */
export const RATE_LIMIT_BUDGETS = { reads: 12_000, writes: 1_200, deletes: 15_000 } as const;

/**
 * Up to 20 consumer groups per Event Hub-compatible endpoint (IOTHUB-ARM-NOTES §5, "Limit"), besides the built-in
 * $Default. Whether $Default counts is UNCONFIRMED; the project's consumer-group issue (#6) takes 20 created groups
 * as its target, so the emulator allows them.
 */
export const MAX_CONSUMER_GROUPS_PER_ENDPOINT = 20;

/** Completed operation records kept for status polls; older ones are forgotten first. */
export const MAX_OPERATION_RECORDS = 1_000;
