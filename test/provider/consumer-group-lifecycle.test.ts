/**
 * The decisions of the ConsumerGroup lifecycle (provider/consumer-group/lifecycle.ts) on the in-memory hub and a
 * virtual clock (fake-hub-remote.ts): which calls, in which order, and what is refused. The same branches run
 * through the host and the emulator in test/consumer-group/ and test/iothub/failures.test.ts.
 */
import { createGroup, deleteGroup, readGroup, updateGroup } from "../../provider/consumer-group/lifecycle";
import { GROUP_AUTONAME } from "../../provider/consumer-group/check";
import type { ConsumerGroupInputs } from "../../provider/consumer-group/inputs";
import { autoName } from "../../provider/names";
import { FakeHubRemote, RESOURCE_GROUP, SUBSCRIPTION_ID } from "./fake-hub-remote";

const OWNER = "organization/fast/dev/telemetry";

const group = (over: Partial<ConsumerGroupInputs> = {}): ConsumerGroupInputs => ({
  subscriptionId: SUBSCRIPTION_ID,
  resourceGroupName: RESOURCE_GROUP,
  hubName: "hub-fast",
  eventHubEndpointName: "events",
  name: "analytics",
  apiVersion: "2023-06-30",
  ...over,
});

let stderr: jest.SpyInstance;
const stderrLines = () => stderr.mock.calls.map((c) => String(c[0]));
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

/** A hub that is there and Active, with an empty call log. */
function activeHub(): FakeHubRemote {
  const fake = new FakeHubRemote();
  fake.seedHub();
  return fake;
}

async function rejection(work: Promise<unknown>): Promise<Error> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error(`expected a rejection, got ${JSON.stringify(error)}`);
  return error;
}

