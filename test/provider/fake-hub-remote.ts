/**
 * An in-memory IoT hub behind the HubRemote and ConsumerGroupRemote interfaces, for the lifecycles' fast tests: one
 * hub document (IotHubDescription) with its etag, state, keys and consumer groups, answering as the service does per
 * the seed's ETag table (emulator/README.md, "ETag table"):
 * - PUT `If-None-Match: *` on an existing hub → 412; `If-Match: <etag>` absent or stale → 412 (checked before busy);
 * - DELETE of an absent hub → nothing to delete (204/404) whatever the header; present with a stale `If-Match` → 412;
 * - a write while an operation or another writer's transition runs → 409 IH409002;
 * - the etag changes on every write and on every state change (the hub's transitions move it too).
 * Operations last `operationMs` of the virtual clock (fakePacing); waits use the package's own poller on that clock,
 * so timeouts end with its ArmError OperationTimedOut at the virtual deadline, in no real time.
 *
 * Every call is recorded, with its preconditions and its outcome, as one line of `log` ("beginPut(If-Match: etag-2)
 * → 412"), so a test asserts the exact sequence. Failures are scripted per call (failNext), or as the service's own
 * quirks: the lost answer, the 404 after an update, a transition, writes refused while busy, a failed operation.
 */
import {
  ArmError,
  consumerGroupPath,
  hubPath,
  pollUntilTerminal,
  type ApiVersion,
  type EventHubConsumerGroupInfo,
  type HubRef,
  type IotHubDescription,
  type Pacing,
  type SharedAccessSignatureAuthorizationRule,
} from "../../provider/arm";
import type { ConsumerGroupRef, ConsumerGroupRemote } from "../../provider/consumer-group/remote";
import type { HubRemote, OperationWait, StartedOperation } from "../../provider/hub/remote";
import { fakePacing, type FakePacing } from "./fakes";

export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-0000000000aa";
export const RESOURCE_GROUP = "rg-fast";

type Rule = SharedAccessSignatureAuthorizationRule;

/** The methods whose next call can be scripted to throw. */
export type FakeMethod =
  | "get"
  | "listKeys"
  | "beginPut"
  | "waitForPut"
  | "beginDelete"
  | "waitForDelete"
  | "getHub"
  | "group.get"
  | "group.put"
  | "group.delete";

export interface FakeCall {
  method: FakeMethod;
  ifMatch?: string;
  ifNoneMatch?: string;
  /** The body of a beginPut, as sent. */
  body?: IotHubDescription;
  /** Virtual milliseconds since the fake was made. */
  at: number;
  /** What the fake answered: a state word, "ok", "404", "412", "409"… */
  outcome: string;
}

interface Operation {
  id: number;
  method: "PUT" | "DELETE";
  kind: "create" | "update" | "delete";
  doneAt: number;
  body?: IotHubDescription;
  failure?: { error: ArmError; applied: boolean };
  status: "running" | "succeeded" | "failed";
}

export interface FakeHubOptions {
  name?: string;
  apiVersion?: ApiVersion;
  /** Polling schedule of the virtual clock (default [1000, 2000, 5000]). */
  scheduleInMs?: readonly number[];
  /** How long every operation runs, in virtual ms (default 5000). */
  operationMs?: number;
}

// ---- errors as the ARM client raises them ----

export function preconditionFailedError(extra: { unansweredAttempts?: number; attempts?: number } = {}): ArmError {
  return new ArmError({
    code: "PreconditionFailed",
    statusCode: 412,
    message:
      "PreconditionFailed (412) PreconditionFailed: Precondition failed: Either bad ETag was supplied or IotHub description was changed. " +
      "Get the latest IotHub description and retry.",
    ...extra,
  });
}

export function hubNotActiveError(name: string): ArmError {
  return new ArmError({
    code: "IH409002",
    statusCode: 409,
    message: `Conflict (409) IH409002: ${name} is not currently in Active state. Try the request again after it is in Active state.`,
  });
}

export function notFoundError(what: string): ArmError {
  return new ArmError({ code: "ResourceNotFound", statusCode: 404, message: `NotFound (404) ResourceNotFound: The Resource '${what}' was not found.` });
}

/** A long-running operation that ended Failed, as the client's LRO poller reports it (provider/arm/lro/operation.ts). */
export function operationFailedError(description: string, code: string, message: string): ArmError {
  return new ArmError({ code, statusCode: 200, message: `${description} ended Failed: ${code}: ${message}` });
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));
const FAILED_STATES = ["activationfailed", "deletionfailed", "failoverfailed"];

