/**
 * IotHub through the real dynamic-provider host against the emulator: create → update → refresh →
 * delete, on both api-versions.
 */
import { IotHub } from "../../provider";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, ownerTagOf, startWorld, uniqueName } from "./world";
import type { World } from "./world";

describe.each(["2016-02-03", "2023-06-30"] as const)("IotHub lifecycle, api-version %s", (apiVersion) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  test("create, update in place, refresh without drift, delete", async () => {
    const name = uniqueName("life");
    const program = (tags: Record<string, string>, capacity: number) => () => {
      const hub = new IotHub("hub", {
        name,
        resourceGroupName: RESOURCE_GROUP,
        location: "westeurope",
        sku: { name: "S1", capacity },
        eventHubs: { partitionCount: 2, retentionTimeInDays: 1 },
        tags,
        apiVersion,
      });
      return { hostName: hub.hostName, etag: hub.etag, state: hub.state, tier: hub.tier, partitions: hub.eventHubPartitionIds };
    };

    const created = ok(await world.stack.up(program({ env: "dev" }, 1)));
    expect(created.steps.map((s) => s.op)).toEqual(["create"]);
    expect(created.outputs).toMatchObject({ hostName: `${name}.azure-devices.net`, state: "Active", tier: "Standard", partitions: ["0", "1"] });
    const remote = world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name });
    expect(remote.etag).toBe(created.outputs.etag);

    const [hub] = world.stack.resources();
    expect(hub.id).toBe(`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Devices/IotHubs/${name}`);
    expect(hub.inputs.apiVersion).toBe(apiVersion);

    const same = ok(await world.stack.up(program({ env: "dev" }, 1)));
    expect(same.steps.map((s) => s.op)).toEqual(["same"]);

    const updated = ok(await world.stack.up(program({ env: "prod" }, 2)));
    expect(updated.steps.map((s) => s.op)).toEqual(["update"]);
    expect(updated.outputs.etag).not.toBe(created.outputs.etag);
    const after = world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name });
    expect(after.tags).toEqual({ env: "prod", ...ownerTagOf("hub") });
    expect(after.sku.capacity).toBe(2);

    const refreshed = ok(await world.stack.refresh());
    expect(refreshed.steps.map((s) => s.op)).toEqual(["same"]);

    await world.stack.destroy();
    expect(world.stack.resources()).toEqual([]);
    expect(world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name })).toBeUndefined();
  });
});
