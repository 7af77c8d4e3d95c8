/**
 * The harness (test/harness/, the fast path of the provider tests) against the real CLI: one scenario — create,
 * update, refresh with drift, restore, delete of a dependent, replace, a partial failure and its repair, a refresh
 * after the endpoint config changed, destroy —
 * run through both, each against its own emulator set up the same way. After every step both must report the same
 * steps for our resources and store the same outputs. What the harness still does not model is listed in
 * test/harness/README.md ("Checked against the real CLI").
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEV_TOKEN } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import { Stack } from "../../tools/harness";
import type { StateResource as HarnessResource } from "../../tools/harness";
import { CliStack, emulatorWithGroup, GROUP_TYPE, HUB_TYPE, REPO_ROOT, describeWithCli, emulatorSettings, projectCopy, removeProjectCopies, stepsFromEventLog } from "./cli";
import type { StateResource as CliResource } from "./cli";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000d1ff";
const RESOURCE_GROUP = "rg-differential";
const HUB_NAME = `diff-${Math.random().toString(36).slice(2, 8)}`;
const PROJECT = "e2e-hub-and-groups";
const FIXTURE = path.join(REPO_ROOT, "test", "e2e", "fixtures", "hub-and-groups");

type Config = Record<string, string>;
interface Observed {
  steps: { name: string; op: string }[];
  /** Pulumi name → outputs as stored, with what legitimately differs between two runs taken out. */
  outputs: Record<string, Record<string, unknown>>;
  failed: boolean;
}

/** Values that differ between two emulators or two serializations, not between engines. */
const VARYING = ["__provider", "etag", "created"];
const SECRET = "[secret]";

function normalized(outputs: Record<string, unknown>, secretKeys: string[]): Record<string, unknown> {
  const isCipher = (v: unknown) => typeof v === "object" && v !== null && "ciphertext" in v;
  return Object.fromEntries(
    Object.entries(outputs)
      .filter(([k]) => !VARYING.includes(k))
      .map(([k, v]) => [k, secretKeys.includes(k) || isCipher(v) ? SECRET : v]),
  );
}

function programFile(file: string): () => unknown {
  return () => {
    let exported: unknown;
    jest.isolateModules(() => {
      exported = require(file);
    });
    return exported;
  };
}

