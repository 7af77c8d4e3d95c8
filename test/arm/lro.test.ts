/**
 * Long-running operations as ordered response tables (docs/IOTHUB-ARM.md, "Long-running operations"): each test lists
 * what the service answers, then checks the requests that went out, the waits between them and the result.
 */
import { API, ENDPOINT, HUB_PATH, SUB, caught, fakeTime, lines, mockAgent, q, script, testClient } from "./helpers";
import { isArmError, type ArmResponse, type LroOptions } from "../../provider/arm";

const OP_PATH = `/subscriptions/${SUB}/providers/Microsoft.Devices/locations/westus/operationResults/b3A=?api-version=${API}&operationSource=other&asyncinfo`;
const LOC_PATH = `/subscriptions/${SUB}/providers/Microsoft.Devices/locations/westus/operationResults/b3A=?api-version=${API}&operationSource=other`;
const OP_URL = ENDPOINT + OP_PATH;
const LOC_URL = ENDPOINT + LOC_PATH;
const HUB = { name: "hub1", etag: "AAAADH84KNE=", properties: { state: "Active", provisioningState: "Succeeded" } };

function setup() {
  const agent = mockAgent();
  const time = fakeTime();
  const client = testClient(agent, time);
  return { agent, time, client };
}

const put = (o: Partial<LroOptions> = {}): LroOptions => ({ method: "PUT", resourcePath: HUB_PATH, apiVersion: API, timeoutInMs: 600_000, ...o });

async function start(client: ReturnType<typeof setup>["client"], method: "PUT" | "DELETE" | "PATCH" | "POST", path = HUB_PATH, body?: unknown): Promise<ArmResponse> {
  return client.request({ method, path, apiVersion: API, body, idempotent: true });
}

