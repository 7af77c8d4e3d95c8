/**
 * What only the real engine shows: one `pulumi up` of a hub with 20 consumer groups at the CLI's default
 * parallelism, and a `pulumi up` killed while a hub create is in flight, then run again (what the checkpoint records
 * as pending, and that the next `up` converges to one hub: no orphan, no duplicate). docs/RELIABILITY.md,
 * "An interrupted create", says what a user sees and does.
 */
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningEmulator } from "../../emulator";
import type { CliResult, RunningCommand } from "../../tools/pulumi-cli/run";
import { CliStack, emulatorWithGroup, killProcessesIn, GROUP_TYPE, HUB_TYPE, REPO_ROOT, describeWithCli, emulatorSettings, projectCopy, removeProjectCopies } from "./cli";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000e2e1";
const RESOURCE_GROUP = "rg-e2e-engine";
const FIXTURE = path.join(REPO_ROOT, "test", "e2e", "fixtures", "hub-and-groups");
const TEST_TIMEOUT_IN_MS = 600_000;

/** Waits until `condition` holds; fails at once with the command's output if the command ends first. */
async function waitWhileRunning(run: RunningCommand, what: string, condition: () => boolean, timeoutInMs: number): Promise<void> {
  let ended: CliResult | undefined;
  void run.done.then((r) => (ended = r));
  const deadline = Date.now() + timeoutInMs;
  while (!condition()) {
    if (ended) throw new Error(`the command ended (exit ${ended.exitCode}) before ${what}:\n${ended.stdout}\n${ended.stderr}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutInMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describeWithCli("engine behaviour through the real Pulumi CLI", (cli) => {
  let emulator: RunningEmulator;
  let stack: CliStack;
  beforeAll(async () => {
    // Long enough phases (create: two of them) that a kill lands while the create is in flight.
    emulator = await emulatorWithGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, provisioningMs: 1_500 });
  });
  afterAll(async () => {
    await emulator?.close();
    removeProjectCopies();
  });
  beforeEach(() => {
    stack = new CliStack(cli, projectCopy(FIXTURE), `e2e-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await stack.destroy().catch(() => undefined);
    await stack.remove();
  });

  const hubsInEmulator = () => emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP });
  const settings = (groupCount: number) => ({
    ...emulatorSettings(emulator.url, SUBSCRIPTION_ID),
    "e2e-hub-and-groups:resourceGroupName": { value: RESOURCE_GROUP },
    "e2e-hub-and-groups:groupCount": { value: String(groupCount) },
  });

  test("1 hub + 20 consumer groups in one up at the default parallelism: 0 failures", async () => {
    await stack.init(settings(20));
    const up = await stack.up();
    expect(up.stdout).toMatch(/\+ 22 created/); // the stack, the hub, 20 groups
    const [hub] = await stack.resources(HUB_TYPE);
    const groups = emulator.outOfBand.listConsumerGroups({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, hubName: String(hub.outputs?.name) });
    expect(groups.sort()).toEqual(["$Default", ...Array.from({ length: 20 }, (_, i) => `group-${i}`)].sort());
    expect(await stack.resources(GROUP_TYPE)).toHaveLength(20);
    await stack.destroy();
    expect(hubsInEmulator()).toEqual([]);
  }, TEST_TIMEOUT_IN_MS);

  test("a pulumi up killed while the hub create is in flight: the next up finishes that hub, no orphan, no duplicate", async () => {
    await stack.init(settings(0));
    const before = hubsInEmulator();
    emulator.requests.clear();
    const run = stack.start(...stack.upArgs());
    await waitWhileRunning(run, "the hub PUT was accepted", () => emulator.requests.entries().some((r) => r.method === "PUT" && /\/IotHubs\/[^/]+$/i.test(r.path) && r.status === 201), 120_000);
    run.kill("SIGKILL");
    await run.done;
    // The dynamic-provider host the CLI started survives it (a process group of its own): end it too.
    expect(killProcessesIn(stack.projectDir)).toBeGreaterThan(0);
    const started = hubsInEmulator().filter((n) => !before.includes(n));
    expect(started).toHaveLength(1);

    // The engine recorded a pending create and no hub.
    const { deployment } = await stack.exportState();
    expect(deployment.pending_operations?.map((o) => [o.type, o.resource.urn.split("::").pop()])).toEqual([["creating", "hub"]]);
    expect((deployment.resources ?? []).filter((r) => r.type === HUB_TYPE)).toEqual([]);

    // The killed CLI left its lock: the next command refuses until `pulumi cancel` removes it.
    const locked = await stack.start("refresh", "--stack", stack.name, "--yes", "--non-interactive").done;
    expect(locked.exitCode).not.toBe(0);
    expect(locked.stderr).toMatch(/the stack is currently locked/);
    await stack.run("cancel", "--stack", stack.name, "--yes");

    // A non-interactive refresh leaves the pending create as it is.
    await stack.refresh();
    expect((await stack.exportState()).deployment.pending_operations).toHaveLength(1);

    // The next up creates from scratch: the same derived name, its own ownership tag, so it finishes that hub.
    const up = await stack.up();
    expect(`${up.stdout}${up.stderr}`).toMatch(/pending operations/);
    expect(`${up.stdout}${up.stderr}`).toMatch(/carries this resource's ownership tag/);
    expect(hubsInEmulator().filter((n) => !before.includes(n))).toEqual(started);
    const [hub] = await stack.resources(HUB_TYPE);
    expect(hub.outputs?.name).toBe(started[0]);
    expect(hub.outputs?.state).toBe("Active");
    await stack.preview("--expect-no-changes");

    // The pending create stays in the checkpoint until a refresh clears it; the hub stays.
    expect((await stack.exportState()).deployment.pending_operations).toHaveLength(1);
    await stack.refresh("--clear-pending-creates");
    expect((await stack.exportState()).deployment.pending_operations ?? []).toEqual([]);
    expect(await stack.resources(HUB_TYPE)).toHaveLength(1);

    await stack.destroy();
    expect(hubsInEmulator().filter((n) => !before.includes(n))).toEqual([]);
  }, TEST_TIMEOUT_IN_MS);
});
