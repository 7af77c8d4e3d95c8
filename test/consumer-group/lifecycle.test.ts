/**
 * ConsumerGroup rules and lifecycle through the real host: check in preview, existing groups,
 * refresh after an out-of-band delete, replacement, and groups of a hub managed elsewhere.
 */
import { ConsumerGroup, IotHub } from "../../provider";
import type { ConsumerGroupArgs } from "../../provider";
import { ok } from "../../tools/harness";
import type { Stack } from "../../tools/harness";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, startWorld, uniqueName } from "../iothub/world";
import type { World } from "../iothub/world";

let world: World;
let stack: Stack;
let hubName: string;
let hubStack: Stack;
beforeAll(async () => {
  world = await startWorld();
  // A hub managed by another program: these groups name it instead of passing the resource.
  hubName = uniqueName("cg-host");
  hubStack = world.newStack();
  ok(await hubStack.up(() => void new IotHub("hub", { name: hubName, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" }, apiVersion: "2023-06-30" })));
});
afterAll(async () => {
  await hubStack.destroy().catch(() => undefined);
  await world.close();
});
beforeEach(() => {
  stack = world.newStack();
});
afterEach(async () => {
  world.emulator.faults.clear();
  await stack.destroy().catch(() => undefined);
});

const group = (over: Partial<ConsumerGroupArgs> = {}): ConsumerGroupArgs => ({
  hubName,
  resourceGroupName: RESOURCE_GROUP,
  apiVersion: "2023-06-30",
  ...over,
});
const ref = { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP };
const listed = () => world.emulator.outOfBand.listConsumerGroups({ ...ref, hubName });

test.each<[string, Partial<ConsumerGroupArgs>, RegExp]>([
  ["$Default", { name: "$Default" }, /name: must not be \$Default: every hub has it built in/],
  ["$default in any case", { name: "$default" }, /name: must not be \$Default/],
  ["a space in the name", { name: "my group" }, /name: must be 1-50 letters, digits, hyphens, periods or underscores; got "my group"/],
  ["a slash in the name", { name: "a/b" }, /name: must be 1-50 .*got "a\/b"/],
  ["51 characters", { name: "g".repeat(51) }, /name: must be 1-50/],
  ["an endpoint that 2023-06-30 does not have", { eventHubEndpointName: "operationsMonitoringEvents" }, /eventHubEndpointName: must be one of events for api-version 2023-06-30/],
  ["no hub", { hubName: undefined }, /hubName: is required \(or pass the hub\)/],
  ["a hub name with a path character", { hubName: "hub/../x" }, /hubName: must be 3-50/],
])("%s is refused in preview", async (_what, change, message) => {
  const result = await stack.preview(() => void new ConsumerGroup("cg", group(change)));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(message);
});

test("autonaming: the Pulumi name plus a random suffix, kept across updates", async () => {
  ok(await stack.up(() => void new ConsumerGroup("telemetry", group())));
  const name = String(stack.resources()[0].outputs.name);
  expect(name).toMatch(/^telemetry-[a-z0-9]{7}$/);
  ok(await stack.up(() => void new ConsumerGroup("telemetry", group({ timeouts: { createMinutes: 5 } }))));
  expect(stack.resources()[0].outputs.name).toBe(name);
  expect(listed()).toContain(name);
});

test("outputs: id, name, etag as the service reports it (null), created time", async () => {
  ok(await stack.up(() => void new ConsumerGroup("cg", group({ name: "outputs" }))));
  const [cg] = stack.resources();
  expect(cg.outputs).toMatchObject({ name: "outputs", etag: null, resourceId: cg.id });
  expect(typeof cg.outputs.created).toBe("string");
});

test("an existing group is refused unless adopted", async () => {
  world.emulator.outOfBand.createConsumerGroup({ ...ref, hubName, name: "preexisting" });
  const refused = await stack.up(() => void new ConsumerGroup("cg", group({ name: "preexisting" })));
  expect(refused.errors).toHaveLength(1);
  expect(refused.errors[0].message).toMatch(/consumer group preexisting already exists .*adoptExisting: true/);
  expect(stack.resources()).toEqual([]);
  ok(await stack.up(() => void new ConsumerGroup("cg", group({ name: "preexisting", adoptExisting: true }))));
  expect(stack.resources()).toHaveLength(1);
});

test("refresh after an out-of-band delete drops the group; the next up creates it again", async () => {
  ok(await stack.up(() => void new ConsumerGroup("cg", group({ name: "vanishing" }))));
  world.emulator.outOfBand.deleteConsumerGroup({ ...ref, hubName, name: "vanishing" });
  const refreshed = ok(await stack.refresh());
  expect(refreshed.steps.map((s) => s.op)).toEqual(["delete"]);
  expect(stack.resources()).toEqual([]);
  ok(await stack.up(() => void new ConsumerGroup("cg", group({ name: "vanishing" }))));
  expect(listed()).toContain("vanishing");
});

test("a rename replaces the group: the new one is created and the old one deleted", async () => {
  ok(await stack.up(() => void new ConsumerGroup("cg", group({ name: "before" }))));
  const result = ok(await stack.up(() => void new ConsumerGroup("cg", group({ name: "after" }))));
  expect(result.steps.map((s) => s.op)).toEqual(["replace"]);
  expect(listed()).toContain("after");
  expect(listed()).not.toContain("before");
});

test("destroy of a group whose hub is already gone succeeds", async () => {
  const gone = uniqueName("cg-gone");
  ok(await stack.up(() => {
    const hub = new IotHub("hub", { name: gone, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } });
    new ConsumerGroup("cg", { hub, name: "orphan" });
  }));
  world.emulator.outOfBand.deleteHub({ ...ref, name: gone });
  await stack.destroy();
  expect(stack.resources()).toEqual([]);
});

test("2016-02-03 groups on the operations monitoring endpoint", async () => {
  const old = uniqueName("cg-2016");
  ok(await stack.up(() => {
    const hub = new IotHub("hub", { name: old, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } });
    new ConsumerGroup("ops", { hub, name: "ops", eventHubEndpointName: "operationsMonitoringEvents" });
  }));
  expect(world.emulator.outOfBand.listConsumerGroups({ ...ref, hubName: old, endpoint: "operationsMonitoringEvents" })).toContain("ops");
});

test("preview of a new hub with groups, one named from a hub output not known before the create: nothing fails, nothing is created", async () => {
  const fresh = uniqueName("cg-preview");
  const result = ok(await stack.preview(() => {
    const hub = new IotHub("hub", { name: fresh, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } });
    new ConsumerGroup("a", { hub, name: "a" });
    new ConsumerGroup("b", { hub, name: hub.eventHubPath.apply((p) => `${p}-reader`) });
  }));
  expect(result.steps.map((s) => s.op)).toEqual(["create", "create", "create"]);
  expect(world.emulator.outOfBand.getHub({ ...ref, name: fresh })).toBeUndefined();
});
