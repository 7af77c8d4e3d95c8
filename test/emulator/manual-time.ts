import type { EmulatorClock, EmulatorScheduler } from "../../emulator";

/**
 * A clock and a scheduler that only move when the test says so (EmulatorOptions.clock / .scheduler,
 * ARCHITECTURE.md §1). `advance(ms)` runs everything that falls due, in time order (ties in the order they were
 * scheduled), with `now()` at each task's due time, so a phase that schedules the next one sees it run within the
 * same advance if it is due. Nothing here touches real timers.
 *
 * It keeps the EmulatorScheduler contract of emulator/lro/scheduler.ts: `stop()` cancels everything and wakes
 * sleepers with false; afterwards `after` does nothing and `sleep` resolves false. Unlike the real scheduler, a task
 * that throws makes `advance` throw, so a test sees the failure.
 */
interface Task {
  dueMs: number;
  order: number;
  run: () => void;
}

export class ManualTime implements EmulatorClock, EmulatorScheduler {
  private nowMs: number;
  private tasks: Task[] = [];
  private sleepers = new Set<() => void>();
  private scheduled = 0;
  private stopped = false;

  /** Starts at a fixed instant by default, so timestamps in answers are predictable. */
  constructor(startMs = Date.UTC(2030, 0, 1, 12, 0, 0)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  after(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    const task: Task = { dueMs: this.nowMs + Math.max(0, ms), order: ++this.scheduled, run: fn };
    this.tasks.push(task);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
    };
  }

  sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (): void => {
        cancel();
        this.sleepers.delete(wake);
        resolve(false);
      };
      const cancel = this.after(ms, () => {
        this.sleepers.delete(wake);
        resolve(true);
      });
      this.sleepers.add(wake);
    });
  }

  stop(): void {
    this.stopped = true;
    this.tasks = [];
    for (const wake of [...this.sleepers]) wake();
  }

  /** Moves time forward by `ms`, running every task that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`advance needs a non-negative duration, got ${ms}`);
    const target = this.nowMs + ms;
    for (;;) {
      const due = this.tasks.filter((t) => t.dueMs <= target).sort((a, b) => a.dueMs - b.dueMs || a.order - b.order)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((t) => t !== due);
      this.nowMs = due.dueMs;
      due.run();
    }
    this.nowMs = target;
  }

  /** Tasks waiting to fall due (LRO phases, job steps, sleeping requests). */
  get pending(): number {
    return this.tasks.length;
  }
}
