/**
 * Timing of the provider's own waits (the ARM client has its own LRO schedule in arm/constants.ts).
 */

/**
 * Waiting for a hub to be Active again, and retrying 409 IH409002 ("not currently in Active state"):
 * a hub transition takes seconds to minutes (IOTHUB-ARM-NOTES.md §9, §11), so start at one second
 * and back off to ten; the random part spreads concurrent writers (other stacks, people) apart.
 */
export const ACTIVE_WAIT_FIRST_INTERVAL_MS = 1_000;
export const ACTIVE_WAIT_MAX_INTERVAL_MS = 10_000;
export const ACTIVE_WAIT_BACKOFF_FACTOR = 1.6;
export const ACTIVE_WAIT_JITTER_RATIO = 0.2;

/**
 * Progress lines while waiting: the first after this long (short operations stay quiet), then one
 * per interval, so `pulumi up` in a pipeline shows life during a multi-minute create.
 */
export const PROGRESS_FIRST_AFTER_MS = 15_000;
export const PROGRESS_INTERVAL_MS = 30_000;
