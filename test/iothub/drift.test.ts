/**
 * Lost-update protection and drift: the etag from state goes in If-Match; a 412 is examined; refresh
 * maps the hub back into the shape of the inputs.
 */
import { IotHub } from "../../provider";
import type { IotHubArgs } from "../../provider";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, ownerTagOf, uniqueName, useFreshStacks, hubRef } from "./world";

const t = useFreshStacks();

const args = (name: string, over: Partial<IotHubArgs> = {}): IotHubArgs => ({
  name,
  resourceGroupName: RESOURCE_GROUP,
  location: "westeurope",
  sku: { name: "S1", capacity: 1 },
  tags: { env: "dev" },
  comments: "managed by pulumi",
  ...over,
});
const ref = hubRef;

test("a managed field changed out of band makes the update fail with the field list, and nothing is overwritten", async () => {
  const name = uniqueName("lost");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  t.world.emulator.outOfBand.updateHub({ ...ref(name), mutate: (hub) => void (hub.tags = { env: "changed-by-someone" }) });
  const etagAfterOutOfBand = t.world.emulator.outOfBand.getHub(ref(name))?.etag;

  const result = await t.stack.up(() => void new IotHub("hub", args(name, { sku: { name: "S1", capacity: 2 } })));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/changed outside this program since the last refresh \(fields: tags;/);
  expect(result.errors[0].message).toMatch(/PreconditionFailed \(412\) IH412001/);
  expect(result.errors[0].message).toMatch(/pulumi refresh/);
  const remote = t.world.emulator.outOfBand.getHub(ref(name));
  expect(remote?.tags).toEqual({ env: "changed-by-someone" });
  expect(remote?.sku.capacity).toBe(1);
  expect(remote?.etag).toBe(etagAfterOutOfBand);
});

test("refresh shows exactly the drifted fields, and the next up puts the program's values back", async () => {
  const name = uniqueName("drift");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  const before = t.stack.resources()[0].inputs;
  t.world.emulator.outOfBand.updateHub({
    ...ref(name),
    mutate: (hub) => {
      hub.tags = { env: "prod", extra: "x" };
      hub.properties.comments = "edited in the portal";
    },
  });

  // Without a refresh the program has not changed, so nothing happens.
  expect(ok(await t.stack.up(() => void new IotHub("hub", args(name)))).steps.map((s) => s.op)).toEqual(["same"]);

  const refreshed = ok(await t.stack.refresh());
  expect(refreshed.steps.map((s) => s.op)).toEqual(["update"]);
  const after = t.stack.resources()[0].inputs;
  const changed = Object.keys({ ...before, ...after }).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  expect(changed.sort()).toEqual(["comments", "tags"]);
  expect(after.tags).toEqual({ env: "prod", extra: "x" });

  const preview = ok(await t.stack.preview(() => void new IotHub("hub", args(name))));
  expect(preview.steps.map((s) => s.op)).toEqual(["update"]);
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  const remote = t.world.emulator.outOfBand.getHub(ref(name));
  expect(remote?.tags).toEqual({ env: "dev" });
  expect(remote?.properties.comments).toBe("managed by pulumi");
});

test("an etag changed only by a consumer group does not stop an update", async () => {
  const name = uniqueName("cgetag");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  const stateEtag = t.stack.resources()[0].outputs.etag;
  t.world.emulator.outOfBand.createConsumerGroup({ ...ref(name), hubName: name, name: "someone-elses" });
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.etag).not.toBe(stateEtag);

  ok(await t.stack.up(() => void new IotHub("hub", args(name, { tags: { env: "prod" } }))));
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.tags).toEqual({ env: "prod", ...ownerTagOf("hub") });
});

