import type { HubDocument } from "../hub/document";
import { hubFailure, hubStateWord, isHubActive } from "../hub/document";
import {
  ACTIVE_WAIT_BACKOFF_FACTOR,
  ACTIVE_WAIT_FIRST_INTERVAL_MS,
  ACTIVE_WAIT_JITTER_RATIO,
  ACTIVE_WAIT_MAX_INTERVAL_MS,
} from "../constants";

/** Time and sleep, passed in so tests and the runtime share one implementation. */
export interface Clock {
  now(): number;
  delay(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class WaitTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WaitTimeoutError";
  }
}

/** The hub is in a state it does not leave by itself (hubFailure): waiting is pointless. */
export class HubFailedError extends Error {
  constructor(
    readonly hub: HubDocument,
    readonly failure: string,
  ) {
    super(
      `IotHub ${hub.name ?? "?"} is ${failure}: its last operation failed in Azure, and it does not leave that state ` +
        "by itself, so waiting for it to become Active would only use up the timeout",
    );
    this.name = "HubFailedError";
  }
}

/** Delays between checks: 1 s growing to 10 s, with jitter. */
export function* backoffIntervalsMs(random: () => number = Math.random): Generator<number> {
  let base = ACTIVE_WAIT_FIRST_INTERVAL_MS;
  for (;;) {
    const jitter = 1 + (random() * 2 - 1) * ACTIVE_WAIT_JITTER_RATIO;
    yield Math.round(base * jitter);
    base = Math.min(ACTIVE_WAIT_MAX_INTERVAL_MS, base * ACTIVE_WAIT_BACKOFF_FACTOR);
  }
}

/**
 * Polls `probe` until it says done, or fails with WaitTimeoutError at `deadlineMs` (absolute, from
 * clock.now()). `describe` names what is awaited for the timeout message.
 */
export async function pollUntil<T>(o: {
  probe: () => Promise<{ done: true; value: T } | { done: false; status: string }>;
  deadlineMs: number;
  clock: Clock;
  describe: string;
  onWaiting?: (status: string) => void;
}): Promise<T> {
  const intervals = backoffIntervalsMs();
  for (;;) {
    const result = await o.probe();
    if (result.done) return result.value;
    o.onWaiting?.(result.status);
    const remainingMs = o.deadlineMs - o.clock.now();
    if (remainingMs <= 0) throw new WaitTimeoutError(`timed out waiting for ${o.describe} (last status: ${result.status})`);
    await o.clock.delay(Math.min(intervals.next().value as number, remainingMs));
  }
}

/**
 * Runs a write, retrying while the service answers "hub not Active" (409 IH409002): another writer
 * (another stack, a person, the hub's own transition) can flip the hub out of Active at any moment,
 * even right after a GET said Active (Azure/azure-powershell#16842), so a queue in this process
 * alone is not enough. Before each retry, `waitActive` waits for the hub to be Active again.
 */
export async function retryWhileHubNotActive<T>(o: {
  write: () => Promise<T>;
  isHubNotActive: (e: unknown) => boolean;
  waitActive: () => Promise<unknown>;
  deadlineMs: number;
  clock: Clock;
  describe: string;
}): Promise<T> {
  const intervals = backoffIntervalsMs();
  for (;;) {
    try {
      return await o.write();
    } catch (e) {
      if (!o.isHubNotActive(e)) throw e;
      const remainingMs = o.deadlineMs - o.clock.now();
      if (remainingMs <= 0) {
        throw new WaitTimeoutError(`timed out retrying ${o.describe}: the hub stayed not Active (${(e as Error).message})`);
      }
      await o.clock.delay(Math.min(intervals.next().value as number, remainingMs));
      await o.waitActive();
    }
  }
}

/**
 * Polls the hub until it is Active; a hub in a terminal failed state fails at once (HubFailedError). `whenMissing`: "wait" rides out a 404 (after some updates the
 * real service answers 404 for a while before the hub reappears, Azure/azure-rest-api-specs#27183);
 * "undefined" returns undefined at once (the hub is gone).
 */
export async function waitForActiveHub(o: {
  getHub: () => Promise<HubDocument | undefined>;
  hubName: string;
  whenMissing: "wait" | "undefined";
  deadlineMs: number;
  clock: Clock;
  progress: (status: string) => void;
}): Promise<HubDocument | undefined> {
  return pollUntil<HubDocument | undefined>({
    probe: async () => {
      const hub = await o.getHub();
      if (hub === undefined) {
        return o.whenMissing === "undefined" ? { done: true, value: undefined } : { done: false, status: "not found (yet)" };
      }
      if (isHubActive(hub)) return { done: true, value: hub };
      const failure = hubFailure(hub);
      if (failure !== undefined) throw new HubFailedError({ ...hub, name: hub.name ?? o.hubName }, failure);
      o.progress(hubStateWord(hub));
      return { done: false, status: hubStateWord(hub) };
    },
    deadlineMs: o.deadlineMs,
    clock: o.clock,
    describe: `IotHub ${o.hubName} to be Active`,
  });
}