export class FakeHubRemote implements HubRemote {
  readonly ref: HubRef;
  readonly resourceId: string;
  readonly pacing: Pacing;
  readonly time: FakePacing;
  readonly calls: FakeCall[] = [];
  operationMs: number;

  private doc: IotHubDescription | undefined;
  private rules: Rule[] = [];
  private groups = new Map<string, Map<string, EventHubConsumerGroupInfo>>();
  private etagSeries = 0;
  private keySeries = 0;
  private operations = new Map<number, Operation>();
  private running: Operation | undefined;
  private scripted = new Map<FakeMethod, Array<{ error: ArmError; afterApplying: boolean }>>();
  private notFoundGets = 0;
  private notFoundAfterUpdate = 0;
  private transitionGets = 0;
  private refusedWrites = 0;
  private nextOperationFailure: { code: string; message: string; applied: boolean } | undefined;
  private lostAnswer: { reachedService: boolean } | undefined;
  private hooks = new Map<FakeMethod, Array<() => void>>();

  constructor(o: FakeHubOptions = {}) {
    this.ref = { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: o.name ?? "hub-fast", apiVersion: o.apiVersion ?? "2023-06-30" };
    this.resourceId = hubPath(this.ref);
    this.time = fakePacing(o.scheduleInMs ?? [1000, 2000, 5000]);
    this.pacing = this.time.pacing;
    this.operationMs = o.operationMs ?? 5000;
  }

  // ---------------------------------------------------------------- what tests read

  /** One line per call: `method(preconditions) → outcome`. */
  get log(): string[] {
    return this.calls.map((c) => {
      const pre = [c.ifMatch !== undefined ? `If-Match: ${c.ifMatch}` : "", c.ifNoneMatch !== undefined ? `If-None-Match: ${c.ifNoneMatch}` : ""]
        .filter((s) => s !== "")
        .join(", ");
      const withPre = ["beginPut", "beginDelete", "group.delete"].includes(c.method) ? `${c.method}(${pre})` : c.method;
      return `${withPre} → ${c.outcome}`;
    });
  }

  /** Only the writes (beginPut, beginDelete, group.put, group.delete), in order. */
  get writes(): string[] {
    return this.log.filter((l) => /^(beginPut|beginDelete|group\.put|group\.delete)/.test(l));
  }

  /** The stored document as the service holds it (no keys), or undefined when there is no hub. */
  get hub(): IotHubDescription | undefined {
    this.settle();
    return clone(this.doc);
  }

  get keys(): Rule[] {
    return clone(this.rules);
  }

  get etag(): string | undefined {
    return this.hub?.etag;
  }

  /** Virtual milliseconds since the fake was made. */
  elapsed(): number {
    return this.time.now() - this.time.startedAt;
  }

  groupNames(endpoint = "events"): string[] {
    return [...(this.groups.get(endpoint.toLowerCase())?.values() ?? [])].map((g) => String(g.name));
  }

  clearLog(): void {
    this.calls.length = 0;
    this.time.waits.length = 0;
  }

  // ---------------------------------------------------------------- seeding and out-of-band changes

  /** An Active hub that exists already (made by someone, somewhere), with its etag and default keys. */
  seedHub(over: Partial<IotHubDescription> & { state?: string } = {}): IotHubDescription {
    const { state, ...rest } = over;
    const body: IotHubDescription = {
      location: "westeurope",
      tags: {},
      sku: { name: "S1", capacity: 1 },
      ...clone(rest),
      properties: { eventHubEndpoints: { events: { retentionTimeInDays: 1, partitionCount: 4 } }, ...clone(rest.properties ?? {}) },
    };
    this.doc = this.composeCreated(body);
    this.setPhase(state ?? "Active", state === undefined || state === "Active" ? "Succeeded" : FAILED_STATES.includes(state.toLowerCase()) ? "Failed" : "Activating");
    return clone(this.doc);
  }

  /** Someone else's completed write: `mutate` changes the document (and the keys), and the etag moves. */
  outOfBand(mutate: (hub: IotHubDescription, keys: Rule[]) => void): void {
    this.settle();
    if (!this.doc) throw new Error("outOfBand: no hub");
    mutate(this.doc, this.rules);
    this.bumpEtag();
  }

