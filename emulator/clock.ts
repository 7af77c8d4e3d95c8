/**
 * The emulator's only source of "now" (EmulatorOptions.clock, ARCHITECTURE.md §1). Everything that reads the time —
 * timestamps written into resources, routing ids, error timestamps, the throttling buckets — asks the clock, so a
 * test that passes its own clock (with its own scheduler, lro/scheduler.ts) controls time completely.
 */
export interface EmulatorClock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
}

export const SYSTEM_CLOCK: EmulatorClock = { now: () => Date.now() };
