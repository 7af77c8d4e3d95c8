/**
 * When to look next at an operation whose usual duration is known: quietly while completion is improbable, densely
 * around and after the usual duration, backing off only well past it (docs/RELIABILITY.md, "Polling"; the shape
 * and its reasons are in provider/arm/constants.ts). Time-based rather than count-based, so that a Retry-After the
 * service sent in between does not shift the dense part away from the usual completion.
 */
import {
  BACKOFF_RATIO,
  DENSE_POLL_INTERVAL_IN_MS,
  DENSE_UNTIL_RATIO,
  FIRST_QUIET_WAIT_IN_MS,
  MAX_BACKOFF_POLL_INTERVAL_IN_MS,
  QUIET_UNTIL_RATIO,
} from "./constants";

/** The wait before the next look, `elapsedInMs` after the operation started, for one usually lasting `usualInMs`. */
export function waitAroundUsualDurationInMs(usualInMs: number, elapsedInMs: number): number {
  const denseFromInMs = QUIET_UNTIL_RATIO * usualInMs;
  const denseUntilInMs = DENSE_UNTIL_RATIO * usualInMs;
  const untilDenseInMs = denseFromInMs - elapsedInMs;
  if (untilDenseInMs >= DENSE_POLL_INTERVAL_IN_MS) {
    // Doubling: the next look at twice the time elapsed so far (the first after 1 s)…
    const doubling = Math.max(FIRST_QUIET_WAIT_IN_MS, elapsedInMs);
    // …but never past the start of the dense part, and straight to it when only a short quiet wait would be left.
    const leftInMs = untilDenseInMs - doubling;
    return leftInMs < Math.max(DENSE_POLL_INTERVAL_IN_MS, doubling / 2) ? untilDenseInMs : doubling;
  }
  if (elapsedInMs < denseUntilInMs) return DENSE_POLL_INTERVAL_IN_MS;
  const backoff = DENSE_POLL_INTERVAL_IN_MS + BACKOFF_RATIO * (elapsedInMs - denseUntilInMs);
  return Math.min(Math.round(backoff), MAX_BACKOFF_POLL_INTERVAL_IN_MS);
}

/** The moments (ms after the start) of every look until the first at or after `doneAfterInMs`, for arithmetic. */
export function looksUntilInMs(usualInMs: number, doneAfterInMs: number): number[] {
  const looks: number[] = [];
  for (let t = 0; looks.length === 0 || looks[looks.length - 1] < doneAfterInMs; ) {
    t += waitAroundUsualDurationInMs(usualInMs, t);
    looks.push(t);
  }
  return looks;
}
