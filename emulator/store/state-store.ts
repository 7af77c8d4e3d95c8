import { MAX_OPERATION_RECORDS } from "../constants";
import { etagFromCounter } from "../ids";
import type { Phase } from "../lro/phases";
import {
  groupKey,
  hubKey,
  keyOf,
  type EmulatorState,
  type HubRecord,
  type JobRecord,
  type OperationRecord,
  type ResourceGroupRecord,
} from "./model";
import type { Persistence } from "./persistence";

/**
 * The state and its lookups; every mutation ends with `save()`, which persists atomically when `--data` is set.
 * No business rules live here (those are in hubs.ts, consumer-groups.ts, ...).
 */
export class StateStore {
  readonly state: EmulatorState;

  constructor(private readonly persistence: Persistence) {
    this.state = persistence.load();
  }

  save(): void {
    this.persistence.save(this.state);
  }

  // ---- resource groups ----
  findGroup(subscriptionId: string, name: string): ResourceGroupRecord | undefined {
    const key = groupKey(subscriptionId, name);
    return this.state.resourceGroups.find((g) => groupKey(g.subscriptionId, g.name) === key);
  }

  removeGroup(group: ResourceGroupRecord): void {
    this.state.resourceGroups = this.state.resourceGroups.filter((g) => g !== group);
  }

  // ---- hubs ----
  findHub(subscriptionId: string, resourceGroup: string, name: string): HubRecord | undefined {
    return this.findHubByKey(hubKey(subscriptionId, resourceGroup, name));
  }

  findHubByKey(key: string): HubRecord | undefined {
    return this.state.hubs.find((h) => keyOf(h) === key);
  }

  /** Hub names are global: `<name>.azure-devices.net` (docs/IOTHUB-ARM.md, "Names and limits"). */
  findHubByName(name: string): HubRecord | undefined {
    const lower = name.toLowerCase();
    return this.state.hubs.find((h) => h.name.toLowerCase() === lower);
  }

  hubsIn(subscriptionId: string, resourceGroup?: string): HubRecord[] {
    const sub = subscriptionId.toLowerCase();
    const rg = resourceGroup?.toLowerCase();
    return this.state.hubs.filter(
      (h) => h.subscriptionId.toLowerCase() === sub && (rg === undefined || h.resourceGroup.toLowerCase() === rg),
    );
  }

  removeHub(hub: HubRecord): void {
    const key = keyOf(hub);
    this.state.hubs = this.state.hubs.filter((h) => keyOf(h) !== key);
    this.state.jobs = this.state.jobs.filter((j) => j.hubKey !== key);
  }

  /** A new etag for every write and every state change (docs/IOTHUB-ARM.md, "The etag moves on transitions"). */
  bumpEtag(hub: HubRecord): void {
    hub.etagCounter += 1;
    hub.description.etag = etagFromCounter(hub.etagCounter, hub.etagSalt);
  }

  setPhase(hub: HubRecord, phase: Phase): void {
    hub.description.properties ??= {};
    hub.description.properties.state = phase.state;
    hub.description.properties.provisioningState = phase.provisioningState;
    this.bumpEtag(hub);
  }

  // ---- operations ----
  addOperation(op: OperationRecord): void {
    this.state.operations.push(op);
    if (this.state.operations.length > MAX_OPERATION_RECORDS) {
      const firstDone = this.state.operations.findIndex((o) => o.status !== "Running");
      if (firstDone >= 0) this.state.operations.splice(firstDone, 1);
    }
  }

  findOperation(id: string): OperationRecord | undefined {
    return this.state.operations.find((o) => o.id === id);
  }

  // ---- jobs ----
  findJob(key: string, jobId: string): JobRecord | undefined {
    return this.state.jobs.find((j) => j.hubKey === key && j.jobId === jobId);
  }
}
