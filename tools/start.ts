/**
 * `npm start`: the top-level project (Pulumi.yaml + index.ts) deployed with the real Pulumi CLI to the local
 * emulator, the way a newcomer first meets it. Steps, each printed as it happens:
 *   1. a compatible `pulumi` (built from Go modules when missing, as `npm run pulumi:install`);
 *   2. the emulator on a fixed port (47730, or IOTHUB_EMULATOR_PORT), its data in .emulator-data/ so hubs survive;
 *   3. a local file backend in this repository (.pulumi/, via PULUMI_BACKEND_URL: no global `pulumi login`);
 *   4. the `dev` stack, its config pointing at the emulator (first run: one hub with two consumer groups);
 *   5. `pulumi up --yes`, then the stack outputs (secrets masked) and what to do next.
 * A second run converges with no changes. `npm start -- preview|refresh|destroy` runs that operation instead, with
 * the same emulator (same port) and stack.
 * docs/PULUMI-CLI.md explains the parts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEV_TOKEN, startEmulator } from "../emulator";
import type { RunningEmulator } from "../emulator";
import { ensurePulumi, describeCli, PulumiUnavailableError } from "./pulumi-cli/install";
import { offlineEnvironment, runPulumi, startPulumi } from "./pulumi-cli/run";
import type { RunOptions } from "./pulumi-cli/run";
import { REPO_ROOT } from "./pulumi-cli/locate";
import type { PulumiCli } from "./pulumi-cli/locate";

/** The stack, and where the state and the emulator's data live; the variables exist so tests leave a user's alone. */
const STACK = process.env.IOTHUB_START_STACK || "dev";
const STATE_DIR = process.env.IOTHUB_START_STATE_DIR || REPO_ROOT;
const PROJECT = "iothub-stack";
/** Any GUID: the emulator serves every subscription. */
const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000de00";
const RESOURCE_GROUP = "iot-dev";
/**
 * A fixed port: refresh and destroy use the provider settings recorded by the last up (docs/PULUMI-CLI.md, "What the
 * engine does"), so the endpoint must not change between runs.
 */
const DEFAULT_EMULATOR_PORT = 47730;
/** The local stack's passphrase when the user has not set PULUMI_CONFIG_PASSPHRASE (it guards emulator values only). */
const DEV_PASSPHRASE = "iothub-dev";

/** The first run's hubs (Pulumi.dev.yaml keeps them; edit that file to change the fleet). */
const DEFAULT_HUBS = [
  {
    name: "iothub-dev-telemetry",
    resourceGroupName: RESOURCE_GROUP,
    location: "westeurope",
    sku: { name: "S1", capacity: 1 },
    eventHubs: { partitionCount: 4, retentionTimeInDays: 1 },
    tags: { environment: "dev" },
    consumerGroups: ["analytics", "archive"],
  },
];

function say(line: string): void {
  console.log(`» ${line}`);
}

type Operation = "up" | "preview" | "refresh" | "destroy";
const OPERATIONS: readonly Operation[] = ["up", "preview", "refresh", "destroy"];

async function main(): Promise<void> {
  const operation = (process.argv[2] ?? "up") as Operation;
  if (!OPERATIONS.includes(operation)) {
    console.error(`npm start: the operation must be one of ${OPERATIONS.join(", ")} (default up); got ${JSON.stringify(operation)}`);
    process.exitCode = 2;
    return;
  }
  let cli: PulumiCli;
  try {
    cli = await ensurePulumi({ log: say });
  } catch (e) {
    if (!(e instanceof PulumiUnavailableError)) throw e;
    console.error(`npm start: ${e.message}`);
    process.exitCode = 1;
    return;
  }
  say(describeCli(cli));

  const dataDir = path.join(STATE_DIR, ".emulator-data");
  const port = Number(process.env.IOTHUB_EMULATOR_PORT ?? DEFAULT_EMULATOR_PORT);
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ dataDir, port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
    console.error(`npm start: port ${port} is in use (another \`npm start\` or emulator?); stop it, or set IOTHUB_EMULATOR_PORT to a free port`);
    process.exitCode = 1;
    return;
  }
  say(`emulator listening on ${emulator.url} (data in ${path.relative(process.cwd(), dataDir) || "."})`);
  try {
    await deploy(cli, emulator, operation);
  } finally {
    await emulator.close();
    say("emulator stopped (its data stays for the next `npm start`)");
  }
}

