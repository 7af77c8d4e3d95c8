/** A fake clock for the provider's waits: `delay` only moves time forward and records the wait. */
import { pacing, type Pacing } from "../../provider/arm";

export interface FakePacing {
  pacing: Pacing;
  now(): number;
  /** Every wait asked for, in order. */
  waits: number[];
  startedAt: number;
}

export function fakePacing(scheduleInMs: readonly number[], startedAt = Date.UTC(2026, 10, 30, 12, 0, 0)): FakePacing {
  let t = startedAt;
  const waits: number[] = [];
  const clock = {
    now: () => t,
    delay: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
      t += ms;
    },
  };
  // random() = 0.5 puts jitter at its midpoint (none), so the waits are the schedule's.
  return { pacing: pacing({ clock, scheduleInMs, random: () => 0.5 }), now: clock.now, waits, startedAt };
}
