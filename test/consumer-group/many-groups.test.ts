/**
 * Consumer groups that never fail with 409: a new hub and 20 consumer groups in the same `up`, with
 * and without another writer making the hub busy, on both api-versions.
 */
import { ConsumerGroup, IotHub } from "../../provider";
import type { IotHubArgs } from "../../provider";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, ownerTagOf, uniqueName, useFreshStacks } from "../iothub/world";

const GROUPS = Array.from({ length: 20 }, (_, i) => `group-${String(i + 1).padStart(2, "0")}`);

const t = useFreshStacks();

const hubArgs = (name: string, apiVersion: IotHubArgs["apiVersion"], over: Partial<IotHubArgs> = {}): IotHubArgs => ({
  name,
  resourceGroupName: RESOURCE_GROUP,
  location: "westeurope",
  sku: { name: "S1" },
  apiVersion,
  ...over,
});
const listed = (name: string) =>
  t.world.emulator.outOfBand.listConsumerGroups({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, hubName: name }).sort();

describe.each(["2016-02-03", "2023-06-30"] as const)("api-version %s", (apiVersion) => {
  test("one new hub and 20 consumer groups in the same up: zero failures; destroy removes everything in one go", async () => {
    const name = uniqueName("many");
    const result = ok(await t.stack.up(() => {
      const hub = new IotHub("hub", hubArgs(name, apiVersion));
      for (const group of GROUPS) new ConsumerGroup(group, { hub, name: group });
    }));
    expect(result.errors).toEqual([]);
    expect(result.steps.filter((s) => s.op === "create")).toHaveLength(21);
    expect(listed(name)).toEqual(["$Default", ...GROUPS].sort());
    const group = t.stack.resources().find((r) => r.name === "group-01");
    expect(group?.outputs).toMatchObject({ hubName: name, eventHubEndpointName: "events", apiVersion, name: "group-01" });
    expect(group?.id).toBe(`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Devices/IotHubs/${name}/eventHubEndpoints/events/ConsumerGroups/group-01`);

    await t.stack.destroy();
    expect(t.stack.resources()).toEqual([]);
    expect(t.world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name })).toBeUndefined();
  });
});

test("20 consumer groups while an outside writer keeps making the hub busy (409 IH409002): zero failures", async () => {
  const name = uniqueName("busy");
  ok(await t.stack.up(() => void new IotHub("hub", hubArgs(name, "2023-06-30"))));
  // Another writer: the hub transitions for a while, and consumer-group writes meet 409s on top.
  t.world.emulator.outOfBand.startTransition({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name, ms: 1_500 });
  t.world.emulator.faults.add({ method: "PUT", path: "/ConsumerGroups/", times: 3, action: { kind: "hubNotActive" } });
  const result = ok(await t.stack.up(() => {
    const hub = new IotHub("hub", hubArgs(name, "2023-06-30"));
    for (const group of GROUPS) new ConsumerGroup(group, { hub, name: group });
  }));
  expect(result.steps.filter((s) => s.op === "create")).toHaveLength(20);
  expect(listed(name)).toEqual(["$Default", ...GROUPS].sort());
});

test("a hub update in the same up as consumer-group changes: all succeed, and the hub's own later update still works", async () => {
  const name = uniqueName("mixed");
  ok(await t.stack.up(() => {
    const hub = new IotHub("hub", hubArgs(name, "2023-06-30", { tags: { v: "1" } }));
    for (const group of GROUPS.slice(0, 5)) new ConsumerGroup(group, { hub, name: group });
  }));
  const result = ok(await t.stack.up(() => {
    const hub = new IotHub("hub", hubArgs(name, "2023-06-30", { tags: { v: "2" } }));
    for (const group of GROUPS.slice(2, 10)) new ConsumerGroup(group, { hub, name: group });
  }));
  const ops = result.steps.map((s) => s.op).sort();
  expect(ops.filter((o) => o === "update")).toHaveLength(1);
  expect(ops.filter((o) => o === "create")).toHaveLength(5);
  expect(ops.filter((o) => o === "delete")).toHaveLength(2);
  expect(listed(name)).toEqual(["$Default", ...GROUPS.slice(2, 10)].sort());

  // The groups changed the hub's etag after the hub's update; the next hub update must still work.
  ok(await t.stack.up(() => {
    const hub = new IotHub("hub", hubArgs(name, "2023-06-30", { tags: { v: "3" } }));
    for (const group of GROUPS.slice(2, 10)) new ConsumerGroup(group, { hub, name: group });
  }));
  expect(t.world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name })?.tags).toEqual({ v: "3", ...ownerTagOf("hub") });
});