async function deploy(cli: PulumiCli, emulator: RunningEmulator, operation: Operation): Promise<void> {
  emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP, location: "westeurope" });
  const env = offlineEnvironment({ backendDir: STATE_DIR, passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? DEV_PASSPHRASE });
  const passphraseShown = process.env.PULUMI_CONFIG_PASSPHRASE === undefined ? DEV_PASSPHRASE : "<yours>";
  say(`state: local file backend in ${path.join(STATE_DIR, ".pulumi")}`);
  const quiet = { cwd: REPO_ROOT, env };
  const loud = { ...quiet, onOutput: (text: string) => process.stdout.write(text) };

  await runPulumi(cli, ["stack", "select", "--create", STACK, "--non-interactive"], quiet);
  // Read from the file: `pulumi config` refuses to list a stack whose required `hubs` is still missing.
  const stackFile = path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`);
  const hasHubs = fs.existsSync(stackFile) && new RegExp(`^\\s+${PROJECT}:hubs:`, "m").test(fs.readFileSync(stackFile, "utf8"));
  const settings: Record<string, { value: string; secret: boolean; objectValue?: unknown }> = {
    "iothub:armEndpoint": { value: emulator.url, secret: false },
    // On the command line of `config set-all`: fine for the emulator's public dev token, never for a real secret.
    "iothub:accessToken": { value: DEV_TOKEN, secret: true },
    "iothub:subscriptionId": { value: SUBSCRIPTION_ID, secret: false },
  };
  if (!hasHubs) settings[`${PROJECT}:hubs`] = { value: JSON.stringify(DEFAULT_HUBS), objectValue: DEFAULT_HUBS, secret: false };
  await runPulumi(cli, ["config", "set-all", "--stack", STACK, "--json", JSON.stringify(settings)], quiet);
  say(`stack ${STACK}: Pulumi.${STACK}.yaml points at the emulator${hasHubs ? "" : " and declares one hub with two consumer groups"}`);

  const command = operation === "up" || operation === "destroy" ? [operation, "--yes"] : [operation];
  say(`pulumi ${command.join(" ")}`);
  await untilStoppedCleanly(cli, [...command, "--stack", STACK, "--non-interactive"], loud);
  if (operation === "destroy") return;
  say("stack outputs (secrets masked):");
  await runPulumi(cli, ["stack", "output", "--stack", STACK], loud);
  console.log(`
What next:
  npm start                  again: converges with no changes
  npm start -- refresh       read the hubs back from the emulator and record any drift
  npm start -- preview       what an up would change
  npm start -- destroy       delete the hubs and consumer groups
  edit Pulumi.${STACK}.yaml (${PROJECT}:hubs), then npm start   change the fleet
  secrets: PULUMI_BACKEND_URL=file://${STATE_DIR} PULUMI_CONFIG_PASSPHRASE=${passphraseShown} ${cli.bin} stack output --show-secrets --stack ${STACK}
  against Azure: README, "Running against Azure in a pipeline"`);
}

/**
 * The operation that changes hubs, with the emulator kept alive until the CLI has stopped: a Ctrl-C in the terminal
 * reaches the CLI itself (same process group), which cancels gracefully and leaves a consistent state; this process
 * only waits. A SIGTERM sent to this process alone is passed on to the CLI.
 */
async function untilStoppedCleanly(cli: PulumiCli, args: string[], o: RunOptions): Promise<void> {
  const running = startPulumi(cli, args, o);
  const onInterrupt = () => say("interrupted: pulumi is cancelling the operation; waiting for it to stop");
  const onTerminate = () => running.kill("SIGTERM");
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onTerminate);
  try {
    const { exitCode } = await running.done;
    // Its output was shown as it ran; the error need not repeat it.
    if (exitCode !== 0) throw new Error(`\`pulumi ${args[0]}\` exited with ${exitCode} (its output is above)`);
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onTerminate);
  }
}

main().catch((e: unknown) => {
  console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
