/**
 * Two pipelines, one hub: the hub in one stack, consumer groups on it in another, both deployed at the same time by two
 * `pulumi up` processes. The per-hub queue only orders writes inside one provider process; across processes the two
 * coordinate through the service alone — the ETag (412) and "not Active" (409) answers — and must end with no failure
 * and nothing lost (docs/RELIABILITY.md, "Two pipelines, one hub").
 */
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningEmulator } from "../../emulator";
import { CliStack, REPO_ROOT, describeWithCli, emulatorSettings, emulatorWithGroup, projectCopy, removeProjectCopies } from "./cli";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000e2e2";
const RESOURCE_GROUP = "rg-e2e-two";
const HUB_FIXTURE = path.join(REPO_ROOT, "test", "e2e", "fixtures", "hub-and-groups");
const GROUPS_FIXTURE = path.join(REPO_ROOT, "test", "e2e", "fixtures", "groups-of-hub");
const TEST_TIMEOUT_IN_MS = 600_000;
const GROUPS = 8;

describeWithCli("two pipelines, one hub, through the real Pulumi CLI", (cli) => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    // Transitions long enough that B's group writes meet the hub while A's update keeps it out of Active.
    emulator = await emulatorWithGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, provisioningMs: 1_500 });
  });
  afterAll(async () => {
    await emulator?.close();
    removeProjectCopies();
  });

  test("the hub's stack updates it while another stack adds groups to it: both succeed, nothing lost", async () => {
    const hubName = `two-pipelines-${Math.random().toString(36).slice(2, 8)}`;
    const hubStack = new CliStack(cli, projectCopy(HUB_FIXTURE), "hub");
    const groupsStack = new CliStack(cli, projectCopy(GROUPS_FIXTURE), "groups");
    const common = emulatorSettings(emulator.url, SUBSCRIPTION_ID);
    try {
      await hubStack.init({
        ...common,
        "e2e-hub-and-groups:resourceGroupName": { value: RESOURCE_GROUP },
        "e2e-hub-and-groups:hubName": { value: hubName },
      });
      await groupsStack.init({
        ...common,
        "e2e-groups-of-hub:resourceGroupName": { value: RESOURCE_GROUP },
        "e2e-groups-of-hub:hubName": { value: hubName },
        "e2e-groups-of-hub:groupCount": { value: String(GROUPS) },
      });
      await hubStack.up();

      // Pipeline B starts adding groups; once its first group is written (which moves the hub's etag), pipeline A
      // updates the hub with the etag its state holds, now stale; A's update makes the hub transition while B's
      // remaining writes go on. Neither process knows about the other.
      await hubStack.setConfig({ "e2e-hub-and-groups:tag": { value: "2" } });
      emulator.requests.clear();
      const b = groupsStack.start(...groupsStack.upArgs());
      const groupWritten = () => emulator.requests.entries().some((r) => r.method === "PUT" && /\/ConsumerGroups\//i.test(r.path) && r.status === 200);
      for (const deadline = Date.now() + 120_000; !groupWritten() && Date.now() < deadline; ) await sleep(50);
      expect(groupWritten()).toBe(true);
      const a = await hubStack.up();
      const bResult = await b.done;
      expect(a.exitCode).toBe(0);
      expect(bResult.exitCode).toBe(0);
      // They met in the service: A's write was refused once for B's etag change (412), re-read, found no managed
      // field changed by anyone else, and went through with the fresh etag.
      const hubPuts = emulator.requests.entries().filter((r) => r.method === "PUT" && /\/IotHubs\/[^/]+$/i.test(r.path));
      expect(hubPuts.map((r) => r.status)).toContain(412);
      expect(hubPuts.at(-1)?.status).toBeLessThan(300);

      const hub = emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: hubName });
      expect(hub?.tags).toMatchObject({ fixture: "hub-and-groups", step: "2" });
      const groups = emulator.outOfBand.listConsumerGroups({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, hubName });
      expect(groups.sort()).toEqual(["$Default", ...Array.from({ length: GROUPS }, (_, i) => `team-b-${i}`)].sort());
      // Both programs see exactly what they declared: nothing of either was overwritten by the other.
      await hubStack.preview("--expect-no-changes");
      await groupsStack.preview("--expect-no-changes");
      expect(emulator.requests.entries().filter((r) => r.status >= 500)).toEqual([]);
    } finally {
      await groupsStack.destroy().catch(() => undefined);
      await hubStack.destroy().catch(() => undefined);
      await groupsStack.remove().catch(() => undefined);
      await hubStack.remove().catch(() => undefined);
    }
  }, TEST_TIMEOUT_IN_MS);
});
