/**
 * Behaviour against the emulator (ARCHITECTURE.md §1) with its fault injection: the client on a real socket,
 * real timers (scaled down: phases of 40 ms, polls every 20–50 ms) and the service's own answers.
 */
import { Agent } from "undici";
import { DEV_TOKEN, startEmulator, type RunningEmulator } from "../../emulator";
import {
  ArmClient,
  checkNameAvailability,
  deleteConsumerGroup,
  deleteHubAndWait,
  exportDevices,
  findHub,
  getConsumerGroup,
  getHub,
  isArmError,
  isHubNotActive,
  isPreconditionFailed,
  listConsumerGroupNames,
  listKeys,
  putConsumerGroup,
  putHubAndWait,
  realClock,
  staticTokenCredential,
  type HubRef,
  type IotHubDescription,
} from "../../provider/arm";
import { localhostCertificate } from "../../tools/tls/localhost-certificate";
import { caught } from "./helpers";

const SUB = "00000000-0000-0000-0000-0000000000a3";
const RG = "rg-arm-client";
const PROVISIONING_MS = 40;

let emulator: RunningEmulator;
let client: ArmClient;
/** Every wait the client asked for (retries and polls), in order; cleared per test. */
let waits: number[] = [];
let counter = 0;
/** Virtual time the shortened waits skipped. */
let skippedMs = 0;

function newClient(url: string, extra: Partial<ConstructorParameters<typeof ArmClient>[0]> = {}): ArmClient {
  return new ArmClient({
    endpoint: url,
    credential: staticTokenCredential(DEV_TOKEN, url),
    pollingScheduleInMs: [20, 20, 50],
    // Waits are recorded as asked, but slept at most 30 ms so Retry-After: 2 does not cost two real seconds; the
    // client's clock moves on by the whole wait, so what it decides from time (a 429's hold) sees the wait as taken.
    now: () => Date.now() + skippedMs,
    delay: (ms, signal) => {
      waits.push(ms);
      skippedMs += Math.max(0, ms - 30);
      return realClock.delay(Math.min(ms, 30), signal);
    },
    ...extra,
  });
}

const ref = (name: string, apiVersion: HubRef["apiVersion"] = "2023-06-30"): HubRef => ({ subscriptionId: SUB, resourceGroup: RG, name, apiVersion });
const hubName = () => `armc-${process.pid}-${++counter}`;

function hubBody(apiVersion: HubRef["apiVersion"]): IotHubDescription {
  const body: IotHubDescription = { location: "westus", sku: { name: "S1", capacity: 1 }, properties: {} };
  if (apiVersion === "2016-02-03") {
    // 2016: subscriptionid/resourcegroup are required in the schema and both endpoints must be present
    // (docs/IOTHUB-ARM.md, "The objects").
    Object.assign(body, { subscriptionid: SUB, resourcegroup: RG });
    body.properties = {
      eventHubEndpoints: {
        events: { retentionTimeInDays: 1, partitionCount: 2 },
        operationsMonitoringEvents: { retentionTimeInDays: 1, partitionCount: 2 },
      },
    };
  }
  return body;
}

beforeAll(async () => {
  emulator = await startEmulator({ provisioningMs: PROVISIONING_MS, retryAfterSeconds: 0, pageSize: 2 });
  client = newClient(emulator.url);
  await client.request({ method: "PUT", path: `/subscriptions/${SUB}/resourceGroups/${RG}`, apiVersion: "2021-04-01", body: { location: "westus" } });
});

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

beforeEach(() => {
  waits = [];
  emulator.faults.clear();
});

describe.each(["2016-02-03", "2023-06-30"] as const)("hub lifecycle, api-version %s", (apiVersion) => {
  test("create → wait → get, update with If-Match → wait, delete → wait", async () => {
    const r = ref(hubName(), apiVersion);
    const progress: string[] = [];
    const created = await putHubAndWait(client, r, hubBody(apiVersion), { ifNoneMatch: "*", timeoutInMs: 10_000, onProgress: (p) => progress.push(p.status) });
    expect(created.properties?.provisioningState).toBe("Succeeded");
    expect(progress.at(-1)).toBe("Succeeded");
    expect(progress.length).toBeGreaterThan(1);

    const got = await getHub(client, r);
    expect(got.etag).toBe(created.etag);
    expect(got.properties?.state).toBe("Active");

    const updated = await putHubAndWait(client, r, { ...got, tags: { env: "test" } }, { ifMatch: got.etag, timeoutInMs: 10_000 });
    expect(updated.tags).toEqual({ env: "test" });
    expect(updated.etag).not.toBe(got.etag);

    await expect(deleteHubAndWait(client, r, { timeoutInMs: 10_000 })).resolves.toBe("deleted");
    await expect(findHub(client, r)).resolves.toBeUndefined();
    await expect(deleteHubAndWait(client, r)).resolves.toBe("notFound");
  });

  test("consumer groups: put (with the body this version needs), get, list, delete", async () => {
    const r = ref(hubName(), apiVersion);
    await putHubAndWait(client, r, hubBody(apiVersion), { timeoutInMs: 10_000 });
    await putConsumerGroup(client, r, "cg1");
    await putConsumerGroup(client, r, "cg2");
    await expect(getConsumerGroup(client, r, "cg1")).resolves.toMatchObject({ name: "cg1" });
    // pageSize 2: three groups take two pages.
    expect((await listConsumerGroupNames(client, r)).sort()).toEqual(["$Default", "cg1", "cg2"]);
    await expect(deleteConsumerGroup(client, r, "cg1")).resolves.toBe("deleted");
    expect((await listConsumerGroupNames(client, r)).sort()).toEqual(["$Default", "cg2"]);
    await deleteHubAndWait(client, r, { timeoutInMs: 10_000 });
  });
});

