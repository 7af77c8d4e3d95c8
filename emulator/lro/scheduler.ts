/**
 * Every timer the emulator starts goes through here, so `close()` can cancel them all and nothing keeps the
 * process (or a jest worker) alive afterwards.
 */
export class Scheduler {
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
