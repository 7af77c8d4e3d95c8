/**
 * Fault injection (ARCHITECTURE.md §1; emulator/README.md, "Faults and out-of-band changes"): throttling, server
 * errors, dropped connections, delays, a hub that is suddenly not Active, an LRO that ends Failed, a device job that
 * ends failed, and the real "404
 * for a while after an update" quirk (docs/IOTHUB-ARM.md, "404 after an update").
 */
export interface FaultRule {
  /** e.g. "PUT"; any when absent */
  method?: string;
  /** string: case-insensitive substring of the URL path (no query); RegExp tested on the path */
  path?: string | RegExp;
  /** how many matching requests it applies to (default 1) */
  times?: number;
  /**
   * Only requests for the operation URLs (status or Location) of a long-running operation on this hub (name,
   * case-insensitive): the URLs carry an operation id, not the hub's name, so `path` cannot single one hub's out.
   */
  operationOf?: string;
  /**
   * Called (programmatic use only) when the rule applies to a request, before its action: with a `delay`, a test
   * knows the request is held and can act meanwhile (restart the emulator, kill the client).
   */
  onMatch?: () => void;
  action:
    /** `retryAfterAs: "httpDate"` sends Retry-After as an HTTP date that many seconds ahead (RFC 9110 §10.2.3) */
    | { kind: "status"; status: 429 | 500 | 503; retryAfterSeconds?: number; retryAfterAs?: "seconds" | "httpDate" }
    | { kind: "drop" }
    /** handle the request (its effect happens), then destroy the socket instead of answering: a lost answer */
    | { kind: "dropAnswer" }
    | { kind: "delay"; ms: number }
    | { kind: "hubNotActive" };
}

export interface FaultInjector {
  add(rule: FaultRule): void;
  /** the next LRO on that hub ends Failed */
  failNextOperation(o: { hubName: string; code?: string; message?: string }): void;
  /** after the next update succeeds, the next `gets` GETs of the hub answer ARM 404 */
  notFoundAfterUpdate(o: { hubName: string; gets: number }): void;
  /** the next import/export job started on that hub ends `failed` (not `completed`) with `failureReason` */
  failNextJob(o: { hubName: string; reason?: string }): void;
  clear(): void;
}

export type FaultAction = FaultRule["action"];

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

export const DEFAULT_FAILURE = {
  code: "InternalServerError",
  message: "The operation failed: an injected fault (failNextOperation).",
};

/** failureReason of a job failed by failNextJob without a reason of its own. */
export const DEFAULT_JOB_FAILURE_REASON = "The job failed: an injected fault (failNextJob).";

export class Faults implements FaultInjector {
  private rules: ActiveRule[] = [];
  /** hub name → failureReason of its next job */
  private readonly jobFailures = new Map<string, string>();
  private readonly failures = new Map<string, { code: string; message: string }>();
  /** hub name → GETs to answer 404 once the next update succeeds */
  private readonly armedNotFound = new Map<string, number>();
  /** hub name → GETs still to answer 404 */
  private readonly notFoundGets = new Map<string, number>();

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`FaultRule.times must be a positive integer, got ${times}`);
    this.rules.push({ rule, remaining: times });
  }

  failNextOperation(o: { hubName: string; code?: string; message?: string }): void {
    this.failures.set(o.hubName.toLowerCase(), {
      code: o.code ?? DEFAULT_FAILURE.code,
      message: o.message ?? DEFAULT_FAILURE.message,
    });
  }

  notFoundAfterUpdate(o: { hubName: string; gets: number }): void {
    this.armedNotFound.set(o.hubName.toLowerCase(), o.gets);
  }

  failNextJob(o: { hubName: string; reason?: string }): void {
    this.jobFailures.set(o.hubName.toLowerCase(), o.reason ?? DEFAULT_JOB_FAILURE_REASON);
  }

  /**
   * The service's own 404 window after an update that changed `disableLocalAuth` (emulator/README.md, "Hub
   * settings"): armed like `notFoundAfterUpdate`, unless a test armed that for the hub already.
   */
  armNotFoundAfterUpdateUnlessArmed(hubName: string, gets: number): void {
    const key = hubName.toLowerCase();
    if (gets > 0 && !this.armedNotFound.has(key)) this.armedNotFound.set(key, gets);
  }

  clear(): void {
    this.rules = [];
    this.jobFailures.clear();
    this.failures.clear();
    this.armedNotFound.clear();
    this.notFoundGets.clear();
  }

  // ---- used by the server and the LRO engine ----

  /**
   * The first matching rule's action, consuming one of its `times`. `operationHub`: the hub whose long-running
   * operation the request's URL names, if it names one.
   */
  take(method: string, path: string, operationHub?: string): FaultAction | undefined {
    const index = this.rules.findIndex((r) => matches(r.rule, method, path, operationHub));
    if (index < 0) return undefined;
    const active = this.rules[index];
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules.splice(index, 1);
    active.rule.onMatch?.();
    return active.rule.action;
  }

  takeOperationFailure(hubName: string): { code: string; message: string } | undefined {
    const key = hubName.toLowerCase();
    const failure = this.failures.get(key);
    this.failures.delete(key);
    return failure;
  }

  takeJobFailure(hubName: string): string | undefined {
    const key = hubName.toLowerCase();
    const reason = this.jobFailures.get(key);
    this.jobFailures.delete(key);
    return reason;
  }

  onUpdateSucceeded(hubName: string): void {
    const key = hubName.toLowerCase();
    const gets = this.armedNotFound.get(key);
    if (gets === undefined) return;
    this.armedNotFound.delete(key);
    if (gets > 0) this.notFoundGets.set(key, gets);
  }

  /** True when this GET of the hub must answer 404 (and counts it). */
  takeNotFoundGet(hubName: string): boolean {
    const key = hubName.toLowerCase();
    const left = this.notFoundGets.get(key);
    if (left === undefined) return false;
    if (left <= 1) this.notFoundGets.delete(key);
    else this.notFoundGets.set(key, left - 1);
    return true;
  }
}

function matches(rule: FaultRule, method: string, path: string, operationHub: string | undefined): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.operationOf !== undefined && rule.operationOf.toLowerCase() !== operationHub?.toLowerCase()) return false;
  if (rule.path === undefined) return true;
  if (typeof rule.path === "string") return path.toLowerCase().includes(rule.path.toLowerCase());
  rule.path.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
  return rule.path.test(path);
}
