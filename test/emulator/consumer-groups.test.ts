import { startEmulator } from "../../emulator";
import { hubBody, hubPath, RG, SUB, TestArm, uniqueHubName, useEmulator, V2016, V2023 } from "./helpers";
import { ManualTime } from "./manual-time";

/** D2C consumer groups on both api-versions (docs/IOTHUB-ARM.md, "Consumer groups"). */
const { arm } = useEmulator({ provisioningMs: 40 });

beforeAll(() => arm().createGroup());

const groups = (name: string, endpoint = "events"): string => `${hubPath(name)}/eventHubEndpoints/${endpoint}/ConsumerGroups`;

async function activeHub(a: TestArm, apiVersion = V2023): Promise<string> {
  const name = uniqueHubName("cg");
  await a.createHub(name, { apiVersion });
  return name;
}

test("2016-02-03: PUT without body answers {tags,id,name}; list is names; DELETE 200 then 204", async () => {
  const a = arm();
  const name = await activeHub(a, V2016);
  const put = await a.call("PUT", `${groups(name)}/reader`, { apiVersion: V2016 });
  expect(put.status).toBe(200);
  expect(put.body).toEqual({ tags: {}, id: `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups/reader`, name: "reader" });
  const list = await a.call("GET", groups(name), { apiVersion: V2016 });
  expect(list.body).toEqual({ value: ["$Default", "reader"] });
  const one = await a.call("GET", `${groups(name)}/reader`, { apiVersion: V2016 });
  expect(one.body.name).toBe("reader");
  const del = await a.call("DELETE", `${groups(name)}/reader`, { apiVersion: V2016 });
  expect(del.status).toBe(200);
  expect(del.text).toBe("");
  expect((await a.call("DELETE", `${groups(name)}/reader`, { apiVersion: V2016 })).status).toBe(204);
  expect((await a.call("GET", `${groups(name)}/reader`, { apiVersion: V2016 })).status).toBe(404);
});

test("2016-02-03: operationsMonitoringEvents is an endpoint with its own $Default", async () => {
  const a = arm();
  const name = await activeHub(a, V2016);
  const put = await a.call("PUT", `${groups(name, "operationsMonitoringEvents")}/ops`, { apiVersion: V2016 });
  expect(put.status).toBe(200);
  expect((await a.call("GET", groups(name, "operationsMonitoringEvents"), { apiVersion: V2016 })).body.value).toEqual(["$Default", "ops"]);
  expect((await a.call("GET", groups(name), { apiVersion: V2016 })).body.value).toEqual(["$Default"]);
  // 2023-06-30 only knows `events`
  const r = await a.call("GET", groups(name, "operationsMonitoringEvents"), { apiVersion: V2023 });
  expect(r.status).toBe(404);
  expect(r.body.code).toBe(404003);
});

test("2023-06-30: PUT needs {properties:{name}} else 400 IH400007; bodies are objects with etag null", async () => {
  const a = arm();
  const name = await activeHub(a);
  for (const body of [undefined, {}, { properties: {} }, { properties: { name: "" } }]) {
    const bad = await a.call("PUT", `${groups(name)}/reader`, { body });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 400007, httpStatusCode: "BadRequest" });
    expect(bad.body.message).toMatch(/^Consumer group name in the request body should not be null or empty\..*errorcode: IH400007\.$/);
  }
  expect((await a.call("GET", groups(name))).body.value).toHaveLength(1); // nothing created

  const put = await a.call("PUT", `${groups(name)}/reader`, { body: { properties: { name: "reader" } } });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({
    id: `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups/reader`,
    name: "reader",
    type: "Microsoft.Devices/IotHubs/EventHubEndpoints/ConsumerGroups",
    etag: null,
  });
  expect(put.body.properties.created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  const list = await a.call("GET", groups(name));
  expect(list.body.value.map((g: { name: string }) => g.name)).toEqual(["$Default", "reader"]);
  expect(list.body.value[0].id).toMatch(/ConsumerGroups\/%24Default$/);

  // re-PUT is idempotent: 200, same group, no etag change
  const before = (await a.call("GET", hubPath(name))).body.etag;
  const again = await a.call("PUT", `${groups(name)}/reader`, { body: { properties: { name: "reader" } } });
  expect(again.status).toBe(200);
  expect(again.body.properties.created).toBe(put.body.properties.created);
  expect((await a.call("GET", hubPath(name))).body.etag).toBe(before);
});