  /**
   * Another writer's change, or the service's own: the hub shows `state` for the next `gets` GETs (Infinity: for
   * ever), refuses writes meanwhile, then is Active again. The etag moves at both state changes, no field changes.
   */
  startTransition(gets: number, state = "Transitioning"): void {
    this.settle();
    if (!this.doc) throw new Error("startTransition: no hub");
    this.transitionGets = gets;
    this.setPhase(state, "Updating");
  }

  /** The next `gets` GETs answer 404 (the hub exists all the same). */
  answerNotFound(gets: number): void {
    this.notFoundGets = gets;
  }

  /** Quirk, the 404 after an update: once the next update operation has succeeded, `gets` GETs answer 404. */
  notFoundAfterNextUpdate(gets: number): void {
    this.notFoundAfterUpdate = gets;
  }

  /** The next `writes` writes (hub PUT/DELETE, group PUT/DELETE) are refused with 409 IH409002, the hub staying Active. */
  refuseWrites(writes: number): void {
    this.refusedWrites = writes;
  }

  /** The next call of `method` throws `error`; with `afterApplying`, a beginPut/beginDelete is carried out first. */
  failNext(method: FakeMethod, error: ArmError, o: { afterApplying?: boolean } = {}): void {
    const queue = this.scripted.get(method) ?? [];
    queue.push({ error, afterApplying: o.afterApplying ?? false });
    this.scripted.set(method, queue);
  }

  /**
   * The next operation begun ends Failed with this code. A failed create leaves the hub ActivationFailed; a failed
   * update leaves it Active with `provisioningState: Failed`, its body not applied unless `applied`.
   */
  failNextOperation(o: { code: string; message: string; applied?: boolean }): void {
    this.nextOperationFailure = { ...o, applied: o.applied ?? false };
  }

  /**
   * The lost answer: the next beginPut's first attempt is sent and its answer lost (the connection broke); the client
   * retries the same request, and the service answers the retry. With `reachedService` (default) the first attempt
   * was carried out, so a create's `If-None-Match: *` retry meets that very hub (412); without, it never arrived.
   * Whatever the retry gets, the error carries `unansweredAttempts: 1` as the client's would.
   */
  loseAnswerOfNextPut(o: { reachedService?: boolean } = {}): void {
    this.lostAnswer = { reachedService: o.reachedService ?? true };
  }

  /** The hub deleted out of band (at once). */
  removeHub(): void {
    this.settle();
    this.doc = undefined;
    this.rules = [];
    this.groups.clear();
  }

  /** `fn` runs just before the next call of `method` is answered: another writer's change landing at that moment. */
  beforeNext(method: FakeMethod, fn: () => void): void {
    const queue = this.hooks.get(method) ?? [];
    queue.push(fn);
    this.hooks.set(method, queue);
  }

  /** A consumer group made out of band (the hub's etag moves, as in the service). */
  addGroup(name: string, endpoint = "events"): void {
    this.settle();
    this.storeGroup(name, endpoint);
    this.bumpEtag();
  }

  // ---------------------------------------------------------------- HubRemote

  async get(): Promise<IotHubDescription | undefined> {
    return this.readHub("get");
  }

  async listKeys(): Promise<Rule[]> {
    const call = this.begin("listKeys");
    this.takeScripted(call);
    if (!this.doc) {
      call.outcome = "404";
      throw notFoundError(`Microsoft.Devices/IotHubs/${this.ref.name}`);
    }
    call.outcome = `${this.rules.length} keys`;
    return clone(this.rules);
  }

  async beginPut(body: IotHubDescription, pre: { ifMatch?: string; ifNoneMatch?: string }): Promise<StartedOperation> {
    const call = this.begin("beginPut", pre);
    call.body = clone(body);
    const scripted = this.scripted.get("beginPut")?.shift();
    if (scripted && !scripted.afterApplying) return this.fail(call, scripted.error);
    const lost = this.lostAnswer;
    this.lostAnswer = undefined;
    let started: StartedOperation;
    try {
      if (lost) {
        if (lost.reachedService) {
          try {
            this.put(body, pre);
          } catch {
            // That answer was lost as well; the retry below meets the same state.
          }
        }
        // The client's retry of the same request.
        try {
          started = this.put(body, pre);
        } catch (e) {
          throw new ArmError({ ...(e as ArmError), message: (e as ArmError).message, unansweredAttempts: 1, attempts: 2 });
        }
      } else {
        started = this.put(body, pre);
      }
    } catch (e) {
      return this.fail(call, e as ArmError);
    }
    if (scripted) return this.fail(call, scripted.error);
    call.outcome = `${this.describeStarted(started)}`;
    return started;
  }

