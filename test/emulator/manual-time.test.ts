import { startEmulator } from "../../emulator";
import { hubBody, hubPath, RG, SUB, TestArm, V2023, waitFor } from "./helpers";
import { ManualTime } from "./manual-time";

/**
 * The emulator on a clock and scheduler the test moves by hand (EmulatorOptions.clock / .scheduler, ARCHITECTURE.md
 * §1): phases of a minute each, walked through without waiting for any of them.
 */
const PHASE_MS = 60_000;

let time: ManualTime;
let a: TestArm;
beforeEach(async () => {
  time = new ManualTime();
  a = new TestArm(await startEmulator({ clock: time, scheduler: time, provisioningMs: PHASE_MS, retryAfterSeconds: 0 }));
  a.emulator.outOfBand.createResourceGroup({ subscriptionId: SUB, name: RG });
});
afterEach(() => a.emulator.close());

async function look(name: string, statusUrl: string): Promise<{ state: string; provisioningState: string; etag: string; status: string }> {
  const hub = await a.call("GET", hubPath(name));
  const status = await a.call("GET", statusUrl);
  return { ...hub.body.properties, etag: hub.body.etag, status: status.body.status } as never;
}

test("a create walks Accepted → Activating → Active as the test advances the clock, and not before", async () => {
  const started = Date.now();
  const name = "manual-time-hub";
  const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  expect(put.status).toBe(201);
  const statusUrl = put.headers.get("azure-asyncoperation")!;

  const accepted = await look(name, statusUrl);
  expect(accepted).toMatchObject({ state: "Activating", provisioningState: "Accepted", status: "Running" });
  expect(time.pending).toBe(1); // the end of the first phase

  time.advance(PHASE_MS - 1);
  expect(await look(name, statusUrl)).toEqual(accepted); // one millisecond early: nothing moved

  time.advance(1);
  const activating = await look(name, statusUrl);
  expect(activating).toMatchObject({ state: "Activating", provisioningState: "Activating", status: "Running" });
  expect(activating.etag).not.toBe(accepted.etag);

  time.advance(PHASE_MS);
  const active = await look(name, statusUrl);
  expect(active).toMatchObject({ state: "Active", provisioningState: "Succeeded", status: "Succeeded" });
  expect(active.etag).not.toBe(activating.etag);
  expect(time.pending).toBe(0);
  expect(Date.now() - started).toBeLessThan(PHASE_MS); // two minutes of emulator time, no real waiting
});

test("timestamps come from the emulator's clock: systemData, routing ids, jobs, consumer groups, error messages", async () => {
  const name = "manual-time-stamps";
  const startMs = time.now();
  const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  expect(put.headers.get("x-ms-routing-request-id")).toMatch(/^EMULATOR:20300101T120000Z:/);
  time.advance(2 * PHASE_MS);
  const hub = await a.call("GET", hubPath(name));
  expect(hub.body.systemData.createdAt).toBe(new Date(startMs).toISOString());

  const job = await a.call("POST", `${hubPath(name)}/exportDevices`, { body: { exportBlobContainerUri: "https://s/c", excludeKeys: true } });
  expect(job.body).toMatchObject({ status: "enqueued", startTimeUtc: new Date(time.now()).toUTCString() });
  time.advance(PHASE_MS);
  expect((await a.call("GET", `${hubPath(name)}/jobs/${job.body.jobId}`)).body.status).toBe("running");
  time.advance(PHASE_MS);
  const done = (await a.call("GET", `${hubPath(name)}/jobs/${job.body.jobId}`)).body;
  expect(done).toMatchObject({ status: "completed", endTimeUtc: new Date(time.now()).toUTCString() });

  const group = await a.call("PUT", `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups/cg`, { body: { properties: { name: "cg" } } });
  expect(group.body.properties.created).toBe(new Date(time.now()).toUTCString());

  const refused = await a.call("PUT", hubPath("bad-sku-hub"), { body: { location: "westus", sku: { name: "S9", capacity: 1 } } });
  expect(refused.status).toBe(400);
  expect(refused.body.message).toContain("timestamp: 2030-01-01 12:04:00Z");
});

test("a delay fault waits on the emulator's scheduler: the answer comes when the test advances, not before", async () => {
  a.emulator.faults.add({ path: "/resourcegroups/", action: { kind: "delay", ms: 30_000 } });
  const pending = a.call("GET", `/subscriptions/${SUB}/resourcegroups/${RG}`, { apiVersion: "2021-04-01" });
  await waitFor(() => time.pending === 1, { what: "the delayed request to arrive" });
  time.advance(29_999);
  expect(time.pending).toBe(1); // still asleep: the request cannot have been answered
  time.advance(1);
  expect(time.pending).toBe(0);
  expect((await pending).status).toBe(200);
});

test("close() stops the scheduler it was given: pending phases are dropped, nothing runs afterwards", async () => {
  await a.call("PUT", hubPath("manual-time-closed"), { body: hubBody(V2023) });
  expect(time.pending).toBe(1);
  await a.emulator.close();
  expect(time.pending).toBe(0);
  let ran = false;
  time.after(0, () => (ran = true));
  time.advance(PHASE_MS);
  expect(ran).toBe(false);
});
