/**
 * Waiting for a hub, on the package's one poller (provider/arm/poller.ts): until it is Active, and retrying a write
 * it refused while busy. Both hub quirks that concern waiting are handled here and nowhere else
 * (docs/IOTHUB-ARM.md, "Quirks"):
 * - **404 after an update**: right after some updates the real service answers 404 for a while before the hub
 *   reappears. A wait that started after our own write (`whenMissing: "wait"`) rides it out.
 * - **409 while not Active**: another writer (another stack, a person, the hub's own transition) can flip the hub out
 *   of Active at any moment, even right after a GET said Active; the write is retried once the hub is Active again.
 */
import type { Pacing } from "../clock";
import { isHubNotActive } from "../errors";
import { pollUntilTerminal } from "../poller";
import { HubFailedError, hubFailure, hubStateWord, isHubActive } from "./hub-state";
import type { IotHubDescription } from "./types";

export interface HubWaitOptions {
  pacing: Pacing;
  /** What is left of the operation's overall time. */
  timeoutInMs: number;
  signal?: AbortSignal;
  /** The hub's state word each time it is seen not Active yet. */
  onProgress?: (status: string) => void;
}

/** Spread of the waits between retried writes, so that concurrent writers to one hub drift apart. */
const WRITE_RETRY_JITTER_RATIO = 0.2;

/**
 * Polls the hub until it is Active (first look at once). A hub in a terminal failed state ends the wait at once
 * (HubFailedError). `whenMissing`: "wait" rides out a 404 (the post-update quirk); "undefined" returns undefined at
 * once (the hub is gone). Timeout: ArmError OperationTimedOut.
 */
export async function waitForActiveHub(
  o: HubWaitOptions & { getHub: () => Promise<IotHubDescription | undefined>; hubName: string; whenMissing: "wait" | "undefined" },
): Promise<IotHubDescription | undefined> {
  const { last } = await pollUntilTerminal({
    pollOnce: async () => {
      const hub = await o.getHub();
      if (hub === undefined) {
        return o.whenMissing === "undefined" ? { status: "succeeded", statusWord: "not found" } : { status: "running", statusWord: "not found (yet)" };
      }
      if (isHubActive(hub)) return { status: "succeeded", statusWord: hubStateWord(hub), body: hub };
      const failure = hubFailure(hub);
      if (failure !== undefined) throw new HubFailedError({ ...hub, name: hub.name ?? o.hubName }, failure);
      o.onProgress?.(hubStateWord(hub));
      return { status: "running", statusWord: hubStateWord(hub) };
    },
    pollFirst: true,
    pacing: o.pacing,
    timeoutInMs: o.timeoutInMs,
    signal: o.signal,
    description: `IotHub ${o.hubName} to be Active`,
  });
  return last.body as IotHubDescription | undefined;
}

/**
 * Runs `write`, and while the service refuses it because the hub is not Active (409 IH409002) waits on the
 * schedule, then for the hub to be Active (`waitActive`), and tries again. Other errors end it at once.
 */
export async function retryWhileHubNotActive<T>(
  o: HubWaitOptions & { write: () => Promise<T>; waitActive: () => Promise<unknown>; describe: string },
): Promise<T> {
  let result: { value: T } | undefined;
  let attempts = 0;
  await pollUntilTerminal({
    pollOnce: async () => {
      if (attempts++ > 0) await o.waitActive();
      try {
        result = { value: await o.write() };
        return { status: "succeeded", statusWord: "accepted" };
      } catch (e) {
        if (!isHubNotActive(e)) throw e;
        return { status: "running", statusWord: `not Active: ${(e as Error).message}` };
      }
    },
    pollFirst: true,
    jitterRatio: WRITE_RETRY_JITTER_RATIO,
    pacing: o.pacing,
    timeoutInMs: o.timeoutInMs,
    signal: o.signal,
    description: `the hub to accept ${o.describe}`,
  });
  return (result as { value: T }).value;
}