  async waitForPut(op: StartedOperation, o: OperationWait): Promise<void> {
    await this.waitFor("waitForPut", "PUT", op, o);
  }

  async beginDelete(pre: { ifMatch?: string }): Promise<StartedOperation | undefined> {
    const call = this.begin("beginDelete", pre);
    const scripted = this.scripted.get("beginDelete")?.shift();
    if (scripted && !scripted.afterApplying) return this.fail(call, scripted.error);
    let started: StartedOperation | undefined;
    try {
      started = this.delete(pre);
    } catch (e) {
      return this.fail(call, e as ArmError);
    }
    if (scripted) return this.fail(call, scripted.error);
    call.outcome = started === undefined ? "204" : this.describeStarted(started);
    return started;
  }

  async waitForDelete(op: StartedOperation, o: OperationWait): Promise<void> {
    await this.waitFor("waitForDelete", "DELETE", op, o);
  }

  // ---------------------------------------------------------------- ConsumerGroupRemote

  /** A ConsumerGroupRemote for one group of this hub; its calls go to the same log. */
  consumerGroupRemote(name: string, eventHubEndpointName = "events"): ConsumerGroupRemote {
    const ref: ConsumerGroupRef = { hub: this.ref, eventHubEndpointName, name };
    const resourceId = consumerGroupPath(this.ref, name, eventHubEndpointName);
    const hub = () => this.readHub("getHub");
    const find = () => this.groups.get(eventHubEndpointName.toLowerCase())?.get(name.toLowerCase());
    return {
      ref,
      resourceId,
      pacing: this.pacing,
      getHub: hub,
      get: async () => {
        const call = this.begin("group.get");
        this.takeScripted(call);
        const found = this.doc ? find() : undefined;
        call.outcome = found ? "ok" : "404";
        return clone(found);
      },
      put: async () => {
        const call = this.begin("group.put");
        try {
          this.takeScripted(call);
          if (!this.doc) throw notFoundError(`Microsoft.Devices/IotHubs/${this.ref.name}`);
          this.refuseWhenBusy();
          const group = find() ?? this.storeGroup(name, eventHubEndpointName);
          this.bumpEtag();
          call.outcome = "ok";
          return clone(group);
        } catch (e) {
          return this.fail(call, e as ArmError);
        }
      },
      delete: async (pre) => {
        const call = this.begin("group.delete", pre);
        try {
          this.takeScripted(call);
          const group = this.doc ? find() : undefined;
          // The remote's contract: a 404 (of the group or of its hub) is success.
          if (!group) {
            call.outcome = "404";
            return;
          }
          if (pre.ifMatch !== undefined && pre.ifMatch !== "*" && group.etag != null && group.etag !== pre.ifMatch) throw preconditionFailedError();
          this.refuseWhenBusy();
          this.groups.get(eventHubEndpointName.toLowerCase())?.delete(name.toLowerCase());
          this.bumpEtag();
          call.outcome = "ok";
        } catch (e) {
          return this.fail(call, e as ArmError);
        }
      },
    };
  }

  // ---------------------------------------------------------------- the service

  private begin(method: FakeMethod, pre: { ifMatch?: string; ifNoneMatch?: string } = {}): FakeCall {
    this.settle();
    this.hooks.get(method)?.shift()?.();
    const call: FakeCall = { method, at: this.elapsed(), outcome: "?" };
    if ("ifMatch" in pre && pre.ifMatch !== undefined) call.ifMatch = pre.ifMatch;
    if ("ifNoneMatch" in pre && pre.ifNoneMatch !== undefined) call.ifNoneMatch = pre.ifNoneMatch;
    this.calls.push(call);
    return call;
  }

  private fail(call: FakeCall, error: ArmError): never {
    call.outcome = error.statusCode >= 400 ? String(error.statusCode) : error.code;
    throw error;
  }

  private takeScripted(call: FakeCall): void {
    const scripted = this.scripted.get(call.method)?.shift();
    if (scripted) this.fail(call, scripted.error);
  }

  private async readHub(method: "get" | "getHub"): Promise<IotHubDescription | undefined> {
    const call = this.begin(method);
    this.takeScripted(call);
    if (this.notFoundGets > 0) {
      this.notFoundGets--;
      call.outcome = "404";
      return undefined;
    }
    if (!this.doc) {
      call.outcome = "404";
      return undefined;
    }
    const answer = clone(this.doc);
    call.outcome = String(answer.properties?.state);
    if (this.transitionGets > 0 && --this.transitionGets === 0) this.setPhase("Active", "Succeeded");
    return answer;
  }

