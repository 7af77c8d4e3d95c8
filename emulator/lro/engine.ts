import { newGuid } from "../ids";
import type { Faults } from "../faults";
import { keyOf, type HubRecord, type LroKind, type OperationRecord } from "../store/model";
import type { StateStore } from "../store/state-store";
import { ACTIVE, FAILED_AFTER, PHASES } from "./phases";
import type { EmulatorScheduler } from "./scheduler";

/**
 * Runs hub long-running operations as state machines on the emulator's scheduler: each phase of lro/phases.ts lasts
 * `phaseMs`, then the hub moves on (and its etag changes). The operation record reports `Running` until the hub is
 * Active again (or gone, for a delete) — never earlier (emulator/README.md, "Long-running operations"); `Failed` when a
 * fault said so.
 */
export class LroEngine {
  constructor(
    private readonly store: StateStore,
    private readonly scheduler: EmulatorScheduler,
    private readonly faults: Faults,
    private readonly provisioningMs: number,
    private readonly now: () => number,
  ) {}

  isBusy(hub: HubRecord): boolean {
    return hub.transition !== undefined;
  }

  /** Starts a client's operation on the hub; the caller has already written the hub's new description. */
  begin(hub: HubRecord, kind: LroKind, apiVersion: string, answeredStatus?: 200 | 201): OperationRecord {
    const op: OperationRecord = {
      answeredStatus,
      id: newGuid(),
      kind,
      subscriptionId: hub.subscriptionId,
      resourceGroup: hub.resourceGroup,
      hubName: hub.name,
      location: String(hub.description.location ?? "unknown"),
      apiVersion,
      status: "Running",
      startedMs: this.now(),
    };
    this.store.addOperation(op);
    hub.transition = {
      id: op.id,
      operationId: op.id,
      kind,
      step: 0,
      phaseMs: this.provisioningMs,
      failure: this.faults.takeOperationFailure(hub.name),
    };
    this.store.setPhase(hub, PHASES[kind][0]);
    this.store.save();
    this.schedule(hub);
    return op;
  }

  /** Another writer's update: the hub is Transitioning for `ms`, then Active again; no operation record. */
  beginOutOfBand(hub: HubRecord, ms: number): void {
    if (hub.transition) throw new Error(`hub ${hub.name} is already transitioning (${hub.transition.kind})`);
    hub.transition = { id: newGuid(), kind: "outOfBand", step: 0, phaseMs: ms };
    this.store.setPhase(hub, PHASES.outOfBand[0]);
    this.store.save();
    this.schedule(hub);
  }

  /** After loading persisted state: transitions that were running continue from their current phase. */
  resume(): void {
    for (const hub of this.store.state.hubs) if (hub.transition) this.schedule(hub);
    // operations whose hub vanished while the emulator was down cannot finish any more
    for (const op of this.store.state.operations) {
      if (op.status !== "Running") continue;
      const hub = this.store.findHub(op.subscriptionId, op.resourceGroup, op.hubName);
      if (!hub || hub.transition?.operationId !== op.id) this.settleOrphan(op);
    }
    this.store.save();
  }

  private schedule(hub: HubRecord): void {
    const key = keyOf(hub);
    const transition = hub.transition;
    if (!transition) return;
    this.scheduler.after(transition.phaseMs, () => this.advance(key, transition.id, transition.operationId));
  }

  private advance(key: string, transitionId: string, operationId: string | undefined): void {
    const hub = this.store.findHubByKey(key);
    if (!hub || hub.transition?.id !== transitionId) {
      // the hub was deleted under the operation (out of band, or with its resource group)
      const op = operationId ? this.store.findOperation(operationId) : undefined;
      if (op && op.status === "Running") this.settleOrphan(op);
      this.store.save();
      return;
    }
    const transition = hub.transition;
    const phases = PHASES[transition.kind];
    if (transition.step + 1 < phases.length) {
      transition.step += 1;
      this.store.setPhase(hub, phases[transition.step]);
      this.store.save();
      this.schedule(hub);
      return;
    }
    this.finish(hub);
  }

  private finish(hub: HubRecord): void {
    const transition = hub.transition;
    if (!transition) return;
    hub.transition = undefined;
    const op = transition.operationId ? this.store.findOperation(transition.operationId) : undefined;
    if (transition.failure) {
      this.store.setPhase(hub, FAILED_AFTER[transition.kind]);
      if (op) {
        op.status = "Failed";
        op.error = transition.failure;
      }
    } else if (transition.kind === "delete") {
      this.store.removeHub(hub);
      if (op) op.status = "Succeeded";
    } else {
      this.store.setPhase(hub, ACTIVE);
      if (op) op.status = "Succeeded";
      if (transition.kind === "update") this.faults.onUpdateSucceeded(hub.name);
    }
    this.store.save();
  }

  private settleOrphan(op: OperationRecord): void {
    if (op.kind === "delete") {
      op.status = "Succeeded";
      return;
    }
    op.status = "Failed";
    op.error = { code: "ResourceNotFound", message: `IotHub '${op.hubName}' was deleted while the operation ran.` };
  }
}
