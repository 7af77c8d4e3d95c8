/**
 * Timing of the provider's progress lines (every wait itself runs on the ARM client's pacing, provider/arm/clock.ts).
 */

/**
 * Progress lines while waiting: the first after this long (short operations stay quiet), then one
 * per interval, so `pulumi up` in a pipeline shows life during a multi-minute create.
 */
export const PROGRESS_FIRST_AFTER_MS = 15_000;
export const PROGRESS_INTERVAL_MS = 30_000;
