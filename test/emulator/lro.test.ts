import { hubBody, hubPath, uniqueHubName, useEmulator, V2016, V2023, waitFor, type Reply, type TestArm } from "./helpers";

/**
 * Long-running operations as ordered sequences (docs/IOTHUB-ARM.md, "Long-running operations", "Hub states"): what GET
 * of the hub and the Azure-AsyncOperation URL show over time. provisioningMs is 400 here so a 3 ms poll sees every
 * phase even when the machine is busy (at 100 ms, a loaded two-core run once missed the whole `Deleting` phase
 * between the DELETE and the first look). Two GETs every 3 ms are several hundred reads a second, far beyond ARM's read bucket (250, refilled 25/s;
 * emulator/README.md "Throttling"), so this file gets a read bucket that never runs dry.
 */
const { arm } = useEmulator({ provisioningMs: 400, retryAfterSeconds: 2, throttling: { reads: { capacity: 1_000_000 } } });

beforeAll(() => arm().createGroup());

interface Observation {
  provisioningStates: string[];
  states: string[];
  statuses: string[];
  etags: string[];
  /** hub state at the first poll that said Succeeded */
  stateWhenSucceeded?: string | number;
}

/** Polls hub and status URL together until the status is terminal; collapses repeats. */
async function observe(a: TestArm, name: string, statusUrl: string, apiVersion = V2023): Promise<Observation> {
  const o: Observation = { provisioningStates: [], states: [], statuses: [], etags: [] };
  const push = (list: string[], v: string): void => {
    if (list[list.length - 1] !== v) list.push(v);
  };
  const record = async (): Promise<Reply> => {
    const hub = await a.call("GET", hubPath(name), { apiVersion });
    if (hub.status === 200) {
      push(o.provisioningStates, hub.body.properties.provisioningState);
      push(o.states, hub.body.properties.state);
      push(o.etags, hub.body.etag);
    } else {
      push(o.states, `HTTP ${hub.status}`);
    }
    return hub;
  };
  await waitFor(
    async () => {
      await record();
      const status = await a.call("GET", statusUrl);
      push(o.statuses, status.body.status);
      return status.body.status !== "Running";
    },
    { intervalMs: 3, what: "the operation to finish" },
  );
  // the hub as it is once the operation reports its end (Succeeded only once Active again / gone)
  const after = await record();
  o.stateWhenSucceeded = after.status === 200 ? after.body.properties.state : after.status;
  return o;
}

test("create: 201 Accepted without etag, then Accepted → Activating → Active, each with a new etag", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  expect(put.status).toBe(201);
  expect(put.body.properties.provisioningState).toBe("Accepted");
  expect(put.body).not.toHaveProperty("etag");
  expect(put.body.properties).not.toHaveProperty("state"); // nor a state yet (the azure-cli recording)
  expect(put.headers.get("location")).toBeNull(); // the real 201 has only Azure-AsyncOperation (the azure-cli recording)
  const statusUrl = put.headers.get("azure-asyncoperation")!;
  expect(statusUrl).toMatch(/\/providers\/Microsoft\.Devices\/locations\/westus\/operationResults\/[^?]+\?api-version=2023-06-30&operationSource=other&asyncinfo$/);

  const o = await observe(a, name, statusUrl);
  expect(o.provisioningStates).toEqual(["Accepted", "Activating", "Succeeded"]);
  expect(o.states).toEqual(["Activating", "Active"]);
  expect(o.statuses).toEqual(["Running", "Succeeded"]);
  expect(new Set(o.etags).size).toBe(3);
  expect(o.stateWhenSucceeded).toBe("Active");
});

test("update: 200 with etag and Azure-AsyncOperation, Transitioning → Active; writes meanwhile get 409 IH409002", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  await a.createHub(name);
  const put = await a.call("PUT", hubPath(name), { body: { ...hubBody(V2023), tags: { v: "2" } } });
  expect(put.status).toBe(200);
  expect(put.body.etag).toBeDefined();
  expect(put.body.properties).toMatchObject({ state: "Transitioning", provisioningState: "Updating" });
  expect(put.body.tags).toEqual({ v: "2" });

  const again = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ code: 409002, httpStatusCode: "Conflict" });
  expect(again.body.message).toContain(`${name} is not currently in Active state`);

  const o = await observe(a, name, put.headers.get("azure-asyncoperation")!);
  expect(o.provisioningStates).toEqual(["Updating", "Succeeded"]);
  expect(o.states).toEqual(["Transitioning", "Active"]);
  expect(o.statuses).toEqual(["Running", "Succeeded"]);
  expect(o.stateWhenSucceeded).toBe("Active");
});

test("delete: 202 with Azure-AsyncOperation, Location and Retry-After; Deleting → gone; Location 202 then 200", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  await a.createHub(name);
  const del = await a.call("DELETE", hubPath(name));
  expect(del.status).toBe(202);
  expect(del.text).toBe("null"); // the real 202 body is literally null (the azure-cli recording)
  expect(del.headers.get("retry-after")).toBe("2");
  const location = del.headers.get("location")!;
  expect(del.headers.get("azure-asyncoperation")).toBe(`${location}&asyncinfo`);

  const running = await a.call("GET", location);
  expect(running.status).toBe(202);
  expect(running.headers.get("location")).toBe(location);
  expect(running.headers.get("retry-after")).toBe("2");

  const o = await observe(a, name, del.headers.get("azure-asyncoperation")!);
  expect(o.states).toEqual(["Deleting", "HTTP 404"]);
  expect(o.statuses).toEqual(["Running", "Succeeded"]);
  expect(o.stateWhenSucceeded).toBe(404);
  const done = await a.call("GET", location);
  expect(done.status).toBe(200);
});

