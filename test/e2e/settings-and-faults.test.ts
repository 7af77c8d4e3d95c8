/**
 * Two things the harness suites show, checked once through the real Pulumi CLI (docs/PULUMI-CLI.md):
 * - a hub using every typed setting (api-version 2023-06-30) goes through `up`, `refresh` and `preview` with no change,
 *   while the service answers its lists in reverse order and its endpoint keys masked (docs/IOTHUB-ARM.md, "Typed
 *   settings and their diffs"), and the keys never reach the checkpoint in plaintext;
 * - a representative subset of the fault matrix (docs/FAULT-MATRIX.md): a 429 whose Retry-After is an HTTP date on the
 *   hub's create, a lost answer on the consumer group's create, a 503 on a read and a 500 on the delete, each retried,
 *   leaving exactly the declared hub and group, then nothing.
 */
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import { ALL_KEYS, everySettingArgs } from "../iothub/settings-program";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, devHubArgs } from "../iothub/world";
import { CliStack, GROUP_TYPE, HUB_TYPE, REPO_ROOT, describeWithCli, emulatorSettings, projectCopy, removeProjectCopies } from "./cli";

const FIXTURE = path.join(REPO_ROOT, "test", "e2e", "fixtures", "hub-from-config");
const TEST_TIMEOUT_IN_MS = 600_000;
const suffix = () => Math.random().toString(36).slice(2, 8);

describeWithCli("typed settings and faults through the real Pulumi CLI", (cli) => {
  let emulator: RunningEmulator;
  const where = (name: string) => ({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name });
  beforeAll(async () => {
    emulator = await startEmulator({ provisioningMs: 150, reorderLists: true });
    emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP });
  });
  afterAll(async () => {
    await emulator?.close();
    removeProjectCopies();
  });

  test("every typed setting: up, then refresh and preview find no change although lists come back reversed and keys masked; no key in the checkpoint", async () => {
    const name = `e2e-settings-${suffix()}`;
    const stack = new CliStack(cli, projectCopy(FIXTURE), `settings-${suffix()}`);
    try {
      // Secret config, as a user keeps connection strings: the engine records every config value as an input of the
      // dynamic providers' default provider, so a plaintext one would be in the checkpoint by the user's choice.
      await stack.init({ ...emulatorSettings(emulator.url, SUBSCRIPTION_ID), "hub-from-config:hubArgs": { value: JSON.stringify(everySettingArgs(name)), secret: true } });
      await stack.up();
      const stored = JSON.stringify(emulator.outOfBand.getHub(where(name)));
      for (const key of ALL_KEYS.slice(0, 4)) expect(stored).toContain(key);

      await stack.refresh("--expect-no-changes");
      await stack.preview("--expect-no-changes");
      const { text } = await stack.exportState();
      for (const key of ALL_KEYS) expect(text).not.toContain(key);

      await stack.destroy();
      expect(emulator.outOfBand.getHub(where(name))).toBeUndefined();
    } finally {
      await stack.destroy().catch(() => undefined);
      await stack.remove();
    }
  }, TEST_TIMEOUT_IN_MS);

  test("429 with an HTTP-date Retry-After, a lost answer, a 503 and a 500 are retried: the hub and its group exist once, then not at all", async () => {
    const name = `e2e-faults-${suffix()}`;
    const stack = new CliStack(cli, projectCopy(FIXTURE), `faults-${suffix()}`);
    try {
      await stack.init({
        ...emulatorSettings(emulator.url, SUBSCRIPTION_ID),
        "iothub:pollingScheduleMs": { value: "100,100,200" },
        "hub-from-config:hubArgs": { value: devHubArgs(name) },
        "hub-from-config:groups": { value: ["analytics"] },
      });
      const hubPath = new RegExp(`/IotHubs/${name}$`, "i");
      emulator.faults.add({ method: "PUT", path: hubPath, action: { kind: "status", status: 429, retryAfterSeconds: 1, retryAfterAs: "httpDate" } });
      emulator.faults.add({ method: "PUT", path: "/ConsumerGroups/analytics", action: { kind: "dropAnswer" } });
      emulator.faults.add({ method: "GET", path: hubPath, action: { kind: "status", status: 503 } });
      emulator.requests.clear();
      await stack.up();

      const answered = emulator.requests.entries();
      expect(answered.some((e) => e.method === "PUT" && hubPath.test(e.path) && e.status === 429)).toBe(true);
      expect(answered.filter((e) => e.method === "PUT" && /\/ConsumerGroups\/analytics$/i.test(e.path)).length).toBeGreaterThanOrEqual(2);
      expect(answered.some((e) => e.method === "GET" && hubPath.test(e.path) && e.status === 503)).toBe(true);
      expect(emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP })).toContain(name);
      expect(emulator.outOfBand.listConsumerGroups({ ...where(name), hubName: name }).sort()).toEqual(["$Default", "analytics"]);
      expect(await stack.resources(HUB_TYPE)).toHaveLength(1);
      expect(await stack.resources(GROUP_TYPE)).toHaveLength(1);
      await stack.preview("--expect-no-changes");

      emulator.faults.add({ method: "DELETE", path: hubPath, action: { kind: "status", status: 500 } });
      await stack.destroy();
      expect(emulator.requests.entries().some((e) => e.method === "DELETE" && hubPath.test(e.path) && e.status === 500)).toBe(true);
      expect(emulator.outOfBand.getHub(where(name))).toBeUndefined();
    } finally {
      emulator.faults.clear();
      await stack.destroy().catch(() => undefined);
      await stack.remove();
    }
  }, TEST_TIMEOUT_IN_MS);
});