describe("Azure-AsyncOperation mode", () => {
  test("PUT: 201 + Azure-AsyncOperation → Running, InProgress, Succeeded → final GET of the hub", async () => {
    const { agent, time, client } = setup();
    const arrived = script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: { properties: { provisioningState: "Accepted" } }, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Running" } },
      { method: "GET", path: OP_PATH, body: { status: "InProgress" } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    const first = await start(client, "PUT", HUB_PATH, { location: "westus" });
    const result = await client.waitForOperation(first, put());
    expect(result).toEqual(HUB);
    expect(lines(arrived)).toEqual([`PUT ${q(HUB_PATH)}`, `GET ${OP_PATH}`, `GET ${OP_PATH}`, `GET ${OP_PATH}`, `GET ${q(HUB_PATH)}`]);
    expect(time.waits).toEqual([1000, 1000, 2000]);
    agent.assertNoPendingInterceptors();
  });

  test("honours Retry-After on the first response and on each poll", async () => {
    const { agent, time, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL, "retry-after": "3" } },
      { method: "GET", path: OP_PATH, body: { status: "Running" }, headers: { "retry-after": "7" } },
      { method: "GET", path: OP_PATH, body: { status: "Running" } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    await client.waitForOperation(await start(client, "PUT"), put());
    // 3 s (first response), 7 s (first poll), then the schedule resumes at its third entry.
    expect(time.waits).toEqual([3000, 7000, 2000]);
    agent.assertNoPendingInterceptors();
  });

  test("Retry-After as an HTTP date while polling", async () => {
    const { agent, time, client } = setup();
    const in9s = new Date(time.startedAt + 9000).toUTCString();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL, "retry-after": in9s } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    await client.waitForOperation(await start(client, "PUT"), put());
    expect(time.waits).toEqual([9000]);
  });

  test("absurd Retry-After values are clamped to [500 ms, 60 s]; 0 and unreadable ones fall back to the schedule", async () => {
    const { agent, time, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL, "retry-after": "86400000" } },
      { method: "GET", path: OP_PATH, body: { status: "Running" }, headers: { "retry-after": "0" } },
      { method: "GET", path: OP_PATH, body: { status: "Running" }, headers: { "retry-after": "Fri, 31 Dec 9999 23:59:59 GMT" } },
      { method: "GET", path: OP_PATH, body: { status: "Running" }, headers: { "retry-after-ms": "10" } },
      { method: "GET", path: OP_PATH, body: { status: "Running" }, headers: { "retry-after": "soon" } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    await client.waitForOperation(await start(client, "PUT"), put({ timeoutInMs: 3_600_000 }));
    // 60 s ceiling; "0" → schedule[1]; a date in year 9999 → ceiling; 10 ms → 500 ms floor; "soon" → schedule[4].
    expect(time.waits).toEqual([60_000, 1000, 60_000, 500, 3000]);
  });

  test("DELETE: 202 + Azure-AsyncOperation + Location, body null → Running, Succeeded → no final GET", async () => {
    const { agent, client } = setup();
    const arrived = script(agent, [
      { method: "DELETE", path: q(HUB_PATH), status: 202, body: "null", headers: { "azure-asyncoperation": OP_URL, location: LOC_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Running" } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
    ]);
    const result = await client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" }));
    expect(result).toBeUndefined();
    expect(lines(arrived)).toEqual([`DELETE ${q(HUB_PATH)}`, `GET ${OP_PATH}`, `GET ${OP_PATH}`]);
    agent.assertNoPendingInterceptors();
  });

  test("status words are matched case-insensitively (succeeded, CANCELLED)", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "activating" } },
      { method: "GET", path: OP_PATH, body: { status: "succeeded" } },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    await expect(client.waitForOperation(await start(client, "PUT"), put())).resolves.toEqual(HUB);
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "CANCELLED" } },
    ]);
    const error = await caught(async () => client.waitForOperation(await start(client, "PUT"), put()));
    expect(error.code).toBe("OperationCanceled");
    agent.assertNoPendingInterceptors();
  });

  test("Failed becomes an ArmError with the operation's code and message", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Running" } },
      {
        method: "GET",
        path: OP_PATH,
        body: { status: "Failed", error: { code: "IH400016", message: "Invalid PartitionCount 4 - value must be between 2 and 2" } },
        headers: { "x-ms-request-id": "req-7" },
      },
    ]);
    const error = await caught(async () => client.waitForOperation(await start(client, "PUT"), put()));
    expect(isArmError(error)).toBe(true);
    expect(error.code).toBe("IH400016");
    expect(error.message).toContain("ended Failed: IH400016: Invalid PartitionCount 4");
    expect(error.message).toContain("[x-ms-request-id: req-7]");
    expect(error.requestId).toBe("req-7");
    agent.assertNoPendingInterceptors();
  });

  test("Failed whose error names the IH code in its message is known by that code, as a direct answer would be", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Failed", error: { code: "Conflict", message: "hub1 is not currently in Active state. errorcode: IH409002." } } },
    ]);
    const error = await caught(async () => client.waitForOperation(await start(client, "PUT"), put()));
    expect(error.code).toBe("IH409002");
    expect(error.message).toContain("ended Failed: IH409002 (Conflict): hub1 is not currently in Active state");
  });

  test.each([
    [200, {}, "done"],
    [204, undefined, "done"],
    [202, {}, "running, then done"],
  ])("a status answer %i without a status word: 202 is running, any other success is done", async (status, body, _outcome) => {
    const { agent, client } = setup();
    const steps: unknown[] = [
      { method: "DELETE", path: q(HUB_PATH), status: 202, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, status, body },
    ];
    if (status === 202) steps.push({ method: "GET", path: OP_PATH, body: { status: "Succeeded" } });
    script(agent, steps as never);
    await expect(client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" }))).resolves.toBeUndefined();
    agent.assertNoPendingInterceptors();
  });

  test("Failed without an error object still names the outcome", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "DELETE", path: q(HUB_PATH), status: 202, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Failed" } },
    ]);
    const error = await caught(async () => client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" })));
    expect(error.code).toBe("OperationFailed");
  });

  test("a transient 503 while polling is retried, not reported as the operation's failure", async () => {
    const { agent, time, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, status: 503, body: { error: { code: "ServiceUnavailable", message: "busy" } }, headers: { "retry-after": "2" } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    await expect(client.waitForOperation(await start(client, "PUT"), put())).resolves.toEqual(HUB);
    expect(time.waits).toEqual([1000, 2000]);
  });

  test("an Azure-AsyncOperation URL on another origin is refused before any request", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": "https://evil.example.com/op?x" } },
    ]);
    const error = await caught(async () => client.waitForOperation(await start(client, "PUT"), put()));
    expect(error.code).toBe("ForeignOrigin");
    agent.assertNoPendingInterceptors();
  });

  test("the final GET after success reports a 404 like any error: the hub's post-update 404 is the hub wait's to ride out", async () => {
    const { agent, client } = setup();
    const notFound = { error: { code: "ResourceNotFound", message: "The Resource 'Microsoft.Devices/IotHubs/hub1' under resource group 'rg1' was not found." } };
    const arrived = script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
      { method: "GET", path: q(HUB_PATH), status: 404, body: notFound },
    ]);
    const error = await caught(async () => client.waitForOperation(await start(client, "PUT"), put()));
    expect(error.statusCode).toBe(404);
    expect(arrived).toHaveLength(3);
  });

  test("fetchResult false: the wait ends at the terminal status and reads nothing more", async () => {
    const { agent, client } = setup();
    const arrived = script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
    ]);
    await expect(client.waitForOperation(await start(client, "PUT"), put({ fetchResult: false }))).resolves.toBeUndefined();
    expect(lines(arrived)).toEqual([`PUT ${q(HUB_PATH)}`, `GET ${OP_PATH}`]);
    agent.assertNoPendingInterceptors();
  });
});

