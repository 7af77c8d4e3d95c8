/**
 * What a real Azure afternoon does to a `pulumi up`: timeouts mid-create, failed operations, the hub
 * busy with another writer's change, the post-update 404, throttling, a lost answer (a hub that already exists:
 * existing-hubs.test.ts).
 */
import { IotHub } from "../../provider";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, ownerTagOf, startWorld, uniqueName, useFreshStacks, devHubArgs, hubRef } from "./world";

const t = useFreshStacks();

const args = devHubArgs;
const ref = hubRef;

test("a create that times out is recorded as a partial failure, and the next up finishes it", async () => {
  const slow = await startWorld({ emulator: { provisioningMs: 2_000 } });
  try {
    const name = uniqueName("slow");
    // 0.03 minutes = 1.8 s, shorter than the emulator's 4 s of Accepted + Activating.
    const first = await slow.stack.up(() => void new IotHub("hub", args(name, { timeouts: { createMinutes: 0.03 } })));
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0].partial?.id).toBe(`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Devices/IotHubs/${name}`);
    expect(first.errors[0].message).toMatch(/did not finish within|timed out/);
    const [recorded] = slow.stack.resources();
    expect(recorded.id).toBe(first.errors[0].partial?.id);
    expect(recorded.initErrors.length).toBe(1);
    expect(recorded.inputs.__provider).toEqual(expect.any(String));

    // A refresh of the partial record must not bring keys into state unmarked: they come with the
    // update that finishes the hub, whose outputs the engine makes secret.
    ok(await slow.stack.refresh());
    expect(slow.stack.resources()[0].outputs.sharedAccessPolicies).toBeUndefined();

    const second = ok(await slow.stack.up(() => void new IotHub("hub", args(name))));
    expect(second.steps.map((s) => s.op)).toEqual(["update"]);
    const [finished] = slow.stack.resources();
    expect(finished.initErrors).toEqual([]);
    expect(finished.outputs).toMatchObject({ state: "Active", hostName: `${name}.azure-devices.net` });
    expect(finished.outputs.etag).toBe(slow.emulator.outOfBand.getHub(ref(name))?.etag);
    expect(finished.secretOutputs).toEqual(expect.arrayContaining(["sharedAccessPolicies", "connectionStrings"]));
    await slow.stack.destroy();
  } finally {
    await slow.close();
  }
});

test("an operation that ends Failed fails the update with the operation's error, and the hub stays recorded", async () => {
  const name = uniqueName("opfail");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  t.world.emulator.faults.failNextOperation({ hubName: name, code: "IotHubUnitsExceeded", message: "The units quota is exhausted" });
  const result = await t.stack.up(() => void new IotHub("hub", args(name, { sku: { name: "S1", capacity: 5 } })));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/IotHubUnitsExceeded/);
  expect(result.errors[0].message).toMatch(/The units quota is exhausted/);
  const [recorded] = t.stack.resources();
  // State still says what Azure was known to have, not what was wanted.
  expect(recorded.outputs.sku).toEqual({ name: "S1", capacity: 1 });
  // Once the cause is gone, the same program goes through: the failed attempt is not mistaken for
  // someone else's change although the hub's etag moved on.
  ok(await t.stack.up(() => void new IotHub("hub", args(name, { sku: { name: "S1", capacity: 5 } }))));
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.sku.capacity).toBe(5);
});

test("writes wait while another writer keeps the hub out of Active (409 IH409002), then succeed", async () => {
  const name = uniqueName("busy");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  t.world.emulator.outOfBand.startTransition({ ...ref(name), ms: 2_500 });
  t.world.emulator.faults.add({ method: "PUT", path: name, times: 2, action: { kind: "hubNotActive" } });
  const result = ok(await t.stack.up(() => void new IotHub("hub", args(name, { tags: { env: "prod" } }))));
  expect(result.steps.map((s) => s.op)).toEqual(["update"]);
  expect(t.world.emulator.outOfBand.getHub(ref(name))?.tags).toEqual({ env: "prod", ...ownerTagOf("hub") });
});

test("the real service's 404-for-a-while after an update is waited out", async () => {
  const name = uniqueName("quirk");
  ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  t.world.emulator.faults.notFoundAfterUpdate({ hubName: name, gets: 3 });
  const result = ok(await t.stack.up(() => void new IotHub("hub", args(name, { tags: { env: "prod" } }))));
  expect(result.steps.map((s) => s.op)).toEqual(["update"]);
  expect(t.stack.resources()[0].outputs).toMatchObject({ state: "Active", tags: { env: "prod" } });
});

test("throttling (429 with Retry-After) and server errors are retried", async () => {
  const name = uniqueName("throttle");
  t.world.emulator.faults.add({ method: "PUT", path: name, times: 1, action: { kind: "status", status: 429, retryAfterSeconds: 1 } });
  t.world.emulator.faults.add({ method: "GET", path: name, times: 2, action: { kind: "status", status: 503 } });
  const result = ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  expect(result.steps.map((s) => s.op)).toEqual(["create"]);
});

test("a create whose answer was lost is retried, meets its own hub (412 on If-None-Match) and finishes it", async () => {
  const name = uniqueName("lostanswer");
  t.world.emulator.faults.add({ method: "PUT", path: name, times: 1, action: { kind: "dropAnswer" } });
  const result = ok(await t.stack.up(() => void new IotHub("hub", args(name))));
  expect(result.steps.map((s) => s.op)).toEqual(["create"]);
  expect(t.stack.resources()[0].outputs).toMatchObject({ state: "Active", etag: t.world.emulator.outOfBand.getHub(ref(name))?.etag });
});
