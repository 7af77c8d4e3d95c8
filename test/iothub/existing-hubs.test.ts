/**
 * A hub that already exists when a create runs: never overwritten unless adopted, finished when this stack resource
 * started it (an interrupted create), recreated when this resource's create failed in Azure, refused when it belongs
 * to someone else. (Split from failures.test.ts so the two run side by side.)
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsumerGroup, IotHub } from "../../provider";
import { ownerTag } from "../../provider/ownership";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, ownerTagOf, startWorld, uniqueName, useFreshStacks, devHubArgs, hubRef } from "./world";

const t = useFreshStacks();

const args = devHubArgs;
const ref = hubRef;

test("an existing hub is never overwritten; adoptExisting takes it over", async () => {
  const name = uniqueName("exists");
  const other = t.world.newStack();
  ok(await other.up(() => void new IotHub("theirs", args(name, { tags: { owner: "them" } }))));
  const etag = t.world.emulator.outOfBand.getHub(ref(name))?.etag;

  const refused = await t.stack.up(() => void new IotHub("hub", args(name)));
  expect(refused.errors).toHaveLength(1);
  expect(refused.errors[0].message).toMatch(new RegExp(`IotHub ${name} already exists in resource group ${RESOURCE_GROUP}`));
  expect(refused.errors[0].message).toMatch(/adoptExisting: true/);
  expect(refused.errors[0].partial).toBeUndefined();
  expect(t.stack.resources()).toEqual([]);
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.etag).toBe(etag);

  const adopted = ok(await t.stack.up(() => void new IotHub("hub", args(name, { adoptExisting: true }))));
  expect(adopted.steps.map((s) => s.op)).toEqual(["create"]);
  // Adopted, not created: the hub keeps the ownership tag of the stack resource that created it.
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.tags).toEqual({ env: "dev", ...ownerTagOf("theirs") });
  await other.close();
});

test("a create refused by Azure's own rules reports the service error with its request id, and records nothing", async () => {
  const name = uniqueName("free");
  const free = (n: string) => args(n, { sku: { name: "F1" }, eventHubs: { partitionCount: 2 } });
  ok(await t.stack.up(() => void new IotHub("free1", free(name))));
  const second = t.world.newStack();
  const result = await second.up(() => void new IotHub("free2", free(`${name}-2`)));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/BadRequest \(400\) IH400019/);
  expect(result.errors[0].message).toMatch(/x-ms-request-id: [0-9a-f-]{36}/);
  expect(second.resources()).toEqual([]);
  await second.close();
});

test("a create interrupted after the PUT was accepted: a fresh up with no state finishes that hub under the same derived name", async () => {
  const slow = await startWorld({ emulator: { provisioningMs: 1_000 } });
  try {
    const program = () => void new IotHub("hub", { resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } });
    // Its own host, so that closing the stack kills it mid-create, as a killed `pulumi up` does.
    const interrupted = slow.newStack({ hostLifetime: "per-step" });
    const up = interrupted.up(program).catch((e: unknown) => e);
    const hubsNow = () => slow.emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP });
    for (const deadline = Date.now() + 30_000; hubsNow().length === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    await interrupted.close(); // the provider host dies mid-create, as with a killed `pulumi up`
    await up;
    const [started] = hubsNow();
    expect(started).toMatch(/^hub-[a-z0-9]{7}$/);
    expect(slow.emulator.outOfBand.getHub(ref(started))?.properties.state).not.toBe("Active");

    // The same stack resource, from scratch (the engine keeps only a pending create): no second hub.
    const again = slow.newStack();
    const result = ok(await again.up(program));
    expect(result.steps.map((s) => s.op)).toEqual(["create"]);
    expect(again.hostStderr()).toMatch(/carries this resource's ownership tag/);
    expect(hubsNow()).toEqual([started]);
    expect(again.resources()[0].outputs).toMatchObject({ name: started, state: "Active" });
    await again.destroy();
    expect(hubsNow()).toEqual([]);
  } finally {
    await slow.close();
  }
});

test("a hub with the same derived name but another stack's ownership tag is refused, not taken", async () => {
  const program = () => void new IotHub("hub", { resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } });
  const first = ok(await t.stack.up(program));
  expect(first.steps.map((s) => s.op)).toEqual(["create"]);
  const name = String(t.stack.resources()[0].outputs.name);
  t.world.emulator.outOfBand.updateHub({ ...ref(name), mutate: (hub) => (hub.tags = { ...ownerTagOf("hub", { stack: "someone-else" }) }) });

  const fresh = t.world.newStack();
  const refused = await fresh.up(program);
  expect(refused.errors.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`IotHub ${name} already exists`))]);
  await fresh.close();
});

test("a hub whose create failed (ActivationFailed) is deleted and created again by the next up, at once", async () => {
  const name = uniqueName("actfail");
  t.world.emulator.faults.failNextOperation({ hubName: name, code: "IotHubActivationFailed", message: "activation failed" });
  const first = await t.stack.up(() => void new IotHub("hub", args(name)));
  expect(first.errors.map((e) => e.message)).toEqual([expect.stringMatching(/IotHubActivationFailed/)]);
  expect(first.errors[0].partial?.id).toMatch(new RegExp(`/IotHubs/${name}$`));
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.properties.state).toBe("ActivationFailed");

  const started = Date.now();
  const second = ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  expect(second.steps.map((s) => s.op)).toEqual(["update"]);
  expect(Date.now() - started).toBeLessThan(30_000); // not the 30-minute update timeout
  expect(second.hostStderr).toMatch(new RegExp(`IotHub ${name} is ActivationFailed: .*this stack resource created it .*deleted and created again`));
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.properties).toMatchObject({ state: "Active", provisioningState: "Succeeded" });
  expect(t.stack.resources()[0].outputs).toMatchObject({ state: "Active", name });
  expect(t.world.emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP })).toEqual([name]);
});

test("a failed hub this stack did not create is never deleted: the error says what to do, and consumer groups fail fast", async () => {
  const name = uniqueName("notours");
  const other = t.world.newStack();
  t.world.emulator.faults.failNextOperation({ hubName: name });
  expect((await other.up(() => void new IotHub("theirs", args(name)))).errors).toHaveLength(1);
  await other.close();

  const started = Date.now();
  const adopted = await t.stack.up(() => {
    const hub = new IotHub("hub", args(name, { adoptExisting: true }));
    new ConsumerGroup("group", { hub, name: "analytics" });
  });
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(adopted.errors.map((e) => e.message)).toEqual([
    expect.stringMatching(new RegExp(`IotHub ${name} is ActivationFailed: .*not deleted automatically: this stack resource did not create it.*pulumi refresh`)),
  ]);
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.properties.state).toBe("ActivationFailed");

  const group = await t.stack.up(() => void new ConsumerGroup("group", { hubName: name, resourceGroupName: RESOURCE_GROUP, name: "analytics" }));
  expect(group.errors.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`IotHub ${name} is ActivationFailed`))]);
  expect(Date.now() - started).toBeLessThan(30_000);
  t.world.emulator.outOfBand.deleteHub(ref(name));
});

test("hubs of the same Pulumi name under components of two types derive different names and owners", async () => {
  // Their URNs differ (the parent's type is part of a URN); their name and stack do not.
  const component = (type: string, name: string) =>
    new (class extends pulumi.ComponentResource {
      constructor() {
        super(type, name);
        new IotHub("hub", { resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } }, { parent: this });
        this.registerOutputs({});
      }
    })();
  ok(await t.stack.up(() => {
    component("tests:index:Site", "north");
    component("tests:index:Lab", "north");
  }));
  const hubs = t.stack.resources().filter((r) => r.type.endsWith(":IotHub"));
  const names = hubs.map((h) => String(h.outputs.name));
  expect(names).toHaveLength(2);
  expect(names[0]).not.toBe(names[1]);
  const owners = hubs.map((h) => String(h.outputs.__owner)).sort();
  expect(owners).toEqual([
    "organization/urn:pulumi:test::iothub-tests::tests:index:Lab::north/hub",
    "organization/urn:pulumi:test::iothub-tests::tests:index:Site::north/hub",
  ]);
  for (const hub of hubs) expect(t.world.emulator.outOfBand.getHub(ref(String(hub.outputs.name)))?.tags).toEqual(ownerTag(String(hub.outputs.__owner)));
});
