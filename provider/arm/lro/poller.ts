/**
 * The polling loop: a small state machine that knows nothing about HTTP. It is handed a `pollOnce`
 * callback (which reads the operation's status however the mode says) and decides only when to call it
 * and when to stop: terminal status, overall timeout, or abort.
 */
import { MAX_POLL_INTERVAL_IN_MS, MAX_TIMER_IN_MS, MIN_POLL_INTERVAL_IN_MS } from "../constants";
import { clientError } from "../errors";
import { clampInMs } from "../retry-after";
import { isTerminal, type OperationStatus } from "./status";

export interface PollOutcome {
  status: OperationStatus;
  /** The service's own word ("Running", "Succeeded"…), for progress reports. */
  statusWord: string;
  /** Retry-After of this poll response, unclamped. */
  retryAfterInMs?: number;
  /** Body of this poll response. */
  body?: unknown;
  httpStatus?: number;
  requestId?: string;
}

export interface LroProgress {
  status: string;
  elapsedMs: number;
  polls: number;
}

export interface PollerOptions {
  pollOnce: (signal?: AbortSignal) => Promise<PollOutcome>;
  /** Retry-After of the first response (the one that started the operation). */
  initialRetryAfterInMs?: number;
  scheduleInMs: readonly number[];
  timeoutInMs: number;
  signal?: AbortSignal;
  delay: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  onProgress?: (p: LroProgress) => void;
  /** Names the operation in timeout messages. */
  description: string;
}

export interface PollerResult {
  last: PollOutcome;
  polls: number;
  elapsedMs: number;
}

/** Polls until a terminal status; throws ArmError OperationTimedOut / RequestAborted. */
export async function pollUntilTerminal(o: PollerOptions): Promise<PollerResult> {
  const startedAt = o.now();
  const deadline = startedAt + Math.max(0, o.timeoutInMs);
  let polls = 0;
  let retryAfterInMs = o.initialRetryAfterInMs;
  for (;;) {
    throwIfAborted(o.signal);
    const remainingInMs = deadline - o.now();
    if (remainingInMs <= 0) {
      throw clientError("OperationTimedOut", `${o.description} did not finish within ${o.timeoutInMs} ms (${polls} polls)`);
    }
    // The last wait is cut short so that one final poll happens right at the deadline.
    const waitInMs = Math.min(nextIntervalInMs(o.scheduleInMs, polls, retryAfterInMs), remainingInMs, MAX_TIMER_IN_MS);
    await waitOrAbort(o, waitInMs);
    const outcome = await o.pollOnce(o.signal);
    polls += 1;
    const elapsedMs = o.now() - startedAt;
    o.onProgress?.({ status: outcome.statusWord, elapsedMs, polls });
    if (isTerminal(outcome.status)) return { last: outcome, polls, elapsedMs };
    retryAfterInMs = outcome.retryAfterInMs;
  }
}

/**
 * Retry-After when the service sent one (within bounds), else the schedule, whose last entry repeats.
 * `Retry-After: 0` gives no pacing at all, so it counts as absent rather than as "poll in a tight loop".
 */
export function nextIntervalInMs(scheduleInMs: readonly number[], pollsSoFar: number, retryAfterInMs?: number): number {
  if (retryAfterInMs !== undefined && retryAfterInMs > 0) {
    return clampInMs(retryAfterInMs, MIN_POLL_INTERVAL_IN_MS, MAX_POLL_INTERVAL_IN_MS);
  }
  if (scheduleInMs.length === 0) return MIN_POLL_INTERVAL_IN_MS;
  return scheduleInMs[Math.min(pollsSoFar, scheduleInMs.length - 1)];
}

async function waitOrAbort(o: PollerOptions, waitInMs: number): Promise<void> {
  try {
    await o.delay(waitInMs, o.signal);
  } catch (error) {
    if (o.signal?.aborted) throw abortError(o.signal);
    throw error;
  }
  throwIfAborted(o.signal);
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

export function abortError(signal: AbortSignal) {
  return clientError("RequestAborted", "the operation was aborted by the caller", signal.reason);
}
