import { startEmulator, type EmulatorOptions } from "../../emulator";
import { hubBody, hubPath, OTHER_SUB, RG, SUB, TestArm, V2023, type Reply } from "./helpers";
import { ManualTime } from "./manual-time";

/**
 * ARM's subscription throttling: token buckets per subscription and operation type, refilled from the emulator's
 * clock (emulator/README.md "Throttling"). Every test runs on a clock it moves by hand, so refill is exact.
 */
let time: ManualTime;
let a: TestArm;
const started: TestArm[] = [];

async function start(options: EmulatorOptions = {}): Promise<TestArm> {
  time = new ManualTime();
  a = new TestArm(await startEmulator({ clock: time, scheduler: time, provisioningMs: 10, retryAfterSeconds: 0, ...options }));
  started.push(a);
  for (const sub of [SUB, OTHER_SUB]) a.emulator.outOfBand.createResourceGroup({ subscriptionId: sub, name: RG }); // takes no token
  return a;
}
afterEach(async () => {
  for (const arm of started.splice(0)) await arm.emulator.close();
});

const READS = "x-ms-ratelimit-remaining-subscription-reads";
const WRITES = "x-ms-ratelimit-remaining-subscription-writes";
const DELETES = "x-ms-ratelimit-remaining-subscription-deletes";
const remaining = (r: Reply): Record<string, string | null> => ({
  reads: r.headers.get(READS),
  writes: r.headers.get(WRITES),
  deletes: r.headers.get(DELETES),
});
const groupPath = (sub = SUB, name = RG): string => `/subscriptions/${sub}/resourcegroups/${name}`;
const putGroup = (name: string, sub = SUB): Promise<Reply> => a.call("PUT", groupPath(sub, name), { apiVersion: "2021-04-01", body: { location: "westus" } });
const consumerGroup = (hub: string, cg: string): string => `${hubPath(hub)}/eventHubEndpoints/events/ConsumerGroups/${cg}`;

describe("default buckets (reads 250, writes 200, deletes 200)", () => {
  test("every answer carries the header of its own bucket, counting down one token per request", async () => {
    await start();
    const name = "throttle-headers";
    // reads: GET (found or not), HEAD, the operation status URL
    expect(remaining(await a.call("GET", hubPath(name)))).toEqual({ reads: "249", writes: null, deletes: null });
    expect(remaining(await a.call("GET", hubPath(name)))).toEqual({ reads: "248", writes: null, deletes: null });
    expect((await a.call("HEAD", groupPath(), { apiVersion: "2021-04-01" })).headers.get(READS)).toBe("247");
    // writes: PUT, PATCH and POST, including the POSTs that only read (checkNameAvailability, listkeys)
    const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
    expect(remaining(put)).toEqual({ reads: null, writes: "199", deletes: null });
    expect((await a.call("GET", put.headers.get("azure-asyncoperation")!)).headers.get(READS)).toBe("246");
    const check = await a.call("POST", `/subscriptions/${SUB}/providers/Microsoft.Devices/checkNameAvailability`, { body: { name } });
    expect(check.headers.get(WRITES)).toBe("198");
    time.advance(20); // the hub is Active (2 phases of 10 ms); refill: 20 ms × 10/s = 0.2 token, not a whole one
    expect((await a.call("POST", `${hubPath(name)}/listkeys`)).headers.get(WRITES)).toBe("197");
    expect((await a.call("PATCH", hubPath(name), { body: { tags: { a: "b" } } })).headers.get(WRITES)).toBe("196");
    time.advance(20);
    // deletes
    expect(remaining(await a.call("DELETE", consumerGroup(name, "absent")))).toEqual({ reads: null, writes: null, deletes: "199" });
    expect((await a.call("DELETE", hubPath(name))).headers.get(DELETES)).toBe("198");
  });

  test("error answers are counted too (ARM counts before the RP answers); 401s and paths outside a subscription are not", async () => {
    await start();
    expect((await a.call("GET", hubPath("x"), { apiVersion: "1999" })).headers.get(READS)).toBe("249"); // 400 api-version
    expect((await a.call("GET", `/subscriptions/${SUB}/nothing-here`)).headers.get(READS)).toBe("248"); // 404 route
    const unauthenticated = await a.call("GET", hubPath("x"), { token: null });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get(READS)).toBeNull();
    const outside = await a.call("GET", "/providers/Microsoft.Devices/operations");
    expect(outside.headers.get(READS)).toBeNull();
    expect((await a.call("GET", hubPath("x"))).headers.get(READS)).toBe("247");
  });
});