test("a repeated DELETE while deleting answers 202 with the same operation", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  await a.createHub(name);
  const first = await a.call("DELETE", hubPath(name));
  const second = await a.call("DELETE", hubPath(name));
  expect(second.status).toBe(202);
  expect(second.headers.get("azure-asyncoperation")).toBe(first.headers.get("azure-asyncoperation"));
  await a.waitForOperation(first.headers.get("azure-asyncoperation")!);
});

test("a repeated DELETE with the If-Match of the first attempt gets the same operation, not a 412", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  await a.createHub(name);
  const etag = (await a.call("GET", hubPath(name))).body.etag as string;
  const first = await a.call("DELETE", hubPath(name), { headers: { "If-Match": `"${etag}"` } });
  expect(first.status).toBe(202);
  const retry = await a.call("DELETE", hubPath(name), { headers: { "If-Match": `"${etag}"` } });
  expect(retry.status).toBe(202);
  expect(retry.headers.get("azure-asyncoperation")).toBe(first.headers.get("azure-asyncoperation"));
  await a.waitForOperation(first.headers.get("azure-asyncoperation")!);
});

test("the Location URL of a create gives 202 while running, then 201 with the hub as if synchronous", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  const put = await a.call("PUT", hubPath(name), { apiVersion: V2016, body: hubBody(V2016) });
  const location = put.headers.get("azure-asyncoperation")!.replace("&asyncinfo", "");
  expect((await a.call("GET", location)).status).toBe(202);
  await a.waitForOperation(put.headers.get("azure-asyncoperation")!);
  const done = await a.call("GET", location);
  expect(done.status).toBe(201);
  expect(done.body.properties.state).toBe("Active");
  expect(done.body.properties.eventHubEndpoints.operationsMonitoringEvents).toBeDefined(); // rendered in 2016 shape
});

test("failNextOperation: the status ends Failed with the given error, and the hub can be repaired by a new PUT", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  a.emulator.faults.failNextOperation({ hubName: name, code: "ProvisioningFailed", message: "Injected." });
  const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  const o = await observe(a, name, put.headers.get("azure-asyncoperation")!);
  expect(o.statuses).toEqual(["Running", "Failed"]);
  const status = await a.call("GET", put.headers.get("azure-asyncoperation")!);
  expect(status.body).toEqual({ status: "Failed", error: { code: "ProvisioningFailed", message: "Injected." } });
  const result = await a.call("GET", put.headers.get("azure-asyncoperation")!.replace("&asyncinfo", ""));
  expect(result.status).toBe(500);
  expect(result.body).toEqual({ error: { code: "ProvisioningFailed", message: "Injected." } });
  const hub = await a.call("GET", hubPath(name));
  expect(hub.body.properties).toMatchObject({ state: "ActivationFailed", provisioningState: "Failed" });

  const retry = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  expect(retry.status).toBe(200);
  expect((await a.waitForOperation(retry.headers.get("azure-asyncoperation")!)).body.status).toBe("Succeeded");
  expect((await a.call("GET", hubPath(name))).body.properties.state).toBe("Active");
  // Its Location result repeats what the PUT answered (200), "as if synchronous".
  expect((await a.call("GET", retry.headers.get("azure-asyncoperation")!.replace("&asyncinfo", ""))).status).toBe(200);
});

test("PATCH tags (2023-06-30) runs as an update", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  await a.createHub(name);
  const before = await a.call("GET", hubPath(name));
  const patch = await a.call("PATCH", hubPath(name), { body: { tags: { team: "iot" } } });
  expect(patch.status).toBe(200);
  expect(patch.body.tags).toEqual({ team: "iot" });
  expect(patch.body.etag).not.toBe(before.body.etag);
  const o = await observe(a, name, patch.headers.get("azure-asyncoperation")!);
  expect(o.statuses).toEqual(["Running", "Succeeded"]);
  expect((await a.call("GET", hubPath(name))).body.tags).toEqual({ team: "iot" });
});

test("PATCH honours If-Match as PUT does: 412 IH412001 on a stale etag (nothing changes), 200 on * or the current one", async () => {
  const a = arm();
  const name = uniqueHubName("lro");
  await a.createHub(name);
  const current = (await a.call("GET", hubPath(name))).body.etag as string;
  const stale = await a.call("PATCH", hubPath(name), { body: { tags: { a: "b" } }, headers: { "If-Match": "\"AAAAAAAAAAA=\"" } });
  expect(stale.status).toBe(412);
  expect(stale.body.code).toBe(412001);
  expect((await a.call("GET", hubPath(name))).body.tags ?? {}).toEqual({});
  const ok = await a.call("PATCH", hubPath(name), { body: { tags: { a: "b" } }, headers: { "If-Match": current } });
  expect(ok.status).toBe(200);
  await a.waitForOperation(ok.headers.get("azure-asyncoperation")!);
  const star = await a.call("PATCH", hubPath(name), { body: { tags: { c: "d" } }, headers: { "If-Match": "*" } });
  expect(star.status).toBe(200);
  await a.waitForOperation(star.headers.get("azure-asyncoperation")!);
});

test("an unknown operation id answers ARM 404", async () => {
  const a = arm();
  const r = await a.call("GET", `/subscriptions/x/providers/Microsoft.Devices/locations/westus/operationResults/nope?asyncinfo`);
  expect(r.status).toBe(404);
  expect(r.body.error.code).toBe("OperationNotFound");
});
