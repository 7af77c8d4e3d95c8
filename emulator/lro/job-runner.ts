import { newGuid } from "../ids";
import { keyOf, type HubRecord, type JobRecord } from "../store/model";
import type { StateStore } from "../store/state-store";
import type { Faults } from "../faults";
import type { EmulatorScheduler } from "./scheduler";

/**
 * Device import/export jobs: the POST answers 200 with the job at once (swagger; docs/IOTHUB-ARM.md, "Operations"); the
 * job then moves enqueued → running → completed, one step per `stepMs`, visible through `GET .../jobs/{jobId}`. A job
 * started after `faults.failNextJob` on its hub ends `failed` with the fault's reason instead (emulator/README.md).
 */
const NEXT: Partial<Record<JobRecord["status"], JobRecord["status"]>> = { enqueued: "running", running: "completed" };

export class JobRunner {
  constructor(
    private readonly store: StateStore,
    private readonly scheduler: EmulatorScheduler,
    private readonly faults: Faults,
    private readonly stepMs: number,
    private readonly now: () => number,
  ) {}

  start(hub: HubRecord, type: JobRecord["type"]): JobRecord {
    const job: JobRecord = { jobId: newGuid(), hubKey: keyOf(hub), type, status: "enqueued", startMs: this.now() };
    const failureReason = this.faults.takeJobFailure(hub.name);
    if (failureReason !== undefined) job.failureReason = failureReason;
    this.store.state.jobs.push(job);
    this.store.save();
    this.schedule(job);
    return job;
  }

  resume(): void {
    for (const job of this.store.state.jobs) if (NEXT[job.status]) this.schedule(job);
  }

  private schedule(job: JobRecord): void {
    this.scheduler.after(this.stepMs, () => {
      const current = this.store.findJob(job.hubKey, job.jobId);
      const next = current && NEXT[current.status];
      if (!current || !next) return; // the hub (and its jobs) went away
      current.status = next === "completed" && current.failureReason !== undefined ? "failed" : next;
      if (next === "completed") current.endMs = this.now();
      this.store.save();
      if (NEXT[next]) this.schedule(current);
    });
  }
}