describeWithCli("the harness against the real CLI", (cli) => {
  let viaCli: { emulator: RunningEmulator; stack: CliStack; eventLog: string };
  let viaHarness: { emulator: RunningEmulator; stack: Stack };
  const stackName = `diff-${Math.random().toString(36).slice(2, 8)}`;
  const program = programFile(path.join(FIXTURE, "index.ts"));
  const baseConfig: Config = { resourceGroupName: RESOURCE_GROUP, hubName: HUB_NAME, groupCount: "1", tag: "1" };

  const newEmulator = () => emulatorWithGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, provisioningMs: 100 });

  beforeAll(async () => {
    const cliEmulator = await newEmulator();
    const eventLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "diff-events-")), "events.jsonl");
    viaCli = { emulator: cliEmulator, stack: new CliStack(cli, projectCopy(FIXTURE), stackName), eventLog };
    await viaCli.stack.init(emulatorSettings(cliEmulator.url, SUBSCRIPTION_ID));

    const harnessEmulator = await newEmulator();
    const programDir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-harness-"));
    fs.mkdirSync(path.join(programDir, "node_modules"));
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(programDir, "node_modules", "@pulumi"), "dir");
    fs.symlinkSync(REPO_ROOT, path.join(programDir, "node_modules", "pulumi-iothub"), "dir");
    viaHarness = {
      emulator: harnessEmulator,
      stack: new Stack({
        programDir,
        project: PROJECT,
        stack: stackName,
        config: { "iothub:armEndpoint": harnessEmulator.url, "iothub:accessToken": { secret: DEV_TOKEN }, "iothub:subscriptionId": SUBSCRIPTION_ID },
      }),
    };
  });
  afterAll(async () => {
    await viaCli?.stack.destroy().catch(() => undefined);
    await viaCli?.stack.remove();
    await viaHarness?.stack.destroy().catch(() => undefined);
    await viaHarness?.stack.close();
    await viaCli?.emulator.close();
    await viaHarness?.emulator.close();
    removeProjectCopies();
  });

  async function cliStep(op: "up" | "refresh" | "destroy", config: Config): Promise<Observed> {
    await viaCli.stack.setConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [`${PROJECT}:${k}`, { value: v }])));
    fs.rmSync(viaCli.eventLog, { force: true });
    const args = op === "up" ? viaCli.stack.upArgs() : [op, "--stack", stackName, "--yes", "--non-interactive"];
    const result = await viaCli.stack.start(...args, "--event-log", viaCli.eventLog).done;
    const resources = [...(await viaCli.stack.resources(HUB_TYPE)), ...(await viaCli.stack.resources(GROUP_TYPE))];
    return {
      steps: fs.existsSync(viaCli.eventLog) ? stepsFromEventLog(viaCli.eventLog).sort(byName) : [],
      outputs: Object.fromEntries(resources.map((r: CliResource) => [r.urn.split("::").pop()!, normalized(r.outputs ?? {}, [])])),
      failed: result.exitCode !== 0,
    };
  }

  async function harnessStep(op: "up" | "refresh" | "destroy", config: Config): Promise<Observed> {
    viaHarness.stack.setConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [`${PROJECT}:${k}`, v])));
    let steps: { urn: string; op: string }[];
    let failed = false;
    if (op === "destroy") {
      // The harness's destroy reports no steps; it deletes everything in state or throws.
      steps = viaHarness.stack.resources().map((r) => ({ urn: r.urn, op: "delete" }));
      await viaHarness.stack.destroy();
    } else {
      const result = op === "up" ? await viaHarness.stack.up(program) : await viaHarness.stack.refresh();
      steps = result.steps;
      failed = result.errors.length > 0;
    }
    return {
      steps: steps.map((s) => ({ name: s.urn.split("::").pop()!, op: s.op })).sort(byName),
      outputs: Object.fromEntries(viaHarness.stack.resources().map((r: HarnessResource) => [r.name, normalized(r.outputs, r.secretOutputs)])),
      failed,
    };
  }

  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const both = async (op: "up" | "refresh" | "destroy", config: Config = {}) => {
    const [c, h] = [await cliStep(op, config), await harnessStep(op, config)];
    expect({ steps: h.steps, failed: h.failed }).toEqual({ steps: c.steps, failed: c.failed });
    expect(h.outputs).toEqual(c.outputs);
    return c;
  };
  const inBoth = (f: (e: RunningEmulator) => void) => [viaCli.emulator, viaHarness.emulator].forEach(f);
  const ref = { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: HUB_NAME };

  test("create, update, refresh with drift, restore, delete, replace, partial failure, destroy: same steps, same state", async () => {
    const created = await both("up", baseConfig);
    expect(created.steps).toEqual([{ name: "group-0", op: "create" }, { name: "hub", op: "create" }]);
    expect(created.outputs.hub).toMatchObject({ name: HUB_NAME, state: "Active", tags: { fixture: "hub-and-groups", step: "1" }, connectionStrings: SECRET });

    expect((await both("up", { tag: "2" })).steps).toEqual([{ name: "group-0", op: "same" }, { name: "hub", op: "update" }]);

    inBoth((e) => e.outOfBand.updateHub({ ...ref, mutate: (hub) => (hub.tags.step = "portal") }));
    const refreshed = await both("refresh");
    expect(refreshed.steps).toEqual([{ name: "group-0", op: "same" }, { name: "hub", op: "update" }]);
    expect(refreshed.outputs.hub.tags).toEqual({ fixture: "hub-and-groups", step: "portal" });
    expect((await both("up")).steps).toEqual([{ name: "group-0", op: "same" }, { name: "hub", op: "update" }]);

    expect((await both("up", { groupCount: "0" })).steps).toEqual([{ name: "group-0", op: "delete" }, { name: "hub", op: "same" }]);
    const replaced = await both("up", { location: "northeurope" });
    expect(replaced.steps).toEqual([{ name: "hub", op: "replace" }]);
    expect(replaced.outputs.hub.location).toBe("northeurope");

    // The update's operation ends Failed: both record a partial failure with the same outputs, and both repair it.
    inBoth((e) => e.faults.failNextOperation({ hubName: HUB_NAME }));
    const failed = await both("up", { tag: "3" });
    expect(failed.failed).toBe(true);
    expect((await both("up")).steps).toEqual([{ name: "hub", op: "update" }]);
    expect(viaCli.emulator.outOfBand.getHub(ref)?.tags.step).toBe("3");

    // Refresh (no program) configures the provider from what the last up recorded, not from the config now.
    const unreachable = "http://127.0.0.1:9";
    await viaCli.stack.setConfig({ "iothub:armEndpoint": { value: unreachable } });
    viaHarness.stack.setConfig({ "iothub:armEndpoint": unreachable });
    expect((await both("refresh")).failed).toBe(false);

    await both("destroy");
    inBoth((e) => expect(e.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID })).toEqual([]));
  }, 600_000);
});
