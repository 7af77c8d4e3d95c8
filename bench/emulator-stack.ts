import { DEV_TOKEN } from "../emulator";
import type { RunningEmulator } from "../emulator";
import { Stack } from "../tools/harness";

/** A harness stack whose provider talks to `emulator` with its dev token, as the benchmarks deploy. */
export function emulatorStack(emulator: RunningEmulator, project: string, subscriptionId: string): Stack {
  return new Stack({
    project,
    config: {
      "iothub:armEndpoint": emulator.url,
      "iothub:accessToken": { secret: DEV_TOKEN },
      "iothub:subscriptionId": subscriptionId,
    },
  });
}