describe("createGroup", () => {
  test("create: the hub is Active, the group is absent → PUT; outputs carry the id, the service's null etag and the created time", async () => {
    const fake = activeHub();
    const etag = fake.etag;
    const remote = fake.consumerGroupRemote("analytics");
    const result = await createGroup(group(), remote);
    expect(fake.log).toEqual(["getHub → Active", "group.get → 404", "group.put → ok"]);
    expect(result.id).toBe(remote.resourceId);
    expect(result.outs).toMatchObject({ name: "analytics", hubName: "hub-fast", resourceId: remote.resourceId, etag: null, created: expect.any(String) });
    expect(fake.groupNames()).toEqual(["$Default", "analytics"]);
    // A consumer-group write moves the hub's etag (what makes a hub update's If-Match stale).
    expect(fake.etag).not.toBe(etag);
    expect(fake.time.waits).toEqual([]);
  });

  test("create in 2016-02-03, whose answer has no etag and no created time: both are null in the outputs, not absent", async () => {
    const fake = new FakeHubRemote({ apiVersion: "2016-02-03" });
    fake.seedHub();
    const remote = fake.consumerGroupRemote("analytics");
    const result = await createGroup(group({ apiVersion: "2016-02-03" }), remote);
    expect(fake.log).toEqual(["getHub → Active", "group.get → 404", "group.put → ok"]);
    expect(result.outs).toMatchObject({ resourceId: remote.resourceId, etag: null, created: null, apiVersion: "2016-02-03" });
  });

  test("create on a missing hub → a clear error at once with the service's 404, nothing written", async () => {
    const fake = new FakeHubRemote();
    const error = await rejection(createGroup(group(), fake.consumerGroupRemote("analytics")));
    expect(error.message).toMatch(new RegExp(`^cannot create consumer group analytics: IotHub hub-fast was not found in resource group ${RESOURCE_GROUP} \\(.*404`));
    expect(fake.log).toEqual(["getHub → 404", "group.get → 404", "group.put → 404"]);
    expect(fake.time.waits).toEqual([]);
  });

  test("create while a GET of the hub answers 404 although it exists (the 404 after an update) → the group is created", async () => {
    const fake = activeHub();
    fake.answerNotFound(1);
    await createGroup(group(), fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → 404", "group.get → 404", "group.put → ok"]);
    expect(fake.groupNames()).toEqual(["$Default", "analytics"]);
  });

  test("an existing group not adopted → refused, no PUT", async () => {
    const fake = activeHub();
    fake.addGroup("analytics");
    const error = await rejection(createGroup(group(), fake.consumerGroupRemote("analytics")));
    expect(error.message).toBe(
      "consumer group analytics already exists on endpoint events of IotHub hub-fast. This program does not manage it yet; " +
        "set `adoptExisting: true` to take it over, or choose another name.",
    );
    expect(fake.log).toEqual(["getHub → Active", "group.get → ok"]);
  });

  test("an existing group with adoptExisting → taken as it is, no PUT", async () => {
    const fake = activeHub();
    fake.addGroup("analytics");
    const remote = fake.consumerGroupRemote("analytics");
    const existing = await remote.get();
    fake.clearLog();
    const result = await createGroup(group({ adoptExisting: true }), remote);
    expect(fake.log).toEqual(["getHub → Active", "group.get → ok"]);
    expect(result.outs).toMatchObject({ adoptExisting: true, created: existing?.properties?.created, resourceId: existing?.id });
  });

  test("an existing group under the name this resource derives (an interrupted create) → taken, with the log line", async () => {
    const fake = activeHub();
    const name = autoName("telemetry", { ...GROUP_AUTONAME, seed: OWNER });
    fake.addGroup(name);
    const inputs = group({ name, __autoNamed: true, __autoNamePrefix: "telemetry", __owner: OWNER });
    await createGroup(inputs, fake.consumerGroupRemote(name));
    expect(fake.writes).toEqual([]);
    expect(stderrLines()).toEqual([
      `consumer group ${name} exists already under the name this resource derives; taking it (an earlier \`pulumi up\` was interrupted)\n`,
    ]);
  });

  test("an existing autonamed group whose name is not the one this resource derives (an older random suffix) → refused", async () => {
    const fake = activeHub();
    fake.addGroup("telemetry-abc1234");
    const inputs = group({ name: "telemetry-abc1234", __autoNamed: true, __autoNamePrefix: "telemetry", __owner: OWNER });
    const error = await rejection(createGroup(inputs, fake.consumerGroupRemote("telemetry-abc1234")));
    expect(error.message).toMatch(/^consumer group telemetry-abc1234 already exists on endpoint events/);
    expect(fake.writes).toEqual([]);
    expect(stderrLines()).toEqual([]);
  });

  test("a hub in ActivationFailed → create fails fast, naming the state and what to do, nothing written", async () => {
    const fake = new FakeHubRemote();
    fake.seedHub({ state: "ActivationFailed" });
    const error = await rejection(createGroup(group(), fake.consumerGroupRemote("analytics")));
    expect(error.message).toMatch(
      /^cannot create consumer group analytics: IotHub hub-fast is ActivationFailed: .*\. Repair or recreate the hub first \(the next `pulumi up` of the stack that created it recreates a hub whose create failed; docs\/RELIABILITY.md\)$/,
    );
    expect(fake.log).toEqual(["getHub → ActivationFailed"]);
    expect(fake.time.waits).toEqual([]);
  });

  test("a hub that is Transitioning is waited for (virtual clock) before the group is written", async () => {
    const fake = activeHub();
    fake.startTransition(2);
    await createGroup(group(), fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → Transitioning", "getHub → Transitioning", "getHub → Active", "group.get → 404", "group.put → ok"]);
    expect(fake.time.waits).toEqual([1000, 2000]);
  });

  test("409 IH409002 on the PUT → retried on the schedule once the hub is Active again", async () => {
    const fake = activeHub();
    fake.refuseWrites(1);
    await createGroup(group(), fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → Active", "group.get → 404", "group.put → 409", "getHub → Active", "group.get → 404", "group.put → ok"]);
    expect(fake.time.waits).toEqual([1000]);
  });

  test("timeout: a hub that stays Transitioning ends the create with OperationTimedOut at the virtual deadline", async () => {
    const fake = activeHub();
    fake.startTransition(Infinity);
    const error = await rejection(createGroup(group({ timeouts: { createMinutes: 2 } }), fake.consumerGroupRemote("analytics")));
    expect(error.message).toMatch(/^OperationTimedOut: timed out after 120000 ms waiting for IotHub hub-fast to be Active \(last status: Transitioning/);
    expect(fake.elapsed()).toBe(120_000);
    expect(fake.writes).toEqual([]);
  });
});

describe("deleteGroup", () => {
  test("delete with the service's null etag in state sends no If-Match", async () => {
    const fake = activeHub();
    fake.addGroup("analytics");
    await deleteGroup({ ...group(), etag: null }, fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → Active", "group.delete() → ok"]);
    expect(fake.groupNames()).toEqual(["$Default"]);
  });

  test("delete with a real etag in state sends it in If-Match", async () => {
    const fake = activeHub();
    fake.addGroup("analytics");
    await deleteGroup({ ...group(), etag: "W/\"abc\"" }, fake.consumerGroupRemote("analytics"));
    expect(fake.writes).toEqual(['group.delete(If-Match: W/"abc") → ok']);
  });

  test("delete 404 (the group is gone) → success", async () => {
    const fake = activeHub();
    await deleteGroup({ ...group(), etag: null }, fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → Active", "group.delete() → 404"]);
  });

  test("delete when the hub is gone → the DELETE answers 404, which is success", async () => {
    const fake = new FakeHubRemote();
    await deleteGroup({ ...group(), etag: null }, fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → 404", "group.delete() → 404"]);
  });

  test("delete while a GET of the hub answers 404 although it exists (the 404 after an update) → the group is deleted, not orphaned", async () => {
    const fake = activeHub();
    fake.addGroup("analytics");
    fake.answerNotFound(1);
    await deleteGroup({ ...group(), etag: null }, fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → 404", "group.delete() → ok"]);
    expect(fake.groupNames()).toEqual(["$Default"]);
  });

  test("delete on a hub in ActivationFailed is still tried once (the service decides), so a destroy is not blocked", async () => {
    const fake = new FakeHubRemote();
    fake.seedHub({ state: "ActivationFailed" });
    fake.addGroup("analytics");
    await deleteGroup({ ...group(), etag: null }, fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → ActivationFailed", "group.delete() → ok"]);
    expect(fake.time.waits).toEqual([]);
  });

  test("delete refused with 409 IH409002 → retried once the hub is Active again", async () => {
    const fake = activeHub();
    fake.addGroup("analytics");
    fake.refuseWrites(1);
    await deleteGroup({ ...group(), etag: null }, fake.consumerGroupRemote("analytics"));
    expect(fake.log).toEqual(["getHub → Active", "group.delete() → 409", "getHub → Active", "group.delete() → ok"]);
  });
});

describe("readGroup and updateGroup", () => {
  test("read: 404 → {} (the group drops from state)", async () => {
    const fake = activeHub();
    const remote = fake.consumerGroupRemote("analytics");
    await expect(readGroup(remote.resourceId, group(), remote)).resolves.toEqual({});
    expect(fake.log).toEqual(["group.get → 404"]);
  });

  test("read of an existing group: the settings echoed as inputs, the service's fields as outputs", async () => {
    const fake = activeHub();
    fake.addGroup("analytics");
    const remote = fake.consumerGroupRemote("analytics");
    const result = await readGroup(remote.resourceId, { ...group(), etag: null }, remote);
    expect(result.inputs).toEqual(group());
    expect(result.props).toMatchObject({ resourceId: remote.resourceId, etag: null, created: expect.any(String) });
  });

  test("update (settings only) re-reads and writes nothing; a group gone meanwhile is an error that says to refresh", async () => {
    const fake = activeHub();
    fake.addGroup("analytics");
    const remote = fake.consumerGroupRemote("analytics");
    const updated = await updateGroup(remote.resourceId, group({ timeouts: { createMinutes: 5 } }), remote);
    expect(updated.outs).toMatchObject({ timeouts: { createMinutes: 5 }, resourceId: remote.resourceId });
    const gone = fake.consumerGroupRemote("other");
    const error = await rejection(updateGroup(gone.resourceId, group({ name: "other" }), gone));
    expect(error.message).toBe("consumer group other no longer exists in IotHub hub-fast; run `pulumi refresh`");
    expect(fake.writes).toEqual([]);
  });
});
