/**
 * What the emulator stores. Hubs are kept as a full IotHubDescription in the 2023-06-30 shape (keys included,
 * 2016-only fields such as `operationsMonitoringEvents` alongside) — the "raw stored hub" of `outOfBand.getHub`;
 * views render it per api-version. Everything here is plain JSON so the whole state persists as one file.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- hub descriptions are open-ended JSON (swagger additionalProperties) */
export type HubDescription = Record<string, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface ResourceGroupRecord {
  subscriptionId: string;
  name: string;
  location: string;
  tags: Record<string, string>;
}

export interface ConsumerGroupRecord {
  name: string;
  createdMs: number;
}

/** The kinds of hub long-running operation (docs/IOTHUB-ARM.md, "Long-running operations"). */
export type LroKind = "create" | "update" | "delete";

/** A hub's transitional state while something runs: an LRO of a client, or another writer (`startTransition`). */
export interface HubTransition {
  /** Identifies this transition, so a timer never acts on a hub re-created under the same name. */
  id: string;
  /** Operation record id; absent for an out-of-band transition. */
  operationId?: string;
  kind: LroKind | "outOfBand";
  /** Index into the kind's phase sequence (lro/phases.ts). */
  step: number;
  /** Duration of the current phase, ms. */
  phaseMs: number;
  /** Set when failNextOperation applied: the operation ends Failed. */
  failure?: { code: string; message: string };
}

export interface HubRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  etagCounter: number;
  etagSalt: number;
  /** Stored description, 2023-06-30 shape plus 2016 extras; `etag` and the states are kept current in it. */
  description: HubDescription;
  /** endpoint name (lower case) → consumer groups. `$Default` always exists. */
  consumerGroups: Record<string, ConsumerGroupRecord[]>;
  transition?: HubTransition;
  /** Series number of the Service Bus namespace, so the endpoint reads `iothub-ns-<name>-<n>`. */
  namespaceNumber: number;
  /** Set by `outOfBand.reorderHubLists`: answers show this hub's lists in reverse stored order. */
  reorderLists?: boolean;
}

export type OperationStatus = "Running" | "Succeeded" | "Failed";

export interface OperationRecord {
  id: string;
  kind: LroKind;
  subscriptionId: string;
  resourceGroup: string;
  hubName: string;
  location: string;
  apiVersion: string;
  status: OperationStatus;
  error?: { code: string; message: string };
  startedMs: number;
  /** What the starting PUT answered: 201 (a new hub) or 200; the Location result repeats it (the seed). */
  answeredStatus?: 200 | 201;
}

export type JobStatus = "enqueued" | "running" | "completed" | "failed";

export interface JobRecord {
  jobId: string;
  hubKey: string;
  type: "export" | "import";
  status: JobStatus;
  startMs: number;
  endMs?: number;
  /** Set when failNextJob applied at the job's start: it ends `failed` with this reason instead of `completed`. */
  failureReason?: string;
}

export interface EmulatorState {
  version: 1;
  resourceGroups: ResourceGroupRecord[];
  hubs: HubRecord[];
  operations: OperationRecord[];
  jobs: JobRecord[];
  /** Ever-increasing, so a re-created hub gets a new Service Bus namespace number. */
  namespaceSeries: number;
}

export function emptyState(): EmulatorState {
  return { version: 1, resourceGroups: [], hubs: [], operations: [], jobs: [], namespaceSeries: 0 };
}

/** ARM names are case-insensitive; the store keys them in lower case and keeps the casing of creation for display. */
export function hubKey(subscriptionId: string, resourceGroup: string, name: string): string {
  return `${subscriptionId}/${resourceGroup}/${name}`.toLowerCase();
}

export function groupKey(subscriptionId: string, resourceGroup: string): string {
  return `${subscriptionId}/${resourceGroup}`.toLowerCase();
}

export function keyOf(hub: HubRecord): string {
  return hubKey(hub.subscriptionId, hub.resourceGroup, hub.name);
}
