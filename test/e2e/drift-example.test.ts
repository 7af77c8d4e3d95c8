/**
 * examples/drift, step by step as its README walks through it, with the real Pulumi CLI against the emulator and the
 * "portal" changes made through the emulator's HTTP control route, as the README's curl commands make them:
 * up → a tag changed out of band → refresh shows exactly that field → up restores it → another out-of-band change
 * and a program change without refresh → up refuses (412), names the field and writes nothing → refresh → up.
 */
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { CliStack, REPO_ROOT, describeWithCli, emulatorSettings, emulatorWithGroup, projectCopy, removeProjectCopies } from "./cli";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000e2d1";
const RESOURCE_GROUP = "iot-examples";
const TEST_TIMEOUT_IN_MS = 600_000;

describeWithCli("examples/drift: the README's walkthrough through the real Pulumi CLI", (cli) => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await emulatorWithGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, provisioningMs: 150 });
  });
  afterAll(async () => {
    await emulator?.close();
    removeProjectCopies();
  });

  /** The README's `curl -X POST $URL/_emulator/outOfBand/updateHub -d ...`. */
  async function changeInPortal(name: string, tags: Record<string, string>): Promise<void> {
    const res = await fetch(`${emulator.url}/_emulator/outOfBand/updateHub`, {
      method: "POST",
      body: JSON.stringify({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name, patch: { tags } }),
    });
    expect(res.status).toBe(204);
  }
  const storedHub = (name: string) => emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name });

  test("refresh shows the drifted tag alone, up restores it; a stale update is refused and names the field", async () => {
    const stack = new CliStack(cli, projectCopy(path.join(REPO_ROOT, "examples", "drift")), "dev");
    try {
      await stack.init(emulatorSettings(emulator.url, SUBSCRIPTION_ID));
      // 1. Deploy.
      await stack.up();
      const hubName = String((await stack.outputs()).hubName);
      expect(storedHub(hubName)?.tags).toMatchObject({ owner: "platform" });

      // 2. Someone changes a tag in the portal.
      await changeInPortal(hubName, { owner: "portal-user" });

      // 3. Refresh records it, and shows the hub's tags as the only change.
      const refreshed = await stack.refresh();
      expect(refreshed.stdout).toMatch(/IotHub drifting updated .*\[diff: ~tags\]/);
      expect(refreshed.stdout).toMatch(/~ 1 updated/);
      const preview = await stack.preview("--diff");
      expect(preview.stdout).toMatch(/owner\s*:\s*"portal-user"\s*=>\s*"platform"/);
      expect(preview.stdout).toMatch(/~ 1 to update/);

      // 4. Up puts the program's value back.
      await stack.up();
      expect(storedHub(hubName)?.tags.owner).toBe("platform");
      await stack.preview("--expect-no-changes");

      // 5. Another change in the portal, then a program change (capacity 2) without a refresh: the update is refused.
      await changeInPortal(hubName, { owner: "someone-else" });
      await stack.setConfig({ "drift:capacity": { value: "2" } });
      const refused = await stack.start(...stack.upArgs()).done;
      expect(refused.exitCode).not.toBe(0);
      const output = refused.stdout + refused.stderr;
      expect(output).toMatch(/refusing to update IotHub [^:]+: it was changed outside this program since the last refresh \(fields: tags;/);
      expect(output).toMatch(/PreconditionFailed \(412\) IH412001/);
      expect(storedHub(hubName)?.tags.owner).toBe("someone-else");
      expect(storedHub(hubName)?.sku.capacity).toBe(1);

      // 6. Refresh, review, up: now both the program's tag and its capacity are written.
      await stack.refresh();
      const review = await stack.preview("--diff");
      expect(review.stdout).toMatch(/owner\s*:\s*"someone-else"\s*=>\s*"platform"/);
      expect(review.stdout).toMatch(/capacity\s*:\s*1\s*=>\s*2/);
      await stack.up();
      expect(storedHub(hubName)?.tags.owner).toBe("platform");
      expect(storedHub(hubName)?.sku.capacity).toBe(2);

      await stack.destroy();
      expect(emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP })).toEqual([]);
    } finally {
      await stack.destroy().catch(() => undefined);
      await stack.remove();
    }
  }, TEST_TIMEOUT_IN_MS);
});
