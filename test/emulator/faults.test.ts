import { hubBody, hubPath, RG, SUB, uniqueHubName, useEmulator, V2016, V2023, waitFor, type TestArm } from "./helpers";

/** Fault injection, programmatic and through /_emulator (emulator/README.md, "Faults and out-of-band changes"), and
 * out-of-band writes. */
const { arm } = useEmulator({ provisioningMs: 30 });

beforeAll(() => arm().createGroup());
afterEach(() => arm().emulator.faults.clear());

async function activeHub(a: TestArm): Promise<string> {
  const name = uniqueHubName("fault");
  await a.createHub(name);
  return name;
}

const control = (a: TestArm, op: string, body?: unknown): Promise<Response> =>
  fetch(`${a.url}/_emulator/${op}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });

describe("status faults", () => {
  test("429 with Retry-After for the next `times` matching requests, then normal", async () => {
    const a = arm();
    const name = await activeHub(a);
    a.emulator.faults.add({ method: "GET", path: `/IOTHUBS/${name}`, times: 2, action: { kind: "status", status: 429, retryAfterSeconds: 7 } });
    const put = await a.call("PUT", `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups/x`, { body: { properties: { name: "x" } } });
    expect(put.status).toBe(200); // method does not match
    for (let i = 0; i < 2; i++) {
      const r = await a.call("GET", hubPath(name));
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("7");
      expect(r.body.error.code).toBe("TooManyRequests");
      expect(r.headers.get("x-ms-request-id")).toBeTruthy();
    }
    expect((await a.call("GET", hubPath(name))).status).toBe(200);
  });

  test.each([
    [500, 500001, "InternalServerError"],
    [503, 503001, "ServiceUnavailable"],
  ] as const)("%s in the RP's flat shape, both api-versions", async (status, code, codeName) => {
    const a = arm();
    a.emulator.faults.add({ path: /\/IotHubs\/[^/]+$/, times: 2, action: { kind: "status", status } });
    const r2023 = await a.call("GET", hubPath("whatever"), { apiVersion: V2023 });
    expect(r2023.status).toBe(status);
    expect(r2023.body).toMatchObject({ code, httpStatusCode: codeName });
    const r2016 = await a.call("GET", hubPath("whatever"), { apiVersion: V2016 });
    expect(r2016.body).toMatchObject({ Code: codeName, HttpStatusCode: codeName });
  });

  test("429 with Retry-After as an HTTP date: whole seconds, never sooner than asked", async () => {
    const a = arm();
    a.emulator.faults.add({ method: "GET", path: "/IotHubs/", action: { kind: "status", status: 429, retryAfterSeconds: 3, retryAfterAs: "httpDate" } });
    const sent = Date.now();
    const r = await a.call("GET", hubPath("whatever"));
    expect(r.status).toBe(429);
    const header = r.headers.get("retry-after")!;
    expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const waitMs = Date.parse(header) - sent;
    expect(waitMs).toBeGreaterThanOrEqual(3_000);
    expect(waitMs).toBeLessThanOrEqual(4_500);
    expect(r.body.error.code).toBe("TooManyRequests");
  });

  test("operationOf singles out the operation URLs of one hub's long-running operation", async () => {
    const a = arm();
    const [mine, other] = [uniqueHubName("op"), uniqueHubName("op")];
    a.emulator.faults.add({ method: "GET", operationOf: mine, times: 2, action: { kind: "status", status: 500 } });
    const theirs = await a.call("PUT", hubPath(other), { body: hubBody(V2023) });
    expect((await a.call("GET", theirs.headers.get("azure-asyncoperation")!)).status).toBe(200); // another hub's operation
    const put = await a.call("PUT", hubPath(mine), { body: hubBody(V2023) });
    expect((await a.call("GET", hubPath(mine))).status).toBe(200); // the hub itself is no operation URL
    expect((await a.call("GET", put.headers.get("azure-asyncoperation")!)).status).toBe(500);
    const location = put.headers.get("azure-asyncoperation")!.replace("&asyncinfo", ""); // the Location form of the URL
    expect((await a.call("GET", location)).status).toBe(500);
    expect((await a.waitForOperation(put.headers.get("azure-asyncoperation")!)).body.status).toBe("Succeeded");
  });

  test("a faulted PUT changes nothing", async () => {
    const a = arm();
    const name = uniqueHubName("fault");
    a.emulator.faults.add({ method: "PUT", action: { kind: "status", status: 500 } });
    expect((await a.call("PUT", hubPath(name), { body: hubBody(V2023) })).status).toBe(500);
    expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name })).toBeUndefined();
  });
});

test("drop destroys the connection without an answer, once", async () => {
  const a = arm();
  a.emulator.faults.add({ path: "/resourcegroups/", action: { kind: "drop" } });
  await expect(a.call("GET", `/subscriptions/${SUB}/resourcegroups/${RG}`, { apiVersion: "2021-04-01" })).rejects.toThrow();
  expect((await a.call("GET", `/subscriptions/${SUB}/resourcegroups/${RG}`, { apiVersion: "2021-04-01" })).status).toBe(200);
});

test("dropAnswer carries the request out, then drops the connection instead of answering", async () => {
  const a = arm();
  const name = uniqueHubName("lost");
  a.emulator.faults.add({ method: "PUT", path: name, action: { kind: "dropAnswer" } });
  await expect(a.call("PUT", hubPath(name), { body: hubBody(V2023) })).rejects.toThrow();
  expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name })).toBeDefined();
  // The same create again, as a retry would send it, now meets the hub that the lost answer created.
  const again = await a.call("PUT", hubPath(name), { body: hubBody(V2023), headers: { "If-None-Match": "*" } });
  expect(again.status).toBe(412);
});

test("onMatch tells the test a request is being held by a delay, before it is answered", async () => {
  const a = arm();
  let answered = false;
  const held = new Promise<boolean>((resolve) =>
    a.emulator.faults.add({ path: "/resourcegroups/", action: { kind: "delay", ms: 300 }, onMatch: () => resolve(answered) }),
  );
  const call = a.call("GET", `/subscriptions/${SUB}/resourcegroups/${RG}`, { apiVersion: "2021-04-01" }).then((r) => ((answered = true), r));
  expect(await held).toBe(false);
  expect((await call).status).toBe(200);
});

test("delay answers normally after the given time", async () => {
  const a = arm();
  a.emulator.faults.add({ path: "/resourcegroups/", action: { kind: "delay", ms: 150 } });
  const started = Date.now();
  const r = await a.call("GET", `/subscriptions/${SUB}/resourcegroups/${RG}`, { apiVersion: "2021-04-01" });
  expect(r.status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});

test("hubNotActive answers 409 IH409002 naming the hub, and changes nothing", async () => {
  const a = arm();
  const name = await activeHub(a);
  const before = (await a.call("GET", hubPath(name))).body.etag;
  a.emulator.faults.add({ method: "PUT", path: name, action: { kind: "hubNotActive" } });
  const r = await a.call("PUT", hubPath(name), { body: { ...hubBody(V2023), tags: { a: "b" } } });
  expect(r.status).toBe(409);
  expect(r.body.code).toBe(409002);
  expect(r.body.message).toMatch(new RegExp(`^${name} is not currently in Active state`));
  expect((await a.call("GET", hubPath(name))).body.etag).toBe(before);
});

test("notFoundAfterUpdate: after the next update succeeds, the next N GETs answer ARM 404", async () => {
  const a = arm();
  const name = await activeHub(a);
  a.emulator.faults.notFoundAfterUpdate({ hubName: name, gets: 2 });
  expect((await a.call("GET", hubPath(name))).status).toBe(200); // armed, not yet triggered
  const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  expect((await a.call("GET", hubPath(name))).status).toBe(200); // update still running
  expect((await a.waitForOperation(put.headers.get("azure-asyncoperation")!)).body.status).toBe("Succeeded");
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await a.call("GET", hubPath(name))).status);
  expect(statuses).toEqual([404, 404, 200]);
});

test("failNextOperation on a delete leaves a working hub marked Failed", async () => {
  const a = arm();
  const name = await activeHub(a);
  a.emulator.faults.failNextOperation({ hubName: name });
  const del = await a.call("DELETE", hubPath(name));
  const status = await a.waitForOperation(del.headers.get("azure-asyncoperation")!);
  expect(status.body).toEqual({ status: "Failed", error: { code: "InternalServerError", message: expect.stringContaining("failNextOperation") } });
  const hub = await a.call("GET", hubPath(name));
  expect(hub.body.properties).toMatchObject({ state: "Active", provisioningState: "Failed" });
});

test("clear removes every rule and armed fault", async () => {
  const a = arm();
  const name = await activeHub(a);
  a.emulator.faults.add({ action: { kind: "status", status: 503 }, times: 5 });
  a.emulator.faults.failNextOperation({ hubName: name });
  a.emulator.faults.clear();
  const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  expect(put.status).toBe(200);
  expect((await a.waitForOperation(put.headers.get("azure-asyncoperation")!)).body.status).toBe("Succeeded");
});

describe("out of band (another client)", () => {
  test("updateHub bumps the etag, so a client's If-Match with the old etag gets 412", async () => {
    const a = arm();
    const name = await activeHub(a);
    const old = (await a.call("GET", hubPath(name))).body.etag;
    a.emulator.outOfBand.updateHub({ subscriptionId: SUB, resourceGroup: RG, name, mutate: (hub) => (hub.tags = { by: "someone else" }) });
    const now = await a.call("GET", hubPath(name));
    expect(now.body.tags).toEqual({ by: "someone else" });
    expect(now.body.etag).not.toBe(old);
    const r = await a.call("PUT", hubPath(name), { body: hubBody(V2023), headers: { "if-match": old } });
    expect(r.status).toBe(412);
  });

  test("startTransition makes writes answer 409 for ms, then the hub is Active again", async () => {
    const a = arm();
    const name = await activeHub(a);
    a.emulator.outOfBand.startTransition({ subscriptionId: SUB, resourceGroup: RG, name, ms: 80 });
    expect((await a.call("GET", hubPath(name))).body.properties.state).toBe("Transitioning");
    expect((await a.call("PUT", hubPath(name), { body: hubBody(V2023) })).status).toBe(409);
    expect((await a.call("DELETE", hubPath(name))).status).toBe(409);
    await waitFor(async () => (await a.call("GET", hubPath(name))).body.properties.state === "Active", { what: "the hub to be Active again" });
    expect((await a.call("PUT", `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups/ok`, { body: { properties: { name: "ok" } } })).status).toBe(200);
  });

  test("consumer groups created and deleted out of band show in lists and bump the etag; deleteHub is immediate", async () => {
    const a = arm();
    const name = await activeHub(a);
    const e0 = (await a.call("GET", hubPath(name))).body.etag;
    const where = { subscriptionId: SUB, resourceGroup: RG, hubName: name };
    a.emulator.outOfBand.createConsumerGroup({ ...where, name: "theirs" });
    expect(a.emulator.outOfBand.listConsumerGroups(where)).toEqual(["$Default", "theirs"]);
    const listed = await a.call("GET", `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups`, { apiVersion: V2016 });
    expect(listed.body.value).toEqual(["$Default", "theirs"]);
    const e1 = (await a.call("GET", hubPath(name))).body.etag;
    a.emulator.outOfBand.deleteConsumerGroup({ ...where, name: "theirs" });
    expect(a.emulator.outOfBand.listConsumerGroups(where)).toEqual(["$Default"]);
    expect(new Set([e0, e1, (await a.call("GET", hubPath(name))).body.etag]).size).toBe(3);

    a.emulator.outOfBand.deleteHub({ subscriptionId: SUB, resourceGroup: RG, name });
    expect((await a.call("GET", hubPath(name))).status).toBe(404);
    expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name })).toBeUndefined();
  });

  test("getHub returns the raw stored hub, keys included", async () => {
    const a = arm();
    const name = await activeHub(a);
    const raw = a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name });
    expect(raw.properties.authorizationPolicies).toHaveLength(5);
    expect(raw.properties.authorizationPolicies[0].primaryKey).toBeTruthy();
    raw.tags = { mutated: "copy" }; // a copy: the store is unaffected
    expect((await a.call("GET", hubPath(name))).body.tags).toEqual({});
  });

  test("a hub deleted out of band under a running create ends the operation Failed", async () => {
    const a = arm();
    const name = uniqueHubName("fault");
    const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
    a.emulator.outOfBand.deleteHub({ subscriptionId: SUB, resourceGroup: RG, name });
    const status = await a.waitForOperation(put.headers.get("azure-asyncoperation")!);
    expect(status.body).toMatchObject({ status: "Failed", error: { code: "ResourceNotFound" } });
  });
});

describe("control route /_emulator (JSON, no auth)", () => {
  test("health", async () => {
    const r = await fetch(`${arm().url}/_emulator/health`);
    expect(await r.json()).toEqual({ status: "ok" });
  });

  test("faults/add with a path regex, then faults/clear", async () => {
    const a = arm();
    expect((await control(a, "faults/add", { pathRegex: "/resourcegroups/[^/]+$", times: 3, action: { kind: "status", status: 503, retryAfterSeconds: 2 } })).status).toBe(204);
    const r = await a.call("GET", `/subscriptions/${SUB}/resourceGroups/${RG}`, { apiVersion: "2021-04-01" });
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("2");
    expect((await control(a, "faults/clear")).status).toBe(204);
    expect((await a.call("GET", `/subscriptions/${SUB}/resourceGroups/${RG}`, { apiVersion: "2021-04-01" })).status).toBe(200);
  });

  test("faults/failNextOperation and faults/notFoundAfterUpdate", async () => {
    const a = arm();
    const name = await activeHub(a);
    await control(a, "faults/failNextOperation", { hubName: name, code: "Boom", message: "no" });
    const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
    expect((await a.waitForOperation(put.headers.get("azure-asyncoperation")!)).body).toEqual({ status: "Failed", error: { code: "Boom", message: "no" } });
    await control(a, "faults/notFoundAfterUpdate", { hubName: name, gets: 1 });
    const put2 = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
    await a.waitForOperation(put2.headers.get("azure-asyncoperation")!);
    expect((await a.call("GET", hubPath(name))).status).toBe(404);
    expect((await a.call("GET", hubPath(name))).status).toBe(200);
  });

  test("outOfBand/updateHub deep-merges a patch; getHub, startTransition, consumer groups, deleteHub", async () => {
    const a = arm();
    const name = await activeHub(a);
    const where = { subscriptionId: SUB, resourceGroup: RG, name };
    expect((await control(a, "outOfBand/updateHub", { ...where, patch: { tags: { via: "control" }, properties: { comments: "hi" } } })).status).toBe(204);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answer asserted field by field
    const got: any = await (await control(a, "outOfBand/getHub", where)).json();
    expect(got.result.tags).toEqual({ via: "control" });
    expect(got.result.properties.comments).toBe("hi");
    expect(got.result.properties.hostName).toBe(`${name}.azure-devices.net`); // merged, not replaced
    await control(a, "outOfBand/createConsumerGroup", { subscriptionId: SUB, resourceGroup: RG, hubName: name, name: "cg1" });
    const listed = (await (await control(a, "outOfBand/listConsumerGroups", { subscriptionId: SUB, resourceGroup: RG, hubName: name })).json()) as { result: string[] };
    expect(listed.result).toEqual(["$Default", "cg1"]);
    await control(a, "outOfBand/startTransition", { ...where, ms: 60 });
    expect((await a.call("PUT", hubPath(name), { body: hubBody(V2023) })).status).toBe(409);
    await waitFor(async () => (await a.call("GET", hubPath(name))).body.properties.state === "Active", { what: "the transition to end" });
    await control(a, "outOfBand/deleteHub", where);
    expect((await a.call("GET", hubPath(name))).status).toBe(404);
  });

  test("bad control requests answer 400/405 with an error envelope", async () => {
    const a = arm();
    const unknown = await control(a, "faults/nope");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain("faults/nope");
    expect((await control(a, "outOfBand/deleteHub", { subscriptionId: SUB, resourceGroup: RG, name: "ghost" })).status).toBe(400);
    expect((await control(a, "faults/add", { times: 1 })).status).toBe(400);
    expect((await fetch(`${a.url}/_emulator/faults/clear`)).status).toBe(405);
  });
});
