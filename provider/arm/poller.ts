/**
 * The one polling loop of the package: long-running operations, waiting for a hub to be Active, and retrying a
 * write the hub refused while busy all run on it (docs/ARCHITECTURE.md §2, "Waiting"). It knows nothing about
 * HTTP: it is handed a `pollOnce` callback and decides only when to call it and when to stop — a terminal
 * status, the overall timeout (ArmError OperationTimedOut), or the caller's abort (ArmError RequestAborted).
 */
import { abortableDelay, throwIfAborted, type Pacing } from "./clock";
import { MAX_POLL_INTERVAL_IN_MS, MAX_TIMER_IN_MS, MIN_POLL_INTERVAL_IN_MS } from "./constants";
import { clientError } from "./errors";
import { isTerminal, type OperationStatus } from "./lro/status";
import { waitAroundUsualDurationInMs } from "./polling-schedule";
import { clampInMs } from "./retry-after";

export interface PollOutcome {
  status: OperationStatus;
  /** The service's own word ("Running", "Succeeded", "Activating"…), for progress and timeout messages. */
  statusWord: string;
  /** Retry-After of this poll response, unclamped. */
  retryAfterInMs?: number;
  /** Body of this poll response. */
  body?: unknown;
  httpStatus?: number;
  requestId?: string;
}

export interface PollProgress {
  status: string;
  elapsedMs: number;
  polls: number;
}

export interface PollerOptions {
  pollOnce: (signal?: AbortSignal) => Promise<PollOutcome>;
  pacing: Pacing;
  timeoutInMs: number;
  /** Poll at once, before the first wait: for a condition that may already hold (a hub that is Active). */
  pollFirst?: boolean;
  /**
   * How long what is awaited usually takes (HUB_OPERATION_USUAL_DURATION_IN_MS): the waits are then built around it
   * (provider/arm/polling-schedule.ts) unless the pacing's schedule was set explicitly.
   */
  usualDurationInMs?: number;
  /** Retry-After of the response that started the operation. */
  initialRetryAfterInMs?: number;
  /** Spread each scheduled wait by ±ratio, so that concurrent writers retrying the same hub drift apart. */
  jitterRatio?: number;
  signal?: AbortSignal;
  onProgress?: (p: PollProgress) => void;
  /** What is awaited, for the timeout message: "PUT /subscriptions/…", "IotHub x to be Active". */
  description: string;
}

export interface PollerResult {
  last: PollOutcome;
  polls: number;
  elapsedMs: number;
}

/** Polls until a terminal status; throws ArmError OperationTimedOut / RequestAborted. */
export async function pollUntilTerminal(o: PollerOptions): Promise<PollerResult> {
  if (!Number.isFinite(o.timeoutInMs) || o.timeoutInMs <= 0) {
    // NaN or Infinity would mean no deadline and, with a NaN wait, a tight polling loop.
    throw clientError("InvalidArgument", `timeoutMs must be a positive number of milliseconds; got ${o.timeoutInMs}`);
  }
  const { clock } = o.pacing;
  const startedAt = clock.now();
  const deadline = startedAt + o.timeoutInMs;
  let polls = 0;
  let retryAfterInMs = o.initialRetryAfterInMs;
  let lastWord: string | undefined;
  for (;;) {
    throwIfAborted(o.signal);
    if (polls > 0 || !o.pollFirst) {
      const remainingInMs = deadline - clock.now();
      if (remainingInMs <= 0) {
        throw clientError(
          "OperationTimedOut",
          `timed out after ${o.timeoutInMs} ms waiting for ${o.description} (last status: ${lastWord ?? "none"}, ${polls} polls)`,
        );
      }
      // The last wait is cut short so that one final poll happens right at the deadline.
      const waitsSoFar = o.pollFirst ? polls - 1 : polls;
      const scheduledInMs = scheduledWaitInMs(o, waitsSoFar, clock.now() - startedAt);
      const intervalInMs = jittered(nextIntervalInMs(scheduledInMs, retryAfterInMs), retryAfterInMs, o);
      await abortableDelay(clock, Math.min(intervalInMs, remainingInMs, MAX_TIMER_IN_MS), o.signal);
    }
    const outcome = await o.pollOnce(o.signal);
    polls += 1;
    lastWord = outcome.statusWord;
    const elapsedMs = clock.now() - startedAt;
    o.onProgress?.({ status: outcome.statusWord, elapsedMs, polls });
    if (isTerminal(outcome.status)) return { last: outcome, polls, elapsedMs };
    retryAfterInMs = outcome.retryAfterInMs;
  }
}

/**
 * Retry-After when the service sent one (within bounds), else the package's own wait.
 * `Retry-After: 0` gives no pacing at all, so it counts as absent rather than as "poll in a tight loop".
 */
export function nextIntervalInMs(scheduledInMs: number, retryAfterInMs?: number): number {
  if (retryAfterInMs !== undefined && retryAfterInMs > 0) {
    return clampInMs(retryAfterInMs, MIN_POLL_INTERVAL_IN_MS, MAX_POLL_INTERVAL_IN_MS);
  }
  return scheduledInMs;
}

/**
 * The package's own wait: around the usual duration when one is known and the user chose no schedule
 * (docs/RELIABILITY.md, "Polling"), else the list schedule, whose last entry repeats.
 */
function scheduledWaitInMs(o: PollerOptions, waitsSoFar: number, elapsedInMs: number): number {
  const { scheduleInMs, scheduleIsExplicit } = o.pacing;
  if (o.usualDurationInMs !== undefined && !scheduleIsExplicit) return waitAroundUsualDurationInMs(o.usualDurationInMs, elapsedInMs);
  if (scheduleInMs.length === 0) return MIN_POLL_INTERVAL_IN_MS;
  return scheduleInMs[Math.min(waitsSoFar, scheduleInMs.length - 1)];
}

/** The service's Retry-After is kept exact; only the package's own schedule is spread. */
function jittered(intervalInMs: number, retryAfterInMs: number | undefined, o: PollerOptions): number {
  if (!o.jitterRatio || (retryAfterInMs !== undefined && retryAfterInMs > 0)) return intervalInMs;
  return Math.round(intervalInMs * (1 + (o.pacing.random() * 2 - 1) * o.jitterRatio));
}
