/**
 * Replacement rules through the real host: what Azure cannot change in place makes a new hub, and a
 * hub that keeps its (global) name is deleted first.
 */
import { IotHub } from "../../provider";
import type { IotHubArgs } from "../../provider";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, createResourceGroup, SUBSCRIPTION_ID, startWorld, uniqueName } from "./world";
import type { World } from "./world";

let world: World;
beforeAll(async () => {
  world = await startWorld();
  await createResourceGroup(world.emulator.url, SUBSCRIPTION_ID, "rg-other");
});
afterAll(() => world.close());

const base = (name: string): IotHubArgs => ({
  name,
  resourceGroupName: RESOURCE_GROUP,
  location: "westeurope",
  sku: { name: "S1" },
  eventHubs: { partitionCount: 2 },
  apiVersion: "2023-06-30",
});

test.each<[string, (args: IotHubArgs) => IotHubArgs]>([
  ["partition count", (a) => ({ ...a, eventHubs: { partitionCount: 4 } })],
  ["location", (a) => ({ ...a, location: "northeurope" })],
  ["Standard to Basic", (a) => ({ ...a, sku: { name: "B1" } })],
  ["resource group", (a) => ({ ...a, resourceGroupName: "rg-other" })],
])("a change of %s replaces the hub, deleting the old one first", async (_what, change) => {
  const name = uniqueName("repl");
  const args = base(name);
  ok(await world.stack.up(() => void new IotHub("hub", args)));
  const oldId = world.stack.resources()[0].id;

  const preview = ok(await world.stack.preview(() => void new IotHub("hub", change(args))));
  expect(preview.steps.map((s) => s.op)).toEqual(["replace"]);

  const result = ok(await world.stack.up(() => void new IotHub("hub", change(args))));
  expect(result.steps.map((s) => s.op)).toEqual(["replace"]);
  const [hub] = world.stack.resources();
  const group = String(hub.inputs.resourceGroupName);
  const remote = world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: group, name });
  expect(remote).toBeDefined();
  expect(remote.properties.state).toBe("Active");
  if (group === RESOURCE_GROUP) expect(hub.id).toBe(oldId);
  await world.stack.destroy();
});

test("a change of name replaces the hub and creates the new one before deleting the old", async () => {
  const first = uniqueName("ren-a");
  const second = uniqueName("ren-b");
  ok(await world.stack.up(() => void new IotHub("hub", base(first))));
  const result = ok(await world.stack.up(() => void new IotHub("hub", base(second))));
  expect(result.steps.map((s) => s.op)).toEqual(["replace"]);
  expect(world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: first })).toBeUndefined();
  expect(world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: second })).toBeDefined();
  await world.stack.destroy();
});

test("changes Azure makes in place (capacity, S1 to S2, Basic to Standard, retention) update without replacing", async () => {
  const name = uniqueName("inplace");
  const args: IotHubArgs = { ...base(name), sku: { name: "B1" } };
  ok(await world.stack.up(() => void new IotHub("hub", args)));
  for (const next of [
    { ...args, sku: { name: "B2", capacity: 2 } },
    { ...args, sku: { name: "S2", capacity: 2 } },
    { ...args, sku: { name: "S2", capacity: 2 }, eventHubs: { partitionCount: 2, retentionTimeInDays: 3 } },
  ]) {
    const result = ok(await world.stack.up(() => void new IotHub("hub", next)));
    expect(result.steps.map((s) => s.op)).toEqual(["update"]);
  }
  const remote = world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name });
  expect(remote.sku).toMatchObject({ name: "S2", capacity: 2, tier: "Standard" });
  expect(remote.properties.eventHubEndpoints.events.retentionTimeInDays).toBe(3);
  await world.stack.destroy();
});