describe("scaled-down buckets (a write bucket of 3 tokens refilled at 1 per second, and others)", () => {
  const small: EmulatorOptions = { throttling: { writes: { capacity: 3, perSecond: 1 } } };

  test("the 4th write in a burst gets 429 TooManyRequests with Retry-After and a request id, and changes nothing", async () => {
    await start(small);
    const writes = [await putGroup("g1"), await putGroup("g2"), await putGroup("g3")];
    expect(writes.map((r) => [r.status, r.headers.get(WRITES)])).toEqual([[201, "2"], [201, "1"], [201, "0"]]);
    // an armed fault for the refused request: it must still be armed afterwards, the refused request reached nothing
    a.emulator.faults.add({ method: "PUT", path: "/IotHubs/refused-hub", action: { kind: "status", status: 503 } });
    const before = a.emulator.outOfBand.listHubs({ subscriptionId: SUB });

    const refused = await a.call("PUT", hubPath("refused-hub"), { body: hubBody(V2023) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get(WRITES)).toBe("0");
    expect(refused.headers.get("x-ms-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused.body).toEqual({ error: { code: "TooManyRequests", message: expect.stringContaining(`'write' requests for subscription '${SUB}'`) } });
    expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name: "refused-hub" })).toBeUndefined();
    expect(a.emulator.outOfBand.listHubs({ subscriptionId: SUB })).toEqual(before);
    expect(a.emulator.requests.entries().at(-1)).toMatchObject({ method: "PUT", status: 429 });

    time.advance(1_000);
    expect((await a.call("PUT", hubPath("refused-hub"), { body: hubBody(V2023) })).status).toBe(503); // the fault, still armed
  });

  test("a refused request takes no token; refill over time lets writes through again, up to the capacity", async () => {
    await start(small);
    for (const name of ["g1", "g2", "g3"]) await putGroup(name);
    for (let i = 0; i < 5; i++) expect((await putGroup("g4")).status).toBe(429); // none of these spends anything
    time.advance(999);
    expect((await putGroup("g4")).headers.get("retry-after")).toBe("1"); // 0.999 token: not yet
    time.advance(1);
    const next = await putGroup("g4");
    expect([next.status, next.headers.get(WRITES)]).toEqual([201, "0"]); // exactly one token came back
    expect((await putGroup("g5")).status).toBe(429);

    time.advance(60_000); // a minute refills 60 tokens, but the bucket holds 3
    const burst = [await putGroup("g5"), await putGroup("g6"), await putGroup("g7"), await putGroup("g8")];
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 429]);
  });

  test("Retry-After is the whole seconds until one token is back (refill 0.25/s: 4 s, then less)", async () => {
    await start({ throttling: { deletes: { capacity: 1, perSecond: 0.25 } } });
    expect((await a.call("DELETE", consumerGroup("nohub", "a"))).status).toBe(404); // hub absent: the token is spent anyway
    const waits: string[] = [];
    for (const step of [0, 1_000, 1_500, 1_000]) {
      time.advance(step);
      waits.push((await a.call("DELETE", consumerGroup("nohub", "a"))).headers.get("retry-after")!);
    }
    expect(waits).toEqual(["4", "3", "2", "1"]); // after 0 s, 1 s, 2.5 s, 3.5 s
    time.advance(500);
    expect((await a.call("DELETE", consumerGroup("nohub", "a"))).status).toBe(404);
  });

  test("reads, writes and deletes are separate buckets", async () => {
    await start({ throttling: { writes: { capacity: 1, perSecond: 1 } } });
    expect((await putGroup("g1")).status).toBe(201);
    expect((await putGroup("g2")).status).toBe(429);
    const read = await a.call("GET", groupPath(SUB, "g1"), { apiVersion: "2021-04-01" });
    expect([read.status, read.headers.get(READS)]).toEqual([200, "249"]);
    const del = await a.call("DELETE", groupPath(SUB, "g1"), { apiVersion: "2021-04-01" });
    expect([del.status, del.headers.get(DELETES)]).toEqual([200, "199"]);
  });

  test("subscriptions are independent, and one subscription in any casing is one bucket", async () => {
    await start({ throttling: { writes: { capacity: 2, perSecond: 1 } } });
    const lettered = "aaaaaaaa-0000-0000-0000-00000000abcd";
    expect((await putGroup("g1", lettered)).headers.get(WRITES)).toBe("1");
    expect((await putGroup("g2", lettered.toUpperCase())).headers.get(WRITES)).toBe("0");
    expect((await putGroup("g3", lettered)).status).toBe(429);
    const other = await putGroup("g1", OTHER_SUB);
    expect([other.status, other.headers.get(WRITES)]).toEqual([201, "1"]);
  });

  test("control routes (/_emulator/...) are not counted and carry no rate-limit header", async () => {
    await start({ throttling: { reads: { capacity: 2, perSecond: 1 }, writes: { capacity: 1, perSecond: 1 } } });
    expect((await a.call("GET", hubPath("x"))).headers.get(READS)).toBe("1");
    for (let i = 0; i < 10; i++) {
      const health = await fetch(`${a.url}/_emulator/health`);
      expect(health.status).toBe(200);
      expect(health.headers.get(READS)).toBeNull();
      const control = await fetch(`${a.url}/_emulator/outOfBand/listHubs`, { method: "POST", body: JSON.stringify({ subscriptionId: SUB }) });
      expect(control.status).toBe(200);
      expect(control.headers.get(WRITES)).toBeNull();
    }
    expect((await a.call("GET", hubPath("x"))).headers.get(READS)).toBe("0");
    expect((await putGroup("g1")).headers.get(WRITES)).toBe("0");
  });

  test("the injected 429 fault keeps its answer; it stands for the RP behind ARM, so ARM's token is spent", async () => {
    await start(small);
    a.emulator.faults.add({ method: "PUT", action: { kind: "status", status: 429, retryAfterSeconds: 7 } });
    const faulted = await putGroup("g1");
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get("retry-after")).toBe("7");
    expect(faulted.body.error.code).toBe("TooManyRequests");
    expect(faulted.headers.get(WRITES)).toBe("2");
    expect((await putGroup("g1")).status).toBe(201);
  });
});
