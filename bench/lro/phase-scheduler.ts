import { Scheduler, type EmulatorScheduler } from "../../emulator/lro/scheduler";

/**
 * The emulator's scheduler with one knob: every hub phase lasts `phaseInMs`, set by the benchmark before each
 * operation, so that each operation can last its own (spread) duration while one emulator serves them all.
 * Other waits (none in this benchmark) keep their own length.
 */
export class PhaseScheduler implements EmulatorScheduler {
  private readonly inner = new Scheduler();
  phaseInMs: number;

  constructor(private readonly provisioningMs: number) {
    this.phaseInMs = provisioningMs;
  }

  after(ms: number, fn: () => void): () => void {
    return this.inner.after(ms === this.provisioningMs ? this.phaseInMs : ms, fn);
  }

  sleep(ms: number): Promise<boolean> {
    return this.inner.sleep(ms);
  }

  stop(): void {
    this.inner.stop();
  }
}
