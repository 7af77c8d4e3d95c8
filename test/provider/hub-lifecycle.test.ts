/**
 * The decisions of the IotHub lifecycle (provider/hub/lifecycle.ts), one test each, on an in-memory hub and a
 * virtual clock (fake-hub-remote.ts): the exact calls and their preconditions, the messages, the partial failures.
 * The same branches run through the host and the emulator in test/iothub/ (seconds each); these take milliseconds.
 */
import { ArmError } from "../../provider/arm";
import { createHub, deleteHub, readHub, updateHub } from "../../provider/hub/lifecycle";
import { createBody } from "../../provider/hub/body";
import type { HubInputs } from "../../provider/hub/inputs";
import { OWNER_TAG, ownerTagValue } from "../../provider/ownership";
import { FakeHubRemote, RESOURCE_GROUP, SUBSCRIPTION_ID, preconditionFailedError } from "./fake-hub-remote";

const OWNER = "organization/fast/dev/hub";
const OWNED = { [OWNER_TAG]: ownerTagValue(OWNER) };
const SECRETS = ["sharedAccessPolicies", "connectionStrings", "eventHubConnectionStrings"];

const inputs = (over: Partial<HubInputs> = {}): HubInputs => ({
  subscriptionId: SUBSCRIPTION_ID,
  resourceGroupName: RESOURCE_GROUP,
  name: "hub-fast",
  location: "westeurope",
  sku: { name: "S1", capacity: 1 },
  tags: { env: "dev" },
  apiVersion: "2023-06-30",
  __owner: OWNER,
  ...over,
});

type Outputs = Record<string, unknown>;
/** What a partial failure carries for the engine (provider/partial-failure.ts). */
type PartialFailure = Error & { id?: string; properties?: Outputs; reasons?: string[] };

let stderr: jest.SpyInstance;
const stderrLines = () => stderr.mock.calls.map((c) => String(c[0]));
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

/** A hub this resource created in an earlier `up`: the fake, and the outputs the engine recorded (etag-2). */
async function created(over: Partial<HubInputs> = {}): Promise<{ fake: FakeHubRemote; olds: Outputs }> {
  const fake = new FakeHubRemote();
  const { outs } = await createHub(inputs(over), fake);
  fake.clearLog();
  stderr.mockClear();
  return { fake, olds: outs as Outputs };
}

async function rejection(work: Promise<unknown>): Promise<PartialFailure> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error(`expected a rejection, got ${JSON.stringify(error)}`);
  return error as PartialFailure;
}