describe("concurrency and preconditions", () => {
  let r: HubRef;
  beforeAll(async () => {
    r = ref(hubName());
    await putHubAndWait(client, r, hubBody("2023-06-30"), { timeoutInMs: 10_000 });
  });

  test("a stale etag gets 412 IH412001", async () => {
    const hub = await getHub(client, r);
    emulator.outOfBand.updateHub({ subscriptionId: SUB, resourceGroup: RG, name: r.name, mutate: (h) => (h.tags = { by: "someone else" }) });
    const error = await caught(() => putHubAndWait(client, r, { ...hub, tags: { mine: "1" } }, { ifMatch: hub.etag }));
    expect(isPreconditionFailed(error)).toBe(true);
    expect(error.code).toBe("IH412001");
    expect(error.message).toMatch(/^PreconditionFailed \(412\) IH412001: /);
    expect(error.requestId).toBeDefined();
  });

  test("If-None-Match * on an existing hub gets 412", async () => {
    expect(isPreconditionFailed(await caught(() => putHubAndWait(client, r, hubBody("2023-06-30"), { ifNoneMatch: "*" })))).toBe(true);
  });

  test("409 hub-not-active while another writer's transition runs", async () => {
    emulator.outOfBand.startTransition({ subscriptionId: SUB, resourceGroup: RG, name: r.name, ms: 2000 });
    const error = await caught(() => putConsumerGroup(client, r, "late"));
    expect(isHubNotActive(error)).toBe(true);
    expect(error.code).toBe("IH409002");
    // Not retried by the client: waiting for Active is the caller's decision
    // (docs/IOTHUB-ARM.md, "409 while not Active").
    expect(error.attempts).toBe(1);
  });

  test("injected hubNotActive fault on PUT", async () => {
    emulator.faults.add({ method: "PUT", path: r.name, action: { kind: "hubNotActive" } });
    expect(isHubNotActive(await caught(() => putConsumerGroup(client, r, "x")))).toBe(true);
  });
});

describe("faults", () => {
  let r: HubRef;
  beforeAll(async () => {
    r = ref(hubName());
    await putHubAndWait(client, r, hubBody("2023-06-30"), { timeoutInMs: 10_000 });
  });

  test("429 with Retry-After is waited for, then the GET succeeds", async () => {
    emulator.faults.add({ method: "GET", path: r.name, action: { kind: "status", status: 429, retryAfterSeconds: 2 } });
    await expect(getHub(client, r)).resolves.toMatchObject({ name: r.name });
    expect(waits).toEqual([2000]);
  });

  test("500 then 503 are retried with backoff", async () => {
    emulator.faults.add({ method: "GET", path: r.name, action: { kind: "status", status: 500 } });
    emulator.faults.add({ method: "GET", path: r.name, action: { kind: "status", status: 503 } });
    await expect(getHub(client, r)).resolves.toMatchObject({ name: r.name });
    expect(waits).toHaveLength(2);
  });

  test("retries stop after maxAttempts with the service's error", async () => {
    emulator.faults.add({ method: "GET", path: r.name, times: 10, action: { kind: "status", status: 503 } });
    const error = await caught(() => getHub(client, r));
    expect(error.statusCode).toBe(503);
    expect(error.attempts).toBe(4);
  });

  test("a dropped connection is retried for a GET", async () => {
    emulator.faults.add({ method: "GET", path: r.name, action: { kind: "drop" } });
    await expect(getHub(client, r)).resolves.toMatchObject({ name: r.name });
    expect(waits).toHaveLength(1);
  });

  test("a dropped connection is not retried for exportDevices (POST)", async () => {
    emulator.faults.add({ method: "POST", path: "exportDevices", action: { kind: "drop" } });
    const error = await caught(() => exportDevices(client, r, { exportBlobContainerUri: "https://a.blob.core.windows.net/c?sig=x", excludeKeys: true }));
    expect(isArmError(error)).toBe(true);
    expect(error.statusCode).toBe(0);
    expect(error.attempts).toBe(1);
    expect(waits).toEqual([]);
  });

  test("polling survives a 503 on the operation status", async () => {
    const hub = await getHub(client, r);
    emulator.faults.add({ method: "GET", path: "operationResults", action: { kind: "status", status: 503, retryAfterSeconds: 1 } });
    await expect(putHubAndWait(client, r, { ...hub, tags: { n: "1" } }, { ifMatch: hub.etag, timeoutInMs: 10_000 })).resolves.toMatchObject({ tags: { n: "1" } });
    expect(waits).toContain(1000);
  });

  test("an operation that ends Failed becomes an ArmError with its code", async () => {
    const hub = await getHub(client, r);
    emulator.faults.failNextOperation({ hubName: r.name, code: "IH400016", message: "Invalid PartitionCount 4" });
    const error = await caught(() => putHubAndWait(client, r, { ...hub, tags: { n: "2" } }, { timeoutInMs: 10_000 }));
    expect(error.code).toBe("IH400016");
    expect(error.message).toContain("ended Failed: IH400016: Invalid PartitionCount 4");
  });

  test("quirk, 404 after an update: putHubAndWait rides it out while waiting for the hub to be Active", async () => {
    const hub = await getHub(client, r);
    emulator.faults.notFoundAfterUpdate({ hubName: r.name, gets: 2 });
    const logged: string[] = [];
    const logging = newClient(emulator.url, { log: (line) => logged.push(line) });
    try {
      await expect(putHubAndWait(logging, r, { ...hub, tags: { n: "3" } }, { timeoutInMs: 10_000 })).resolves.toMatchObject({ tags: { n: "3" } });
    } finally {
      await logging.close();
    }
    expect(logged.filter((line) => /^GET \S+\/IotHubs\/\S+ → 404/.test(line))).toHaveLength(2);
    expect(logged.join("\n")).not.toContain(DEV_TOKEN);
  });
});