test("fields the program does not manage, changed out of band, survive an update", async () => {
  const name = uniqueName("keep");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  const route = { name: "to-events", source: "DeviceMessages", condition: "true", endpointNames: ["events"], isEnabled: true };
  t.world.emulator.outOfBand.updateHub({
    ...ref(name),
    mutate: (hub) => {
      hub.properties.routing = { ...(hub.properties.routing ?? {}), routes: [route] };
      hub.properties.cloudToDevice = { ...(hub.properties.cloudToDevice ?? {}), maxDeliveryCount: 42 };
    },
  });
  ok(await t.stack.up(() => void new IotHub("hub", args(name, { tags: { env: "prod" } }))));
  const remote = t.world.emulator.outOfBand.getHub(ref(name));
  expect(remote?.tags).toEqual({ env: "prod", ...ownerTagOf("hub") });
  expect(remote?.properties.routing.routes).toEqual([route]);
  expect(remote?.properties.cloudToDevice.maxDeliveryCount).toBe(42);
});

test("a field the program stopped managing may change out of band without stopping later updates", async () => {
  const name = uniqueName("unmanaged");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  const { tags: _tags, ...withoutTags } = args(name);
  ok(await t.stack.up(() => void new IotHub("hub", withoutTags)));
  t.world.emulator.outOfBand.updateHub({ ...ref(name), mutate: (hub) => void (hub.tags = { owner: "portal" }) });
  ok(await t.stack.up(() => void new IotHub("hub", { ...withoutTags, sku: { name: "S1", capacity: 2 } })));
  const remote = t.world.emulator.outOfBand.getHub(ref(name));
  expect(remote?.sku.capacity).toBe(2);
  expect(remote?.tags).toEqual({ owner: "portal" });
});

test("an update of a hub deleted out of band fails at once and says to refresh", async () => {
  const name = uniqueName("vanished");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  t.world.emulator.outOfBand.deleteHub(ref(name));
  const started = Date.now();
  const result = await t.stack.up(() => void new IotHub("hub", args(name, { tags: { env: "prod" } })));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(new RegExp(`IotHub ${name} no longer exists in resource group ${RESOURCE_GROUP}.*pulumi refresh`));
  expect(Date.now() - started).toBeLessThan(15_000);
});

test("changing only timeouts records them without writing to Azure", async () => {
  const name = uniqueName("timeouts");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  const etag = t.world.emulator.outOfBand.getHub(ref(name))?.etag;
  const result = ok(await t.stack.up(() => void new IotHub("hub", args(name, { timeouts: { deleteMinutes: 90 } }))));
  expect(result.steps.map((s) => s.op)).toEqual(["update"]);
  expect(t.stack.resources()[0].outputs.timeouts).toEqual({ deleteMinutes: 90 });
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.etag).toBe(etag);
});

test("refresh after an out-of-band delete drops the hub from state, and the next up creates it again", async () => {
  const name = uniqueName("gone");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  t.world.emulator.outOfBand.deleteHub(ref(name));
  const refreshed = ok(await t.stack.refresh());
  expect(refreshed.steps.map((s) => s.op)).toEqual(["delete"]);
  expect(t.stack.resources()).toEqual([]);
  const again = ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  expect(again.steps.map((s) => s.op)).toEqual(["create"]);
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.properties.state).toBe("Active");
});

test("destroy refuses to delete a hub whose managed fields changed since the last refresh, and deletes after a refresh", async () => {
  const name = uniqueName("del");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  t.world.emulator.outOfBand.updateHub({ ...ref(name), mutate: (hub) => void (hub.sku.capacity = 3) });
  await expect(t.stack.destroy()).rejects.toThrow(/refusing to delete IotHub .*\(fields: sku;/);
  expect(t.world.emulator.outOfBand.getHub(ref(name))).toBeDefined();
  ok(await t.stack.refresh());
  await t.stack.destroy();
  expect(t.world.emulator.outOfBand.getHub(ref(name))).toBeUndefined();
});

test("destroy of a hub already deleted out of band succeeds", async () => {
  const name = uniqueName("del2");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  t.world.emulator.outOfBand.deleteHub(ref(name));
  await t.stack.destroy();
  expect(t.stack.resources()).toEqual([]);
});
