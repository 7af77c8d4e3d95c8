/**
 * Fixtures for the functions' and the CLI's tests: hubs made in the emulator by another client (straight ARM calls,
 * not through a stack), and the CLI run in-process with its own streams and environment.
 */
import { DEV_TOKEN } from "../../emulator";
import { ArmClient, putHubAndWait, staticTokenCredential } from "../../provider/arm";
import type { ApiVersion, IotHubDescription } from "../../provider/arm";
import { createBody } from "../../provider/hub/body";
import type { HubInputs } from "../../provider/hub/inputs";
import { main } from "../../provider/cli/main";

export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-0000000000cc";
export const OTHER_SUBSCRIPTION_ID = "00000000-0000-0000-0000-0000000000dd";
/** Polling waits for tests: the emulator's transitions take a few hundred ms. */
export const FAST_POLLING_MS = "20,50";

/** Creates (PUT and waits for Active) a hub as another client would: no stack, no ownership tag. */
export async function createHubOutOfBand(
  url: string,
  o: { resourceGroup: string; name: string; apiVersion: ApiVersion; subscriptionId?: string } & Partial<HubInputs>,
): Promise<IotHubDescription> {
  const client = new ArmClient({ endpoint: url, credential: staticTokenCredential(DEV_TOKEN, url), pollingScheduleInMs: [20, 50] });
  const subscriptionId = o.subscriptionId ?? SUBSCRIPTION_ID;
  const inputs: HubInputs = { location: "westeurope", sku: { name: "S1" }, ...o, subscriptionId, resourceGroupName: o.resourceGroup };
  try {
    return await putHubAndWait(client, { subscriptionId, resourceGroup: o.resourceGroup, name: o.name, apiVersion: o.apiVersion }, createBody(inputs), { timeoutInMs: 30_000 });
  } finally {
    await client.close();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a pipeline step would set to reach the emulator. */
export function emulatorEnv(url: string, token = DEV_TOKEN): NodeJS.ProcessEnv {
  return { IOTHUB_ARM_ENDPOINT: url, IOTHUB_ACCESS_TOKEN: token, AZURE_SUBSCRIPTION_ID: SUBSCRIPTION_ID, IOTHUB_POLLING_SCHEDULE_MS: FAST_POLLING_MS };
}

/** `iothub <args>` in-process. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env });
  return { code, stdout, stderr };
}
