/**
 * What the emulator needs from a scheduler (EmulatorOptions.scheduler, ARCHITECTURE.md §1). Every wait the emulator
 * makes — LRO phases, job steps, the `delay` fault — goes through one, so a test can pass its own and move time by
 * hand instead of waiting. A scheduler belongs to one emulator: closing the emulator calls `stop()`.
 */
export interface EmulatorScheduler {
  /** Runs `fn` once `ms` have passed; returns a function that cancels it. Does nothing once stopped. */
  after(ms: number, fn: () => void): () => void;
  /** Resolves true once `ms` have passed, or false as soon as the scheduler stops (at once if it has). */
  sleep(ms: number): Promise<boolean>;
  /** Cancels every pending `after`, wakes every `sleep` with false; later calls do nothing. */
  stop(): void;
}

/**
 * The default scheduler, on real timers. Every timer the emulator starts goes through here, so `close()` can cancel
 * them all and nothing keeps the process (or a jest worker) alive afterwards.
 */
export class Scheduler implements EmulatorScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** Runs `fn` after `ms`; returns a cancel function. Does nothing once stopped. */
  after(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    // Node timers overflow past 2^31-1 ms (and then fire at once); clamp instead.
    const delayMs = Math.min(Math.max(0, ms), 2_147_483_647);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        fn();
      } catch (e) {
        // A timer has no caller to answer: report and go on, rather than kill the process (e.g. a
        // --data write that failed because the disk is full).
        process.stderr.write(`iothub emulator: a scheduled step failed: ${(e as Error)?.stack ?? String(e)}\n`);
      }
    }, delayMs);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves true after `ms`, or false at once if the scheduler stops first. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve(false);
      const cancel = this.after(ms, () => {
        this.waiters.delete(wake);
        resolve(true);
      });
      const wake = (): void => {
        cancel();
        resolve(false);
      };
      this.waiters.add(wake);
    });
  }

  private readonly waiters = new Set<() => void>();

  get pendingTimers(): number {
    return this.timers.size;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
  }
}