describe("createHub", () => {
  test("create: PUT with If-None-Match *, the ownership tag in the body; outputs carry the keys and the etag of the Active hub", async () => {
    const fake = new FakeHubRemote();
    const result = await createHub(inputs(), fake);
    expect(fake.log).toEqual([
      "beginPut(If-None-Match: *) → 202 operation 1",
      "waitForPut → operation 1 Succeeded",
      "get → Active",
      "listKeys → 2 keys",
    ]);
    expect(fake.calls[0].body?.tags).toEqual({ env: "dev", [OWNER_TAG]: OWNER });
    expect(fake.calls[0].body?.sku).toEqual({ name: "S1", capacity: 1 });
    expect(result.id).toBe(`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Devices/IotHubs/hub-fast`);
    const [owner] = fake.keys;
    expect(result.outs).toMatchObject({
      name: "hub-fast",
      state: "Active",
      // etag-1 came with the accepted PUT; the transition to Active moved it on.
      etag: "etag-2",
      tags: { env: "dev" },
      hostName: "hub-fast.azure-devices.net",
      sharedAccessPolicies: expect.arrayContaining([{ keyName: "iothubowner", rights: owner.rights, primaryKey: owner.primaryKey, secondaryKey: owner.secondaryKey }]),
      connectionStrings: { iothubowner: `HostName=hub-fast.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${owner.primaryKey}` },
    });
    // The operation's waits ran on the virtual clock: 1 s, 2 s, then the 5 s entry cut to the operation's end.
    expect(fake.time.waits).toEqual([1000, 2000, 5000]);
    expect(stderrLines()).toEqual([]);
  });

  test("create meets an existing hub (412) that is not this resource's: refused with the adoptExisting advice, nothing written", async () => {
    const fake = new FakeHubRemote();
    fake.seedHub({ tags: { owner: "them" } });
    const before = fake.hub;
    const error = await rejection(createHub(inputs(), fake));
    expect(error.message).toBe(
      `IotHub hub-fast already exists in resource group ${RESOURCE_GROUP} (${preconditionFailedError().message}). ` +
        "This program does not manage it yet, and creating it would overwrite it. To take it over, set `adoptExisting: true` " +
        "on the resource (the hub is then updated to match the program); otherwise choose another name (hub names are global).",
    );
    expect(error.id).toBeUndefined();
    // One look at the hub's ownership tag, then nothing: no second PUT, no delete.
    expect(fake.log).toEqual(["beginPut(If-None-Match: *) → 412", "get → Active"]);
    expect(fake.hub).toEqual(before);
    expect(stderrLines()).toEqual([]);
  });

  test("create meets a hub carrying another stack resource's ownership tag: refused the same way", async () => {
    const fake = new FakeHubRemote();
    fake.seedHub({ tags: { [OWNER_TAG]: ownerTagValue("organization/fast/other-stack/hub") } });
    const error = await rejection(createHub(inputs(), fake));
    expect(error.message).toMatch(/^IotHub hub-fast already exists in resource group rg-fast \(PreconditionFailed \(412\)/);
    expect(fake.writes).toEqual(["beginPut(If-None-Match: *) → 412"]);
  });

  test("create with adoptExisting converges the existing hub: PUT with If-Match = its etag, no ownership tag added", async () => {
    const fake = new FakeHubRemote();
    const seeded = fake.seedHub({ tags: { owner: "them" }, sku: { name: "S1", capacity: 2 } });
    const keys = fake.keys;
    const result = await createHub(inputs({ adoptExisting: true }), fake);
    expect(fake.log).toEqual([
      "beginPut(If-None-Match: *) → 412",
      "get → Active",
      "listKeys → 2 keys",
      `beginPut(If-Match: ${seeded.etag}) → 202 operation 1`,
      "waitForPut → operation 1 Succeeded",
      "get → Active",
      "listKeys → 2 keys",
    ]);
    expect(fake.hub?.tags).toEqual({ env: "dev" });
    expect(fake.hub?.sku).toMatchObject({ name: "S1", capacity: 1 });
    // The update body carried the keys back: nothing rotated.
    expect(fake.keys).toEqual(keys);
    expect(result.outs).toMatchObject({ etag: fake.etag, adoptExisting: true, tags: { env: "dev" } });
  });

  test("create with adoptExisting of a hub that already matches the program writes nothing", async () => {
    const fake = new FakeHubRemote();
    const seeded = fake.seedHub({ tags: { env: "dev" } });
    const result = await createHub(inputs({ adoptExisting: true }), fake);
    expect(fake.log).toEqual(["beginPut(If-None-Match: *) → 412", "get → Active", "listKeys → 2 keys"]);
    expect(result.outs).toMatchObject({ etag: seeded.etag, state: "Active" });
  });

  test("the lost answer: create's PUT ends in a 412 with unansweredAttempts 1 → its own hub, finished without refusal", async () => {
    const fake = new FakeHubRemote();
    fake.loseAnswerOfNextPut();
    const result = await createHub(inputs(), fake);
    // The ownership look finds this resource's tag (the lost attempt put it there), no second PUT: the hub is
    // waited for until Active.
    expect(fake.log[0]).toBe("beginPut(If-None-Match: *) → 412");
    expect(fake.log[1]).toBe("get → Activating"); // the ownership look
    expect(fake.log.slice(-2)).toEqual(["get → Active", "listKeys → 2 keys"]);
    expect(fake.writes).toEqual(["beginPut(If-None-Match: *) → 412"]);
    expect(result.outs).toMatchObject({ state: "Active", etag: fake.etag, sharedAccessPolicies: expect.any(Array) });
    expect(fake.hub?.tags).toEqual({ env: "dev", ...OWNED });
    expect(stderrLines()).toEqual([
      `IotHub hub-fast: the answer to this create's first attempt was lost, and the hub it created carries this resource's ownership tag (${OWNER_TAG}); finishing that hub\n`,
    ]);
  });

  test("create meets a hub carrying this resource's ownership tag (an interrupted create) → finished, with the log line", async () => {
    const fake = new FakeHubRemote();
    // The interrupted `up` got as far as the accepted PUT.
    await fake.beginPut(createBody(inputs()), { ifNoneMatch: "*" });
    fake.clearLog();
    const result = await createHub(inputs(), fake);
    expect(fake.log).toEqual([
      "beginPut(If-None-Match: *) → 412",
      "get → Activating", // the ownership look
      "get → Activating",
      "get → Activating",
      "get → Activating",
      "get → Active",
      "listKeys → 2 keys",
    ]);
    expect(stderrLines()).toEqual([
      `IotHub hub-fast exists and carries this resource's ownership tag (${OWNER_TAG}): an earlier \`pulumi up\` was interrupted ` +
        "while creating it; finishing that hub instead of creating another\n",
    ]);
    expect(result.outs).toMatchObject({ state: "Active", etag: fake.etag });
  });

  test("an interrupted create whose program changed since: finished, then the program's fields laid over it with If-Match", async () => {
    const fake = new FakeHubRemote();
    await fake.beginPut(createBody(inputs()), { ifNoneMatch: "*" });
    fake.clearLog();
    await createHub(inputs({ tags: { env: "prod" } }), fake);
    expect(fake.writes).toEqual(["beginPut(If-None-Match: *) → 412", "beginPut(If-Match: etag-2) → 202 operation 2"]);
    expect(fake.hub?.tags).toEqual({ env: "prod", ...OWNED });
  });

  test("create refused by the service for another reason (400): the error as is, nothing else tried", async () => {
    const fake = new FakeHubRemote();
    fake.failNext("beginPut", new ArmError({ code: "IH400019", statusCode: 400, message: "BadRequest (400) IH400019: free hub quota" }));
    const error = await rejection(createHub(inputs(), fake));
    expect(error).toBeInstanceOf(ArmError);
    expect((error as unknown as ArmError).code).toBe("IH400019");
    expect(error.id).toBeUndefined();
    expect(fake.log).toEqual(["beginPut(If-None-Match: *) → 400"]);
  });

  test("partial failure on create: the operation failed after the PUT was accepted → the id and the inputs, no etag, no keys", async () => {
    const fake = new FakeHubRemote();
    fake.failNextOperation({ code: "IotHubActivationFailed", message: "activation failed" });
    const error = await rejection(createHub(inputs(), fake));
    expect((error as unknown as ArmError).code).toBe("IotHubActivationFailed");
    expect(error.message).toMatch(/activation failed/);
    expect(error.id).toBe(fake.resourceId);
    expect(error.reasons).toEqual([error.message]);
    expect(error.properties).toEqual({ ...inputs(), resourceId: fake.resourceId });
    expect(fake.log).toEqual(["beginPut(If-None-Match: *) → 202 operation 1", "waitForPut → IotHubActivationFailed"]);
    expect(fake.hub?.properties?.state).toBe("ActivationFailed");
  });

  test("timeout: a create whose operation outlasts timeouts.createMinutes → OperationTimedOut at the virtual deadline, as a partial failure", async () => {
    const fake = new FakeHubRemote({ operationMs: 10 * 60_000 });
    const error = await rejection(createHub(inputs({ timeouts: { createMinutes: 1 } }), fake));
    expect((error as unknown as ArmError).code).toBe("OperationTimedOut");
    expect(error.message).toMatch(/^OperationTimedOut: timed out after 60000 ms waiting for PUT \/subscriptions\/.*\/IotHubs\/hub-fast \(last status: Running/);
    expect(fake.elapsed()).toBe(60_000);
    expect(error.id).toBe(fake.resourceId);
    expect(error.properties).toEqual({ ...inputs({ timeouts: { createMinutes: 1 } }), resourceId: fake.resourceId });
  });
});

describe("updateHub", () => {
  test("update: the current document with the managed fields over it, PUT with If-Match = the etag from state", async () => {
    const { fake, olds } = await created();
    const result = await updateHub(olds, inputs({ tags: { env: "prod" }, sku: { name: "S1", capacity: 2 } }), fake);
    expect(fake.log).toEqual([
      "get → Active",
      "listKeys → 2 keys",
      "beginPut(If-Match: etag-2) → 202 operation 2",
      "waitForPut → operation 2 Succeeded",
      "get → Active",
      "listKeys → 2 keys",
    ]);
    const body = fake.calls[2].body;
    expect(body?.tags).toEqual({ env: "prod", ...OWNED });
    expect(body?.properties?.authorizationPolicies).toEqual(fake.keys);
    expect(result.outs).toMatchObject({ etag: "etag-4", tags: { env: "prod" }, sku: { name: "S1", capacity: 2 } });
  });

  test("update with nothing to change in Azure (only a setting changed) writes nothing", async () => {
    const { fake, olds } = await created();
    const result = await updateHub(olds, inputs({ timeouts: { deleteMinutes: 90 } }), fake);
    expect(fake.log).toEqual(["get → Active", "listKeys → 2 keys"]);
    expect(result.outs).toMatchObject({ etag: olds.etag, timeouts: { deleteMinutes: 90 } });
  });

  test("the etag moving on transitions: no managed field changed, so the 412 is retried once with the fresh etag", async () => {
    const { fake, olds } = await created();
    // The service's own transition since the last up: Transitioning (etag-3), then Active again (etag-4).
    fake.startTransition(1);
    const result = await updateHub(olds, inputs({ tags: { env: "prod" } }), fake);
    expect(fake.log).toEqual([
      "get → Transitioning",
      "get → Active",
      "listKeys → 2 keys",
      "beginPut(If-Match: etag-2) → 412",
      "get → Active",
      "listKeys → 2 keys",
      "beginPut(If-Match: etag-4) → 202 operation 2",
      "waitForPut → operation 2 Succeeded",
      "get → Active",
      "listKeys → 2 keys",
    ]);
    expect(fake.hub?.tags).toEqual({ env: "prod", ...OWNED });
    expect(result.outs).toMatchObject({ etag: fake.etag, tags: { env: "prod" } });
  });

  test("the etag moving on transitions, a transition starting right after our GET: the 412 waits for Active, then retries", async () => {
    const { fake, olds } = await created();
    fake.beforeNext("beginPut", () => fake.startTransition(2));
    await updateHub(olds, inputs({ tags: { env: "prod" } }), fake);
    expect(fake.log).toEqual([
      "get → Active",
      "listKeys → 2 keys",
      "beginPut(If-Match: etag-2) → 412",
      "get → Transitioning",
      "get → Transitioning",
      "get → Active",
      "listKeys → 2 keys",
      "beginPut(If-Match: etag-4) → 202 operation 2",
      "waitForPut → operation 2 Succeeded",
      "get → Active",
      "listKeys → 2 keys",
    ]);
  });

  test("an etag moved by someone's consumer group does not stop an update (412 retried with the fresh etag)", async () => {
    const { fake, olds } = await created();
    fake.addGroup("someone-elses");
    await updateHub(olds, inputs({ tags: { env: "prod" } }), fake);
    expect(fake.writes).toEqual(["beginPut(If-Match: etag-2) → 412", "beginPut(If-Match: etag-3) → 202 operation 2"]);
    expect(fake.groupNames()).toEqual(["$Default", "someone-elses"]);
  });

  test("update 412 where a managed field changed out of band → refused, the message lists the fields, no second PUT", async () => {
    const { fake, olds } = await created();
    fake.outOfBand((hub) => {
      hub.tags = { env: "changed-by-someone" };
      hub.sku = { name: "S1", capacity: 3 };
    });
    const before = fake.hub;
    const error = await rejection(updateHub(olds, inputs({ comments: "new" }), fake));
    expect(error.message).toBe(
      "refusing to update IotHub hub-fast: it was changed outside this program since the last refresh " +
        `(fields: sku, tags; ${preconditionFailedError().message}). Nothing was written. ` +
        "Run `pulumi refresh` to record the current values, review the diff, then run `pulumi up` again.",
    );
    expect(error.id).toBeUndefined();
    expect(fake.log).toEqual(["get → Active", "listKeys → 2 keys", "beginPut(If-Match: etag-2) → 412", "get → Active", "listKeys → 2 keys"]);
    expect(fake.hub).toEqual(before);
  });

  test("a managed field changed out of band to exactly what the program now wants is no lost update: retried", async () => {
    const { fake, olds } = await created();
    fake.outOfBand((hub) => void (hub.tags = { env: "prod", ...OWNED }));
    await updateHub(olds, inputs({ tags: { env: "prod" }, sku: { name: "S1", capacity: 2 } }), fake);
    expect(fake.writes).toEqual(["beginPut(If-Match: etag-2) → 412", "beginPut(If-Match: etag-3) → 202 operation 2"]);
    expect(fake.hub?.sku?.capacity).toBe(2);
  });

  test("a field the program stopped managing may change out of band: the 412 is retried, and the field is left as it is", async () => {
    const { fake, olds } = await created();
    fake.outOfBand((hub) => void (hub.tags = { owner: "portal" }));
    await updateHub(olds, inputs({ tags: undefined, sku: { name: "S1", capacity: 2 } }), fake);
    expect(fake.writes).toEqual(["beginPut(If-Match: etag-2) → 412", "beginPut(If-Match: etag-3) → 202 operation 2"]);
    expect(fake.hub?.tags).toEqual({ owner: "portal" });
  });

  test("a second 412 (the hub changed again between the re-read and the retry) is not retried again", async () => {
    const { fake, olds } = await created();
    fake.addGroup("first");
    fake.beforeNext("beginPut", () => undefined);
    fake.beforeNext("beginPut", () => fake.addGroup("second"));
    const error = await rejection(updateHub(olds, inputs({ tags: { env: "prod" } }), fake));
    expect(error.message).toBe(preconditionFailedError().message);
    expect(fake.writes).toEqual(["beginPut(If-Match: etag-2) → 412", "beginPut(If-Match: etag-3) → 412"]);
  });

  test("partial failure: the operation failed after the PUT was accepted → the id, the old observed fields and etag, no keys", async () => {
    const { fake, olds } = await created();
    fake.failNextOperation({ code: "IotHubUnitsExceeded", message: "The units quota is exhausted" });
    const news = inputs({ sku: { name: "S1", capacity: 5 }, tags: { env: "prod" } });
    const error = await rejection(updateHub(olds, news, fake));
    expect(error).toBeInstanceOf(ArmError);
    expect((error as unknown as ArmError).code).toBe("IotHubUnitsExceeded");
    expect(error.message).toBe(`PUT ${fake.resourceId} ended Failed: IotHubUnitsExceeded: The units quota is exhausted`);
    expect(error.id).toBe(fake.resourceId);
    expect(error.reasons).toEqual([error.message]);
    const props = error.properties ?? {};
    // What state said Azure had stays: the write may not have happened.
    expect(props).toMatchObject({ sku: { name: "S1", capacity: 1 }, tags: { env: "dev" }, etag: "etag-2", location: "westeurope", resourceId: fake.resourceId });
    // The settings are the new inputs (the engine needs them, __provider included).
    expect(props).toMatchObject({ apiVersion: "2023-06-30", __owner: OWNER });
    for (const secret of SECRETS) expect(props).not.toHaveProperty(secret);
    expect(fake.log).toEqual([
      "get → Active",
      "listKeys → 2 keys",
      "beginPut(If-Match: etag-2) → 202 operation 2",
      "waitForPut → IotHubUnitsExceeded",
    ]);
  });

  test("after a partial failure the next update goes through: the failed attempt's etag move is no lost update", async () => {
    const { fake, olds } = await created();
    fake.failNextOperation({ code: "IotHubUnitsExceeded", message: "The units quota is exhausted" });
    const news = inputs({ sku: { name: "S1", capacity: 5 } });
    const partial = await rejection(updateHub(olds, news, fake));
    fake.clearLog();
    const result = await updateHub(partial.properties ?? {}, news, fake);
    expect(fake.writes).toEqual(["beginPut(If-Match: etag-2) → 412", "beginPut(If-Match: etag-4) → 202 operation 3"]);
    expect(result.outs).toMatchObject({ sku: { name: "S1", capacity: 5 }, sharedAccessPolicies: expect.any(Array) });
  });

  test("a failed hub (ActivationFailed) owned by this resource, on update → deleted and created again, with the log line", async () => {
    const fake = new FakeHubRemote();
    fake.failNextOperation({ code: "IotHubActivationFailed", message: "activation failed" });
    const partial = await rejection(createHub(inputs(), fake));
    fake.clearLog();
    const result = await updateHub(partial.properties ?? {}, inputs(), fake);
    expect(fake.log).toEqual([
      "get → ActivationFailed",
      "beginDelete(If-Match: etag-2) → 202 operation 2",
      "waitForDelete → operation 2 Succeeded",
      "beginPut(If-None-Match: *) → 202 operation 3",
      "waitForPut → operation 3 Succeeded",
      "get → Active",
      "listKeys → 2 keys",
    ]);
    expect(stderrLines()).toEqual([
      "IotHub hub-fast is ActivationFailed: its create failed in Azure, and this stack resource created it (ownership tag), " +
        "so it is deleted and created again\n",
    ]);
    expect(result.outs).toMatchObject({ state: "Active", etag: fake.etag, tags: { env: "dev" } });
    expect(fake.hub?.tags).toEqual({ env: "dev", ...OWNED });
  });

  test("a failed hub (ActivationFailed) not owned by this resource → an error that says what to do, nothing deleted", async () => {
    const fake = new FakeHubRemote();
    fake.seedHub({ tags: { owner: "them" }, state: "ActivationFailed" });
    const before = fake.hub;
    const error = await rejection(createHub(inputs({ adoptExisting: true }), fake));
    expect(error.message).toBe(
      "IotHub hub-fast is ActivationFailed: its last operation failed in Azure, and it does not leave that state by itself, " +
        "so waiting for it to become Active would only use up the timeout. It is not deleted automatically: this stack resource " +
        "did not create it (it was adopted, or is someone else's). Repair or delete it in Azure (the portal, `az iot hub delete`), " +
        "then run `pulumi refresh` and `pulumi up`.",
    );
    expect(fake.log).toEqual(["beginPut(If-None-Match: *) → 412", "get → ActivationFailed"]);
    expect(fake.hub).toEqual(before);
    expect(fake.time.waits).toEqual([]);
  });

  test("a failed hub owned by this resource that was Active before (DeletionFailed) is not deleted: it may hold devices", async () => {
    const fake = new FakeHubRemote();
    fake.seedHub({ tags: { env: "dev", ...OWNED }, state: "DeletionFailed" });
    const error = await rejection(updateHub({ etag: fake.etag }, inputs(), fake));
    expect(error.message).toMatch(/^IotHub hub-fast is DeletionFailed: .* It is not deleted automatically: it was Active before, so it may hold devices\. /);
    expect(fake.log).toEqual(["get → DeletionFailed"]);
  });

  test("the 404 after an update, during the settle read, is waited out on the virtual clock", async () => {
    const { fake, olds } = await created();
    fake.notFoundAfterNextUpdate(3);
    const result = await updateHub(olds, inputs({ tags: { env: "prod" } }), fake);
    expect(fake.log).toEqual([
      "get → Active",
      "listKeys → 2 keys",
      "beginPut(If-Match: etag-2) → 202 operation 2",
      "waitForPut → operation 2 Succeeded",
      "get → 404",
      "get → 404",
      "get → 404",
      "get → Active",
      "listKeys → 2 keys",
    ]);
    // The operation's waits, then the hub's: 1 + 2 + 5 s of virtual time, no real time.
    expect(fake.time.waits).toEqual([1000, 2000, 5000, 1000, 2000, 5000]);
    expect(result.outs).toMatchObject({ state: "Active", tags: { env: "prod" } });
  });

  test("a 404 before the write is no quirk: the hub was deleted out of band, the update fails at once and says to refresh", async () => {
    const { fake, olds } = await created();
    fake.removeHub();
    const error = await rejection(updateHub(olds, inputs({ tags: { env: "prod" } }), fake));
    expect(error.message).toBe(
      `IotHub hub-fast no longer exists in resource group ${RESOURCE_GROUP}. Run \`pulumi refresh\` to drop it from the stack, ` +
        "then `pulumi up` to create it again.",
    );
    expect(fake.log).toEqual(["get → 404"]);
    expect(fake.time.waits).toEqual([]);
  });

  test("409 IH409002 on a write → retried on the schedule once the hub is Active again", async () => {
    const { fake, olds } = await created();
    fake.refuseWrites(2);
    await updateHub(olds, inputs({ tags: { env: "prod" } }), fake);
    expect(fake.log).toEqual([
      "get → Active",
      "listKeys → 2 keys",
      "beginPut(If-Match: etag-2) → 409",
      "get → Active",
      "beginPut(If-Match: etag-2) → 409",
      "get → Active",
      "beginPut(If-Match: etag-2) → 202 operation 2",
      "waitForPut → operation 2 Succeeded",
      "get → Active",
      "listKeys → 2 keys",
    ]);
    expect(fake.time.waits.slice(0, 2)).toEqual([1000, 2000]);
    expect(fake.hub?.tags).toEqual({ env: "prod", ...OWNED });
  });

  test("timeout: a hub that stays Transitioning ends the update with ArmError OperationTimedOut at the virtual deadline, nothing written", async () => {
    const { fake, olds } = await created();
    fake.startTransition(Infinity);
    const start = fake.elapsed();
    const error = await rejection(updateHub(olds, inputs({ tags: { env: "prod" }, timeouts: { updateMinutes: 1 } }), fake));
    expect(error).toBeInstanceOf(ArmError);
    expect((error as unknown as ArmError).code).toBe("OperationTimedOut");
    expect(error.message).toMatch(/^OperationTimedOut: timed out after 60000 ms waiting for IotHub hub-fast to be Active \(last status: Transitioning, \d+ polls\)$/);
    expect(fake.elapsed() - start).toBe(60_000);
    expect(error.id).toBeUndefined();
    expect(fake.writes).toEqual([]);
    // The progress lines went to stderr, on the virtual clock: first after 15 s, then every 30 s.
    expect(stderrLines()).toEqual([
      expect.stringMatching(/^IotHub hub-fast: updating: Transitioning, 1[5-9]s elapsed\n$/),
      expect.stringMatching(/^IotHub hub-fast: updating: Transitioning, 4[5-9]s elapsed\n$/),
    ]);
  });
});

describe("deleteHub", () => {
  test("delete: DELETE with If-Match from state, then the operation is waited for until the hub is gone", async () => {
    const { fake, olds } = await created();
    await deleteHub(olds, fake);
    expect(fake.log).toEqual(["beginDelete(If-Match: etag-2) → 202 operation 2", "waitForDelete → operation 2 Succeeded"]);
    expect(fake.hub).toBeUndefined();
  });

  test("delete of a hub already gone (beginDelete answers nothing to delete) is success", async () => {
    const { fake, olds } = await created();
    fake.removeHub();
    await deleteHub(olds, fake);
    expect(fake.log).toEqual(["beginDelete(If-Match: etag-2) → 204"]);
  });

  test("delete without an etag in state sends no If-Match", async () => {
    const { fake, olds } = await created();
    const { etag: _etag, ...withoutEtag } = olds;
    await deleteHub(withoutEtag, fake);
    expect(fake.writes).toEqual(["beginDelete() → 202 operation 2"]);
  });

  test("delete 412 with managed drift → refused, the fields listed, the hub kept", async () => {
    const { fake, olds } = await created();
    fake.outOfBand((hub) => void (hub.sku = { name: "S1", capacity: 3 }));
    const error = await rejection(deleteHub(olds, fake));
    expect(error.message).toBe(
      "refusing to delete IotHub hub-fast: it was changed outside this program since the last refresh " +
        `(fields: sku; ${preconditionFailedError().message}). Nothing was written. ` +
        "Run `pulumi refresh` to record the current values, review the diff, then run `pulumi up` again.",
    );
    expect(fake.log).toEqual(["beginDelete(If-Match: etag-2) → 412", "get → Active", "listKeys → 2 keys"]);
    expect(fake.hub).toBeDefined();
  });

  test("delete 412 without managed drift (a consumer group moved the etag) → retried once with the fresh etag", async () => {
    const { fake, olds } = await created();
    fake.addGroup("someone-elses");
    await deleteHub(olds, fake);
    expect(fake.log).toEqual([
      "beginDelete(If-Match: etag-2) → 412",
      "get → Active",
      "listKeys → 2 keys",
      "beginDelete(If-Match: etag-3) → 202 operation 2",
      "waitForDelete → operation 2 Succeeded",
    ]);
    expect(fake.hub).toBeUndefined();
  });

  test("delete 412 and the hub is gone by the re-read → the DELETE sent again answers 204: success", async () => {
    const { fake, olds } = await created();
    fake.addGroup("someone-elses");
    fake.beforeNext("get", () => fake.removeHub());
    await deleteHub(olds, fake);
    expect(fake.log).toEqual(["beginDelete(If-Match: etag-2) → 412", "get → 404", "beginDelete(If-Match: etag-2) → 204"]);
  });

  test("delete 412, then the re-read answers 404 although the hub exists (the 404 after an update) → not taken for gone: deleted", async () => {
    const { fake, olds } = await created();
    fake.addGroup("someone-elses");
    fake.answerNotFound(1);
    await deleteHub(olds, fake);
    expect(fake.log).toEqual([
      "beginDelete(If-Match: etag-2) → 412",
      "get → 404",
      "beginDelete(If-Match: etag-2) → 412",
      "get → Active",
      "listKeys → 2 keys",
      "beginDelete(If-Match: etag-3) → 202 operation 2",
      "waitForDelete → operation 2 Succeeded",
    ]);
    expect(fake.hub).toBeUndefined();
  });

  test("delete refused with 409 IH409002 → retried once the hub is Active again", async () => {
    const { fake, olds } = await created();
    fake.refuseWrites(1);
    await deleteHub(olds, fake);
    expect(fake.log).toEqual([
      "beginDelete(If-Match: etag-2) → 409",
      "get → Active",
      "beginDelete(If-Match: etag-2) → 202 operation 2",
      "waitForDelete → operation 2 Succeeded",
    ]);
  });
});

describe("readHub", () => {
  test("read: 404 → {} (the hub drops from state), no keys read", async () => {
    const { fake, olds } = await created();
    fake.removeHub();
    await expect(readHub(fake.resourceId, olds, fake)).resolves.toEqual({});
    expect(fake.log).toEqual(["get → 404"]);
  });

  test("read maps drift back into the inputs and refreshes the etag and keys", async () => {
    const { fake, olds } = await created();
    fake.outOfBand((hub) => void (hub.tags = { env: "prod", extra: "x", ...OWNED }));
    const result = await readHub(fake.resourceId, olds, fake);
    expect(fake.log).toEqual(["get → Active", "listKeys → 2 keys"]);
    expect(result.id).toBe(fake.resourceId);
    expect(result.inputs).toMatchObject({ tags: { env: "prod", extra: "x" }, sku: { name: "S1", capacity: 1 }, __owner: OWNER });
    expect(result.inputs).not.toHaveProperty("etag");
    expect(result.props).toMatchObject({ etag: "etag-3", tags: { env: "prod", extra: "x" }, sharedAccessPolicies: expect.any(Array) });
  });

  test("read of a partial record (no sharedAccessPolicies in state) → no secret outputs", async () => {
    const { fake, olds } = await created();
    const partial = Object.fromEntries(Object.entries(olds).filter(([k]) => !SECRETS.includes(k)));
    const result = await readHub(fake.resourceId, partial, fake);
    for (const secret of SECRETS) expect(result.props).not.toHaveProperty(secret);
    expect(result.props).toMatchObject({ state: "Active", etag: olds.etag });
  });
});

describe("found by these tests", () => {
  test("delete while a transition (which moved the etag) is under way → deleted once the hub is Active", async () => {
    const fake = new FakeHubRemote();
    const { outs } = await createHub(inputs(), fake);
    fake.startTransition(2);
    await deleteHub(outs, fake);
    expect(fake.hub).toBeUndefined();
  });

  test("after a failed update that started managing a new field, the next update is not refused as a lost update", async () => {
    const fake = new FakeHubRemote();
    const { outs } = await createHub(inputs(), fake);
    fake.failNextOperation({ code: "IotHubUnitsExceeded", message: "quota" });
    const news = inputs({ comments: "managed from now on" });
    const partial = (await updateHub(outs, news, fake).catch((e) => e)) as { properties: Record<string, unknown> };
    expect(partial.properties.comments).toBeUndefined();
    await updateHub(partial.properties, news, fake);
    expect(fake.hub?.properties?.comments).toBe("managed from now on");
  });

  test("a lost answer whose first attempt never arrived, meeting another owner's hub → refused, not overwritten", async () => {
    const fake = new FakeHubRemote();
    fake.seedHub({ tags: { env: "theirs", [OWNER_TAG]: ownerTagValue("organization/other/prod/hub") }, sku: { name: "S1", capacity: 4 } });
    fake.loseAnswerOfNextPut({ reachedService: false });
    const error = await createHub(inputs(), fake).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/already exists/);
    expect(fake.writes).toEqual(["beginPut(If-None-Match: *) → 412"]);
  });
});

test("the lost answer without an owner (a resource from before ownership tags): a hub with nobody's tag is its own", async () => {
  const fake = new FakeHubRemote();
  fake.loseAnswerOfNextPut();
  const result = await createHub(inputs({ __owner: undefined }), fake);
  expect(fake.writes).toEqual(["beginPut(If-None-Match: *) → 412"]);
  expect(result.outs).toMatchObject({ state: "Active" });
});
