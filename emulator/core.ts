import { AadTokenIssuer } from "./aad";
import type { AcceptedToken } from "./auth";
import type { EmulatorClock } from "./clock";
import type { EmulatorConfiguration } from "./configuration";
import { Faults } from "./faults";
import { RequestJournal } from "./journal";
import { JobRunner } from "./lro/job-runner";
import { LroEngine } from "./lro/engine";
import type { EmulatorScheduler } from "./lro/scheduler";
import { RateLimits } from "./rate-limits";
import { FilePersistence, MemoryPersistence } from "./store/persistence";
import { StateStore } from "./store/state-store";

/** Everything a handler may use, wired once per emulator instance (no module-level state: tests run many). */
export class EmulatorCore {
  readonly faults = new Faults();
  readonly journal = new RequestJournal();
  readonly clock: EmulatorClock;
  readonly scheduler: EmulatorScheduler;
  readonly rateLimits: RateLimits;
  readonly store: StateStore;
  readonly lro: LroEngine;
  readonly jobs: JobRunner;
  /** The Azure AD token endpoint's clients and the tokens it issued (aad.ts) */
  readonly aad: AadTokenIssuer;
  /** The emulator's time (EmulatorOptions.clock): every time read in the emulator goes through here. */
  readonly now = (): number => this.clock.now();

  constructor(readonly config: EmulatorConfiguration) {
    this.clock = config.clock;
    this.scheduler = config.scheduler;
    this.rateLimits = new RateLimits(config.throttling, this.clock);
    this.store = new StateStore(config.dataDir ? new FilePersistence(config.dataDir) : new MemoryPersistence());
    this.lro = new LroEngine(this.store, this.scheduler, this.faults, config.provisioningMs, this.now);
    this.jobs = new JobRunner(this.store, this.scheduler, this.faults, config.provisioningMs, this.now);
    this.aad = new AadTokenIssuer(config.clients, this.now);
  }

  /** Every bearer token ARM routes accept now: `token`, `tokens`, and those the token endpoint issued. */
  acceptedTokens(): readonly AcceptedToken[] {
    const issued = this.aad.issued();
    return issued.length === 0 ? this.config.acceptedTokens : [...this.config.acceptedTokens, ...issued];
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