describe("Location mode", () => {
  test("DELETE: 202 + Location → 202 → 204, nothing returned", async () => {
    const { agent, time, client } = setup();
    const arrived = script(agent, [
      { method: "DELETE", path: q(HUB_PATH), status: 202, headers: { location: LOC_URL, "retry-after": "1" } },
      { method: "GET", path: LOC_PATH, status: 202, headers: { "retry-after": "1" } },
      { method: "GET", path: LOC_PATH, status: 204 },
    ]);
    const result = await client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" }));
    expect(result).toBeUndefined();
    expect(lines(arrived)).toEqual([`DELETE ${q(HUB_PATH)}`, `GET ${LOC_PATH}`, `GET ${LOC_PATH}`]);
    expect(time.waits).toEqual([1000, 1000]);
    agent.assertNoPendingInterceptors();
  });

  test("POST: 202 + Location → 200 with the result, which is returned", async () => {
    const { agent, client } = setup();
    const path = `${HUB_PATH}/exportDevices`;
    script(agent, [
      { method: "POST", path: q(path), status: 202, headers: { location: LOC_URL } },
      { method: "GET", path: LOC_PATH, status: 200, body: { jobId: "j1", status: "enqueued" } },
    ]);
    const first = await client.request({ method: "POST", path, apiVersion: API });
    await expect(client.waitForOperation(first, put({ method: "POST", resourcePath: path }))).resolves.toEqual({ jobId: "j1", status: "enqueued" });
    agent.assertNoPendingInterceptors();
  });

  test("PUT: 201 + Location → 200 → final GET of the resource", async () => {
    const { agent, client } = setup();
    const arrived = script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, headers: { location: LOC_URL } },
      { method: "GET", path: LOC_PATH, status: 200, body: {} },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    await expect(client.waitForOperation(await start(client, "PUT"), put())).resolves.toEqual(HUB);
    expect(arrived).toHaveLength(3);
  });

  test("a Location without api-version gets the request's api-version", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "DELETE", path: q(HUB_PATH), status: 202, headers: { location: `${ENDPOINT}/operationResults/x` } },
      { method: "GET", path: `/operationResults/x?api-version=${API}`, status: 200 },
    ]);
    await client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" }));
    agent.assertNoPendingInterceptors();
  });
});