  /** Completes the running operation once its time has come. */
  private settle(): void {
    const op = this.running;
    if (!op || this.time.now() < op.doneAt) return;
    this.running = undefined;
    if (op.failure) {
      op.status = "failed";
      if (op.kind === "create") this.setPhase("ActivationFailed", "Failed");
      else {
        if (op.failure.applied && op.body) this.applyUpdate(op.body);
        this.setPhase("Active", "Failed");
      }
      return;
    }
    op.status = "succeeded";
    if (op.kind === "delete") {
      this.doc = undefined;
      this.rules = [];
      this.groups.clear();
      return;
    }
    if (op.kind === "update" && op.body) this.applyUpdate(op.body);
    this.setPhase("Active", "Succeeded");
    if (op.kind === "update" && this.notFoundAfterUpdate > 0) {
      this.notFoundGets = this.notFoundAfterUpdate;
      this.notFoundAfterUpdate = 0;
    }
  }

  private busy(): boolean {
    return this.running !== undefined || this.transitionGets > 0;
  }

  private refuseWhenBusy(): void {
    if (this.refusedWrites > 0) {
      this.refusedWrites--;
      throw hubNotActiveError(this.ref.name);
    }
    if (this.busy()) throw hubNotActiveError(this.ref.name);
  }

  /** PUT per the seed's table: preconditions first, then busy, then the write. */
  private put(body: IotHubDescription, pre: { ifMatch?: string; ifNoneMatch?: string }): StartedOperation {
    const existing = this.doc;
    if (pre.ifNoneMatch === "*" && existing) throw preconditionFailedError();
    if (pre.ifMatch !== undefined && (!existing || (pre.ifMatch !== "*" && pre.ifMatch !== existing.etag))) throw preconditionFailedError();
    this.refuseWhenBusy();
    const state = String(existing?.properties?.state ?? "").toLowerCase();
    const kind = !existing || state === "activationfailed" ? "create" : "update";
    if (kind === "create") {
      this.doc = this.composeCreated(body);
      this.setPhase("Activating", "Accepted");
    } else {
      this.setPhase("Transitioning", "Updating");
    }
    return this.startOperation("PUT", kind, body);
  }

  private delete(pre: { ifMatch?: string }): StartedOperation | undefined {
    if (this.running?.kind === "delete") return { handle: { fake: this, id: this.running.id } };
    if (!this.doc) return undefined;
    if (pre.ifMatch !== undefined && pre.ifMatch !== "*" && pre.ifMatch !== this.doc.etag) throw preconditionFailedError();
    this.refuseWhenBusy();
    this.setPhase("Deleting", "Deleting");
    return this.startOperation("DELETE", "delete");
  }

  private startOperation(method: "PUT" | "DELETE", kind: Operation["kind"], body?: IotHubDescription): StartedOperation {
    const failure = this.nextOperationFailure;
    this.nextOperationFailure = undefined;
    const op: Operation = {
      id: this.operations.size + 1,
      method,
      kind,
      doneAt: this.time.now() + this.operationMs,
      body: clone(body),
      status: "running",
      failure: failure && {
        applied: failure.applied,
        error: operationFailedError(`${method} ${this.resourceId}`, failure.code, failure.message),
      },
    };
    this.operations.set(op.id, op);
    this.running = op;
    return { handle: { fake: this, id: op.id } };
  }

  private describeStarted(started: StartedOperation): string {
    return `202 operation ${(started.handle as { id: number }).id}`;
  }

  private async waitFor(method: "waitForPut" | "waitForDelete", verb: "PUT" | "DELETE", started: StartedOperation, o: OperationWait): Promise<void> {
    const call = this.begin(method);
    this.takeScripted(call);
    const handle = started.handle as { fake?: unknown; id?: number };
    const op = handle?.fake === this && handle.id !== undefined ? this.operations.get(handle.id) : undefined;
    if (!op || op.method !== verb) throw new Error(`${method} was handed an operation this fake did not start as a ${verb}`);
    try {
      await pollUntilTerminal({
        pollOnce: async () => {
          this.settle();
          if (op.status === "failed") throw op.failure?.error;
          if (op.status === "succeeded") return { status: "succeeded", statusWord: "Succeeded" };
          o.progress("Running");
          return { status: "running", statusWord: "Running" };
        },
        pacing: this.pacing,
        timeoutInMs: o.timeoutInMs,
        description: `${verb} ${this.resourceId}`,
      });
    } catch (e) {
      return this.fail(call, e as ArmError);
    }
    call.outcome = `operation ${op.id} Succeeded`;
  }

