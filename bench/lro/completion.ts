import type { RunningEmulator } from "../../emulator";

/** How often the in-process watcher looks at the emulator's store (no HTTP, so it costs no API calls). */
const WATCH_INTERVAL_IN_MS = 2;

export interface HubAddress {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/**
 * The moment the emulator finished an operation, seen from inside the emulator: the hub back to Active after
 * having left it (create, update), or gone (delete). "Noticed after" = client returned − this moment.
 */
export function watchCompletion(emulator: RunningEmulator, hub: HubAddress, until: "active" | "gone"): { done: Promise<number>; stop(): void } {
  let leftActive = false;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<number>((resolve) => {
    timer = setInterval(() => {
      const stored = emulator.outOfBand.getHub(hub);
      if (until === "gone") {
        if (stored === undefined) resolve(performance.now());
        return;
      }
      const active = stored?.properties?.state === "Active";
      if (!active) leftActive = true;
      else if (leftActive) resolve(performance.now());
    }, WATCH_INTERVAL_IN_MS);
  });
  const stop = () => clearInterval(timer);
  void done.then(stop);
  return { done, stop };
}
