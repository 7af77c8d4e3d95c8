/**
 * examples/fleet through the real Pulumi CLI against an emulator whose ARM buckets are far too small for the fleet
 * (as its README shows): three hubs with two consumer groups each are nine writes, at once, into a bucket of four
 * refilled one a second. The provider's per-subscription budget (docs/RELIABILITY.md, "Throttling") must bring every
 * resource through: a client that sent them all at once and gave up on a 429 would fail most of them.
 */
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import { CliStack, GROUP_TYPE, HUB_TYPE, REPO_ROOT, describeWithCli, emulatorSettings, projectCopy, removeProjectCopies } from "./cli";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000e2f1";
const RESOURCE_GROUP = "iot-fleet";
const TEST_TIMEOUT_IN_MS = 600_000;
const HUBS = [
  { name: "north", consumerGroups: ["analytics", "archive"] },
  { name: "south", consumerGroups: ["analytics", "archive"] },
  { name: "east", consumerGroups: ["analytics", "archive"] },
];

describeWithCli("examples/fleet under ARM throttling through the real Pulumi CLI", (cli) => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      provisioningMs: 150,
      throttling: { writes: { capacity: 4, perSecond: 1 }, reads: { capacity: 30, perSecond: 5 }, deletes: { capacity: 4, perSecond: 1 } },
    });
    emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP });
  });
  afterAll(async () => {
    await emulator?.close();
    removeProjectCopies();
  });

  test("every hub and consumer group of the fleet is created although the buckets run dry, a second run changes nothing, and destroy removes them", async () => {
    const stack = new CliStack(cli, projectCopy(path.join(REPO_ROOT, "examples", "fleet")), "dev");
    try {
      await stack.init({
        ...emulatorSettings(emulator.url, SUBSCRIPTION_ID),
        "iothub:pollingScheduleMs": { value: "100,100,200" },
        "fleet:resourceGroupName": { value: RESOURCE_GROUP },
        "fleet:hubs": { value: HUBS },
      });
      await stack.up();
      expect(await stack.resources(HUB_TYPE)).toHaveLength(HUBS.length);
      expect(await stack.resources(GROUP_TYPE)).toHaveLength(HUBS.length * 2);
      const hubNames = (await stack.outputs()).hubNames as string[];
      expect(emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP }).sort()).toEqual([...hubNames].sort());
      for (const hubName of hubNames) {
        expect(emulator.outOfBand.listConsumerGroups({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, hubName }).sort())
          .toEqual(["$Default", "analytics", "archive"]);
      }
      // Nine writes into four tokens: the emulator did refuse or the provider did wait; either way nothing failed.
      const writes = emulator.requests.entries().filter((r) => r.method === "PUT");
      expect(writes.filter((r) => r.status < 300)).toHaveLength(HUBS.length * 3);
      // A second run of the same config changes nothing (the promotion story relies on it).
      await stack.preview("--expect-no-changes");

      await stack.destroy();
      expect(emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP })).toEqual([]);
    } finally {
      await stack.destroy().catch(() => undefined);
      await stack.remove();
    }
  }, TEST_TIMEOUT_IN_MS);
});
