/**
 * Time, in one place: what the client's retries, the long-running-operation poller and the provider's waits for a
 * hub all use, so tests drive every wait with one fake clock and production has one implementation.
 */
import { setTimeout as timerDelay } from "node:timers/promises";
import { DEFAULT_POLLING_SCHEDULE_IN_MS, MAX_TIMER_IN_MS } from "./constants";
import { clientError } from "./errors";

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts first. */
  delay(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Waits on Node's timers; every wait clamped to what a timer can hold. */
export const realClock: Clock = {
  now: () => Date.now(),
  delay: (ms, signal) => timerDelay(Math.min(Math.max(0, ms), MAX_TIMER_IN_MS), undefined, { signal }),
};

/**
 * How often to look again at something that is not finished yet: a long-running operation, a hub that is not
 * Active, a write refused while the hub is busy. The last entry of the schedule repeats.
 */
export interface Pacing {
  clock: Clock;
  /** For what has no usual duration; when set by the user, for everything (docs/RELIABILITY.md, "Polling"). */
  scheduleInMs: readonly number[];
  /**
   * True when `scheduleInMs` was chosen by the user (`iothub:pollingScheduleMs`, a test, the benchmark): it then
   * overrides the schedules built around operations' usual durations.
   */
  scheduleIsExplicit: boolean;
  /** Jitter source; default Math.random. */
  random: () => number;
}

export function pacing(o: Partial<Pacing> = {}): Pacing {
  return {
    clock: o.clock ?? realClock,
    scheduleInMs: o.scheduleInMs ?? DEFAULT_POLLING_SCHEDULE_IN_MS,
    scheduleIsExplicit: o.scheduleIsExplicit ?? o.scheduleInMs !== undefined,
    random: o.random ?? Math.random,
  };
}

/** A wait that the caller's signal can cut short: ends with ArmError RequestAborted, whatever the clock threw. */
export async function abortableDelay(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await clock.delay(Math.min(ms, MAX_TIMER_IN_MS), signal);
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    throw error;
  }
  throwIfAborted(signal);
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

export function abortError(signal: AbortSignal) {
  return clientError("RequestAborted", "the operation was aborted by the caller", signal.reason);
}