  // ---------------------------------------------------------------- the document

  private composeCreated(body: IotHubDescription): IotHubDescription {
    const { name } = this.ref;
    const doc = clone(body);
    const properties = { ...(doc.properties ?? {}) };
    const policies = properties.authorizationPolicies;
    delete properties.authorizationPolicies;
    const endpoints = clone(properties.eventHubEndpoints ?? { events: {} });
    for (const [key, endpoint] of Object.entries(endpoints)) {
      const partitions = endpoint.partitionCount ?? 4;
      endpoints[key] = {
        ...endpoint,
        partitionCount: partitions,
        partitionIds: Array.from({ length: partitions }, (_, i) => String(i)),
        path: key === "events" ? name : `${name}-operationmonitoring`,
        endpoint: `sb://iothub-ns-${name}.servicebus.windows.net/`,
      };
    }
    this.rules = (policies && policies.length > 0 ? policies : [
      { keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect" },
      { keyName: "service", rights: "ServiceConnect" },
    ]).map((p) => this.withKeys(p));
    this.groups.clear();
    this.storeGroup("$Default", "events");
    return {
      ...doc,
      id: this.resourceId,
      name,
      type: "Microsoft.Devices/IotHubs",
      sku: doc.sku && { ...doc.sku, tier: tierOf(doc.sku.name) },
      properties: { ...properties, hostName: `${name}.azure-devices.net`, eventHubEndpoints: endpoints },
    };
  }

  /** PUT is full replacement: the body becomes the document; read-only fields stay the service's. */
  private applyUpdate(body: IotHubDescription): void {
    const previous = this.doc ?? {};
    const doc = clone(body);
    const properties = { ...(doc.properties ?? {}) };
    const policies = properties.authorizationPolicies;
    delete properties.authorizationPolicies;
    const endpoints = clone(properties.eventHubEndpoints ?? {});
    for (const [key, endpoint] of Object.entries(endpoints)) {
      const old = previous.properties?.eventHubEndpoints?.[key] ?? {};
      endpoints[key] = { ...endpoint, partitionIds: old.partitionIds, path: old.path, endpoint: old.endpoint };
    }
    this.rules = (policies ?? []).map((p) => (p.primaryKey ? { ...p } : this.withKeys(p)));
    this.doc = {
      ...doc,
      id: this.resourceId,
      name: this.ref.name,
      type: "Microsoft.Devices/IotHubs",
      etag: previous.etag,
      sku: doc.sku && { ...doc.sku, tier: tierOf(doc.sku.name) },
      properties: { ...properties, hostName: previous.properties?.hostName, eventHubEndpoints: endpoints, state: previous.properties?.state },
    };
  }

  private withKeys(p: Rule): Rule {
    const n = ++this.keySeries;
    return { keyName: p.keyName, rights: p.rights, primaryKey: `primary-${p.keyName}-${n}`, secondaryKey: `secondary-${p.keyName}-${n}` };
  }

  private storeGroup(name: string, endpoint: string): EventHubConsumerGroupInfo {
    const id = consumerGroupPath(this.ref, name, endpoint);
    // 2016-02-03 answers {tags, id, name}; 2023-06-30 adds type, properties.created and an etag that is null.
    const group: EventHubConsumerGroupInfo =
      this.ref.apiVersion === "2016-02-03"
        ? { tags: {}, id, name }
        : { id, name, type: "Microsoft.Devices/IotHubs/EventHubEndpoints/ConsumerGroups", etag: null, properties: { created: new Date(this.time.now()).toUTCString() } };
    const key = endpoint.toLowerCase();
    if (!this.groups.has(key)) this.groups.set(key, new Map());
    this.groups.get(key)?.set(name.toLowerCase(), group);
    return group;
  }

  private setPhase(state: string, provisioningState: string): void {
    if (!this.doc) return;
    this.doc.properties = { ...(this.doc.properties ?? {}), state, provisioningState };
    this.bumpEtag();
  }

  private bumpEtag(): void {
    if (this.doc) this.doc.etag = `etag-${++this.etagSeries}`;
  }
}

function tierOf(sku: string): string | undefined {
  return { F: "Free", S: "Standard", B: "Basic" }[sku.charAt(0).toUpperCase()];
}
