import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import { hubBody, hubPath, RG, SUB, TestArm, uniqueHubName, V2023, waitFor } from "./helpers";

/** --data: state survives a restart, written atomically (temp file + rename); in-memory otherwise. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "iothub-emulator-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start(o: { dataDir?: string; provisioningMs?: number } = {}): Promise<TestArm> {
  return new TestArm(await startEmulator({ provisioningMs: 20, retryAfterSeconds: 0, ...o }));
}

test("hubs, etags, keys, consumer groups and jobs survive a restart", async () => {
  const first = await start({ dataDir: dir });
  const name = uniqueHubName("persist");
  let before: { hub: unknown; keys: unknown; groups: unknown; job: string };
  try {
    await first.createGroup();
    await first.createHub(name);
    await first.call("PUT", `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups/kept`, { body: { properties: { name: "kept" } } });
    const job = await first.call("POST", `${hubPath(name)}/exportDevices`, { body: { exportBlobContainerUri: "https://x/y", excludeKeys: true } });
    before = {
      hub: (await first.call("GET", hubPath(name))).body,
      keys: (await first.call("POST", `${hubPath(name)}/listkeys`)).body,
      groups: (await first.call("GET", `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups`)).body,
      job: job.body.jobId,
    };
  } finally {
    await first.emulator.close();
  }
  const files = readdirSync(dir);
  expect(files).toEqual(["iothub-emulator-state.json"]); // no temp file left behind
  expect(() => JSON.parse(readFileSync(join(dir, files[0]), "utf8"))).not.toThrow();

  const second = await start({ dataDir: dir });
  try {
    expect((await second.call("GET", hubPath(name))).body).toEqual(before.hub);
    expect((await second.call("POST", `${hubPath(name)}/listkeys`)).body).toEqual(before.keys);
    expect((await second.call("GET", `${hubPath(name)}/eventHubEndpoints/events/ConsumerGroups`)).body).toEqual(before.groups);
    // the job continues where it was and completes
    await waitFor(async () => (await second.call("GET", `${hubPath(name)}/jobs/${before.job}`)).body.status === "completed", {
      timeoutMs: 2_000,
      what: "the resumed job to complete",
    });
    // the name is still taken
    const taken = await second.call("POST", `/subscriptions/${SUB}/providers/Microsoft.Devices/checkNameAvailability`, { body: { name } });
    expect(taken.body.nameAvailable).toBe(false);
  } finally {
    await second.emulator.close();
  }
});

test("an operation running at shutdown continues after the restart", async () => {
  const first = await start({ dataDir: dir, provisioningMs: 150 });
  const name = uniqueHubName("persist");
  let statusUrl: string;
  try {
    await first.createGroup();
    const put = await first.call("PUT", hubPath(name), { body: hubBody(V2023) });
    statusUrl = new URL(put.headers.get("azure-asyncoperation")!).pathname + new URL(put.headers.get("azure-asyncoperation")!).search;
  } finally {
    await first.emulator.close();
  }
  const second = await start({ dataDir: dir, provisioningMs: 20 });
  try {
    expect((await second.call("GET", statusUrl)).body.status).toBe("Running");
    expect((await second.waitForOperation(statusUrl)).body.status).toBe("Succeeded");
    expect((await second.call("GET", hubPath(name))).body.properties.state).toBe("Active");
  } finally {
    await second.emulator.close();
  }
});

test("without --data nothing survives", async () => {
  const first = await start();
  await first.createGroup();
  await first.emulator.close();
  const second = await start();
  try {
    expect((await second.call("GET", `/subscriptions/${SUB}/resourcegroups/${RG}`, { apiVersion: "2021-04-01" })).status).toBe(404);
  } finally {
    await second.emulator.close();
  }
});
