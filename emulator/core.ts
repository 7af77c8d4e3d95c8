import type { EmulatorConfiguration } from "./configuration";
import { Faults } from "./faults";
import { RequestJournal } from "./journal";
import { JobRunner } from "./lro/job-runner";
import { LroEngine } from "./lro/engine";
import { Scheduler } from "./lro/scheduler";
import { RateLimits } from "./rate-limits";
import { FilePersistence, MemoryPersistence } from "./store/persistence";
import { StateStore } from "./store/state-store";

/** Everything a handler may use, wired once per emulator instance (no module-level state: tests run many). */
export class EmulatorCore {
  readonly scheduler = new Scheduler();
  readonly faults = new Faults();
  readonly rateLimits = new RateLimits();
  readonly journal = new RequestJournal();
  readonly store: StateStore;
  readonly lro: LroEngine;
  readonly jobs: JobRunner;
  readonly now = (): number => Date.now();

  constructor(readonly config: EmulatorConfiguration) {
    this.store = new StateStore(config.dataDir ? new FilePersistence(config.dataDir) : new MemoryPersistence());
    this.lro = new LroEngine(this.store, this.scheduler, this.faults, config.provisioningMs, this.now);
    this.jobs = new JobRunner(this.store, this.scheduler, config.provisioningMs, this.now);
  }

  /** Continue transitions and jobs that were running when the state was last saved. */
  resume(): void {
    this.lro.resume();
    this.jobs.resume();
  }

  stop(): void {
    this.scheduler.stop();
  }
}