test("create and delete change the hub etag", async () => {
  const a = arm();
  const name = await activeHub(a);
  const e0 = (await a.call("GET", hubPath(name))).body.etag;
  await a.call("PUT", `${groups(name)}/one`, { body: { properties: { name: "one" } } });
  const e1 = (await a.call("GET", hubPath(name))).body.etag;
  await a.call("DELETE", `${groups(name)}/one`);
  const e2 = (await a.call("GET", hubPath(name))).body.etag;
  expect(new Set([e0, e1, e2]).size).toBe(3);
});

test("writes while the hub transitions answer 409 IH409002; reads still work", async () => {
  // On a clock that only the test moves: the transition lasts until the test says so, however loaded the machine.
  const time = new ManualTime();
  const a = new TestArm(await startEmulator({ clock: time, scheduler: time, provisioningMs: 60_000, retryAfterSeconds: 0 }));
  try {
    a.emulator.outOfBand.createResourceGroup({ subscriptionId: SUB, name: RG });
    const name = uniqueHubName("cg");
    expect((await a.call("PUT", hubPath(name), { body: hubBody(V2023) })).status).toBe(201);
    time.advance(2 * 60_000); // Accepted, Activating → Active
    const update = await a.call("PUT", hubPath(name), { body: { location: "westus", sku: { name: "S1", capacity: 2 } } });
    expect(update.status).toBe(200);
    const put = await a.call("PUT", `${groups(name)}/late`, { body: { properties: { name: "late" } } });
    expect(put.status).toBe(409);
    expect(put.body.code).toBe(409002);
    const del = await a.call("DELETE", `${groups(name)}/$Default`);
    expect(del.status).toBe(409);
    expect((await a.call("GET", groups(name))).status).toBe(200);
    time.advance(60_000); // the update's transition ends
    expect((await a.call("GET", update.headers.get("azure-asyncoperation")!)).body.status).toBe("Succeeded");
    expect((await a.call("PUT", `${groups(name)}/late`, { body: { properties: { name: "late" } } })).status).toBe(200);
  } finally {
    await a.emulator.close();
  }
});

test.each([
  ["invalid characters", "bad name!", 400, 400009],
  ["too long", "x".repeat(51), 400, 400009],
])("a name with %s is refused", async (_why, cg, status, code) => {
  const a = arm();
  const name = await activeHub(a);
  const r = await a.call("PUT", `${groups(name)}/${encodeURIComponent(cg)}`, { body: { properties: { name: cg } } });
  expect(r.status).toBe(status);
  expect(r.body.code).toBe(code);
});

test("$Default cannot be deleted; 20 groups per endpoint besides $Default; unknown endpoint 404", async () => {
  const a = arm();
  const name = await activeHub(a);
  expect((await a.call("DELETE", `${groups(name)}/$Default`)).body.code).toBe(400009);
  for (let i = 1; i <= 20; i++) {
    expect((await a.call("PUT", `${groups(name)}/g${i}`, { body: { properties: { name: `g${i}` } } })).status).toBe(200);
  }
  const over = await a.call("PUT", `${groups(name)}/g21`, { body: { properties: { name: "g21" } } });
  expect(over.status).toBe(400);
  expect(over.body.code).toBe(400013);
  expect((await a.call("GET", groups(name))).body.value).toHaveLength(21);
  expect((await a.call("GET", groups(name, "nope"))).status).toBe(404);
});

test("consumer groups of a missing hub answer ARM 404 ResourceNotFound", async () => {
  const r = await arm().call("GET", groups(uniqueHubName("missing")));
  expect(r.status).toBe(404);
  expect(r.body.error.code).toBe("ResourceNotFound");
});