describe("provisioningState mode (no operation headers)", () => {
  test("PUT: 201 Accepted in the body → GET Activating → GET Succeeded; that last GET is the result", async () => {
    const { agent, client } = setup();
    const done = { ...HUB, properties: { provisioningState: "Succeeded", state: "Active" } };
    const arrived = script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: { properties: { provisioningState: "Accepted" } } },
      { method: "GET", path: q(HUB_PATH), body: { properties: { provisioningState: "Activating" } } },
      { method: "GET", path: q(HUB_PATH), body: done },
    ]);
    await expect(client.waitForOperation(await start(client, "PUT"), put())).resolves.toEqual(done);
    expect(lines(arrived)).toEqual([`PUT ${q(HUB_PATH)}`, `GET ${q(HUB_PATH)}`, `GET ${q(HUB_PATH)}`]);
    agent.assertNoPendingInterceptors();
  });

  test("PATCH: 200 Updating → GET Succeeded", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PATCH", path: q(HUB_PATH), status: 200, body: { properties: { provisioningState: "Updating" } } },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    await expect(client.waitForOperation(await start(client, "PATCH", HUB_PATH, { tags: {} }), put({ method: "PATCH" }))).resolves.toEqual(HUB);
    agent.assertNoPendingInterceptors();
  });

  test("PUT Failed in the body becomes an ArmError", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: { properties: { provisioningState: "Accepted" } } },
      { method: "GET", path: q(HUB_PATH), body: { properties: { provisioningState: "Failed" } } },
    ]);
    const error = await caught(async () => client.waitForOperation(await start(client, "PUT"), put()));
    expect(error.code).toBe("OperationFailed");
  });

  test("DELETE: 202 without headers → GET Deleting → GET 404 means gone", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "DELETE", path: q(HUB_PATH), status: 202 },
      { method: "GET", path: q(HUB_PATH), body: { properties: { provisioningState: "Deleting", state: "Deleting" } } },
      { method: "GET", path: q(HUB_PATH), status: 404, body: { error: { code: "ResourceNotFound", message: "gone" } } },
    ]);
    await expect(client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" }))).resolves.toBeUndefined();
    agent.assertNoPendingInterceptors();
  });
});