describe("reads", () => {
  test("listKeys follows nextLink (pageSize 2, five default policies)", async () => {
    const r = ref(hubName());
    await putHubAndWait(client, r, hubBody("2023-06-30"), { timeoutInMs: 10_000 });
    const keys = await listKeys(client, r);
    expect(keys.map((k) => k.keyName)).toEqual(expect.arrayContaining(["iothubowner", "service"]));
    expect(keys.length).toBeGreaterThan(2);
  });

  test("checkNameAvailability in both api-versions", async () => {
    const r = ref(hubName());
    await putHubAndWait(client, r, hubBody("2023-06-30"), { timeoutInMs: 10_000 });
    await expect(checkNameAvailability(client, { subscriptionId: SUB, apiVersion: "2023-06-30", name: r.name })).resolves.toMatchObject({ nameAvailable: false });
    await expect(checkNameAvailability(client, { subscriptionId: SUB, apiVersion: "2016-02-03", name: hubName() })).resolves.toMatchObject({ nameAvailable: true });
  });
});

describe("time limits and abort", () => {
  test("OperationTimedOut when the operation outlasts timeoutInMs; AbortSignal stops a wait", async () => {
    const slow = await startEmulator({ provisioningMs: 5000, retryAfterSeconds: 0 });
    const slowClient = newClient(slow.url);
    try {
      await slowClient.request({ method: "PUT", path: `/subscriptions/${SUB}/resourceGroups/${RG}`, apiVersion: "2021-04-01", body: { location: "westus" } });
      const timedOut = await caught(() => putHubAndWait(slowClient, ref(hubName()), hubBody("2023-06-30"), { timeoutInMs: 150 }));
      expect(timedOut.code).toBe("OperationTimedOut");

      const controller = new AbortController();
      const aborted = await caught(() =>
        putHubAndWait(slowClient, ref(hubName()), hubBody("2023-06-30"), { timeoutInMs: 10_000, signal: controller.signal, onProgress: () => controller.abort() }),
      );
      expect(aborted.code).toBe("RequestAborted");
    } finally {
      await slowClient.close();
      await slow.close();
    }
  });
});

test("over HTTPS with a self-signed certificate trusted through the dispatcher", async () => {
  const tls = await localhostCertificate();
  const secure = await startEmulator({ tls, provisioningMs: PROVISIONING_MS, retryAfterSeconds: 0 });
  const dispatcher = new Agent({ connect: { ca: tls.cert } });
  const secureClient = newClient(secure.url, { dispatcher });
  try {
    expect(secure.url).toMatch(/^https:/);
    await secureClient.request({ method: "PUT", path: `/subscriptions/${SUB}/resourceGroups/${RG}`, apiVersion: "2021-04-01", body: { location: "westus" } });
    const hub = await putHubAndWait(secureClient, ref(hubName()), hubBody("2023-06-30"), { timeoutInMs: 10_000 });
    expect(hub.properties?.state).toBe("Active");
  } finally {
    await secureClient.close();
    await dispatcher.close();
    await secure.close();
  }
});

test("a corporate HTTP(S)_PROXY does not swallow loopback traffic: the default dispatcher goes direct", async () => {
  const logged: string[] = [];
  // Port 9 (discard) on loopback: if the client used this proxy, the request would fail.
  const direct = newClient(emulator.url, { env: { HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9" }, log: (l) => logged.push(l) });
  try {
    await expect(checkNameAvailability(direct, { subscriptionId: SUB, apiVersion: "2023-06-30", name: hubName() })).resolves.toMatchObject({ nameAvailable: true });
    expect(logged[0]).toBe(`ARM ${emulator.url} direct`);
  } finally {
    await direct.close();
  }
});
