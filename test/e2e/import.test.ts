/**
 * `iothub import` through the real tools end to end: the built `iothub` (package.json's bin) prints the snippet for a
 * hub made outside Pulumi, the snippet becomes a project's whole index.ts, the real `pulumi up` adopts the hub and
 * its consumer groups with no write reaching the emulator, and `pulumi preview --expect-no-changes` passes.
 * (The harness runs the same round trip on both api-versions: test/cli/import-round-trip.test.ts.)
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { DEV_TOKEN } from "../../emulator";
import { createHubOutOfBand } from "../cli/helpers";
import { CliStack, GROUP_TYPE, HUB_TYPE, REPO_ROOT, describeWithCli, emulatorSettings, emulatorWithGroup, projectCopy, removeProjectCopies } from "./cli";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000e2e4";
const RESOURCE_GROUP = "rg-e2e-import";
const FIXTURE = path.join(REPO_ROOT, "test", "e2e", "fixtures", "imported");
const BIN = path.join(REPO_ROOT, "dist", "provider", "cli", "main.js");

describeWithCli("iothub import through the real Pulumi CLI", (cli) => {
  let emulator: RunningEmulator;
  let stack: CliStack | undefined;
  beforeAll(async () => {
    emulator = await emulatorWithGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, provisioningMs: 100 });
  });
  afterAll(async () => {
    await stack?.destroy().catch(() => undefined);
    await stack?.remove();
    await emulator?.close();
    removeProjectCopies();
  });

  test("import → the snippet as the program → up writes nothing → preview expects no changes", async () => {
    const name = `e2e-imp-${Math.random().toString(36).slice(2, 8)}`;
    await createHubOutOfBand(emulator.url, {
      subscriptionId: SUBSCRIPTION_ID,
      resourceGroup: RESOURCE_GROUP,
      name,
      apiVersion: "2023-06-30",
      sku: { name: "S1", capacity: 2 },
      eventHubs: { partitionCount: 8, retentionTimeInDays: 2 },
      authorizationPolicies: [{ keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect" }, { keyName: "reader", rights: "RegistryRead" }],
      tags: { owner: "ops" },
    });
    emulator.outOfBand.createConsumerGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, hubName: name, name: "telemetry" });

    // Asynchronously: the emulator answers from this process.
    const imported = await promisify(execFile)(process.execPath, [BIN, "import", `${RESOURCE_GROUP}/${name}`, "--name", "hub", "--api-version", "2023-06-30"], {
      env: { PATH: process.env.PATH, IOTHUB_ARM_ENDPOINT: emulator.url, IOTHUB_ACCESS_TOKEN: DEV_TOKEN, AZURE_SUBSCRIPTION_ID: SUBSCRIPTION_ID },
      encoding: "utf8",
    });
    expect(imported.stderr).toBe("");

    const dir = projectCopy(FIXTURE);
    fs.writeFileSync(path.join(dir, "index.ts"), imported.stdout);
    stack = new CliStack(cli, dir, `e2e-${Math.random().toString(36).slice(2, 8)}`);
    await stack.init(emulatorSettings(emulator.url, SUBSCRIPTION_ID));
    const etag = emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name })?.etag;

    emulator.requests.clear();
    await stack.up();
    const writes = emulator.requests.entries().filter((e) => e.method !== "GET" && e.method !== "POST");
    expect(writes.map((e) => `${e.method} ${e.status}`)).toEqual(["PUT 412"]);
    expect(emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name })?.etag).toBe(etag);
    expect((await stack.resources(HUB_TYPE)).map((r) => r.outputs?.name)).toEqual([name]);
    expect((await stack.resources(GROUP_TYPE)).map((r) => r.outputs?.name)).toEqual(["telemetry"]);

    await stack.preview("--expect-no-changes");
  });
});