describe("already final", () => {
  test("PUT 200 with Succeeded (a synchronous update) needs no further request", async () => {
    const { agent, time, client } = setup();
    script(agent, [{ method: "PUT", path: q(HUB_PATH), status: 200, body: HUB }]);
    await expect(client.waitForOperation(await start(client, "PUT"), put())).resolves.toEqual(HUB);
    expect(time.waits).toEqual([]);
    agent.assertNoPendingInterceptors();
  });

  test("DELETE 200 without headers is done", async () => {
    const { agent, client } = setup();
    script(agent, [{ method: "DELETE", path: q(HUB_PATH), status: 200 }]);
    await expect(client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" }))).resolves.toBeUndefined();
  });
});

describe("time limits, abort and progress", () => {
  test("the default schedule without Retry-After: 1, 1, 2, 2, 3, then 5 s", async () => {
    const { agent, time, client } = setup();
    const steps = [{ method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } }];
    for (let i = 0; i < 9; i++) steps.push({ method: "GET", path: OP_PATH, body: { status: "Running" } } as never);
    steps.push({ method: "GET", path: OP_PATH, body: { status: "Succeeded" } } as never);
    steps.push({ method: "GET", path: q(HUB_PATH), body: HUB } as never);
    script(agent, steps);
    await client.waitForOperation(await start(client, "PUT"), put());
    expect(time.waits).toEqual([1000, 1000, 2000, 2000, 3000, 5000, 5000, 5000, 5000, 5000]);
  });

  test("overall timeout: the last poll happens at the deadline, then OperationTimedOut", async () => {
    const { agent, time, client } = setup();
    const steps = [{ method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } }];
    for (let i = 0; i < 5; i++) steps.push({ method: "GET", path: OP_PATH, body: { status: "Running" } } as never);
    script(agent, steps);
    const error = await caught(async () => client.waitForOperation(await start(client, "PUT"), put({ timeoutInMs: 8000 })));
    expect(error.code).toBe("OperationTimedOut");
    expect(error.statusCode).toBe(0);
    // Polls at 1, 2, 4, 6 and 8 s (the 3 s step cut to the 2 s left).
    expect(time.waits).toEqual([1000, 1000, 2000, 2000, 2000]);
    expect(time.now() - time.startedAt).toBe(8000);
    agent.assertNoPendingInterceptors();
  });

  test.each([NaN, Infinity, 0, -5])("a timeout of %p ms is refused before any poll", async (timeoutInMs) => {
    const { agent, client } = setup();
    script(agent, [{ method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } }]);
    const error = await caught(async () => client.waitForOperation(await start(client, "PUT"), put({ timeoutInMs })));
    expect(error.code).toBe("InvalidArgument");
    agent.assertNoPendingInterceptors();
  });

  test("an AbortSignal stops the wait and no further request is sent", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Running" } },
    ]);
    const controller = new AbortController();
    const first = await start(client, "PUT");
    const error = await caught(() =>
      client.waitForOperation(first, put({ signal: controller.signal, onProgress: () => controller.abort(new Error("user pressed ^C")) })),
    );
    expect(error.code).toBe("RequestAborted");
    expect(error.cause).toEqual(new Error("user pressed ^C"));
    agent.assertNoPendingInterceptors();
  });

  test("an already aborted signal sends nothing", async () => {
    const { agent, client } = setup();
    script(agent, [{ method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } }]);
    const first = await start(client, "PUT");
    const controller = new AbortController();
    controller.abort();
    expect((await caught(() => client.waitForOperation(first, put({ signal: controller.signal })))).code).toBe("RequestAborted");
  });

  test("progress is reported after every poll with the service's word, elapsed time and count", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {}, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Running" } },
      { method: "GET", path: OP_PATH, body: { status: "Running" } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
      { method: "GET", path: q(HUB_PATH), body: HUB },
    ]);
    const progress: unknown[] = [];
    await client.waitForOperation(await start(client, "PUT"), put({ onProgress: (p) => progress.push(p) }));
    expect(progress).toEqual([
      { status: "Running", elapsedMs: 1000, polls: 1 },
      { status: "Running", elapsedMs: 2000, polls: 2 },
      { status: "Succeeded", elapsedMs: 4000, polls: 3 },
    ]);
  });

  test("a custom polling schedule (the benchmark scales time with it)", async () => {
    const agent = mockAgent();
    const time = fakeTime();
    const client = testClient(agent, time, { pollingScheduleInMs: [100, 250] });
    script(agent, [
      { method: "DELETE", path: q(HUB_PATH), status: 202, headers: { "azure-asyncoperation": OP_URL } },
      { method: "GET", path: OP_PATH, body: { status: "Deleting" } },
      { method: "GET", path: OP_PATH, body: { status: "Deleting" } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
    ]);
    await client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" }));
    expect(time.waits).toEqual([100, 250, 250]);
  });
});

describe("links handed out by the service", () => {
  test("a relative Azure-AsyncOperation URL (with its own query) is resolved against the endpoint", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "DELETE", path: q(HUB_PATH), status: 202, headers: { "azure-asyncoperation": OP_PATH } },
      { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
    ]);
    await expect(client.waitForOperation(await start(client, "DELETE"), put({ method: "DELETE" }))).resolves.toBeUndefined();
    agent.assertNoPendingInterceptors();
  });
});
