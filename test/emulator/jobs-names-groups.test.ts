import { API_VERSIONS, hubPath, RG, SUB, uniqueHubName, useEmulator, V2016, V2023, waitFor, type TestArm } from "./helpers";

/** exportDevices/importDevices jobs, checkNameAvailability and resource groups. */
const { arm } = useEmulator({ provisioningMs: 60 });

beforeAll(() => arm().createGroup());

describe.each(API_VERSIONS)("jobs, api-version %s", (apiVersion) => {
  const exportBody = apiVersion === V2016 ? { ExportBlobContainerUri: "https://s/c?sas", ExcludeKeys: true } : { exportBlobContainerUri: "https://s/c?sas", excludeKeys: true };

  test("exportDevices answers 200 with an enqueued job that runs, then completes (exact sequence)", async () => {
    const a = arm();
    const name = uniqueHubName("job");
    await a.createHub(name, { apiVersion });
    const post = await a.call("POST", `${hubPath(name)}/exportDevices`, { apiVersion, body: exportBody });
    expect(post.status).toBe(200);
    expect(post.body).toMatchObject({ type: "export", status: "enqueued" });
    expect(post.body.startTimeUtc).toMatch(/GMT$/);
    expect(post.body).not.toHaveProperty("endTimeUtc");
    const seen: string[] = [];
    const last = await waitFor(
      async () => {
        const job = (await a.call("GET", `${hubPath(name)}/jobs/${post.body.jobId}`, { apiVersion })).body;
        if (seen[seen.length - 1] !== job.status) seen.push(job.status);
        return job.status === "completed" && job;
      },
      { timeoutMs: 3_000, what: "the job to complete" },
    );
    expect(seen).toEqual(["enqueued", "running", "completed"]);
    expect(last.endTimeUtc).toMatch(/GMT$/);
    const list = await a.call("GET", `${hubPath(name)}/jobs`, { apiVersion });
    expect(list.body.value.map((j: { jobId: string }) => j.jobId)).toEqual([post.body.jobId]);
  });

  test("after faults.failNextJob (through /_emulator), the hub's next job runs, then ends failed with the reason; the one after completes", async () => {
    const a = arm();
    const name = uniqueHubName("jobfail");
    await a.createHub(name, { apiVersion });
    const control = await fetch(`${a.url}/_emulator/faults/failNextJob`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ hubName: name, reason: "no access to the container" }) });
    expect(control.status).toBe(204);
    const follow = async (jobId: string) => {
      const seen: string[] = [];
      const last = await waitFor(
        async () => {
          const job = (await a.call("GET", `${hubPath(name)}/jobs/${jobId}`, { apiVersion })).body;
          if (seen[seen.length - 1] !== job.status) seen.push(job.status);
          return (job.status === "completed" || job.status === "failed") && job;
        },
        { timeoutMs: 3_000, what: "the job to end" },
      );
      return { seen, last };
    };
    const failed = await follow((await a.call("POST", `${hubPath(name)}/exportDevices`, { apiVersion, body: exportBody })).body.jobId);
    expect(failed.seen).toEqual(["enqueued", "running", "failed"]);
    expect(failed.last).toMatchObject({ status: "failed", failureReason: "no access to the container", endTimeUtc: expect.stringMatching(/GMT$/) });
    const next = await follow((await a.call("POST", `${hubPath(name)}/exportDevices`, { apiVersion, body: exportBody })).body.jobId);
    expect(next.seen).toEqual(["enqueued", "running", "completed"]);
    expect(next.last).not.toHaveProperty("failureReason");
  });

  test("exportDevices without the required fields → 400; unknown job → 404", async () => {
    const a = arm();
    const name = uniqueHubName("job");
    await a.createHub(name, { apiVersion });
    const wrongCase = apiVersion === V2016 ? { exportBlobContainerUri: "x", excludeKeys: true } : { ExportBlobContainerUri: "x", ExcludeKeys: true };
    const bad = await a.call("POST", `${hubPath(name)}/exportDevices`, { apiVersion, body: wrongCase });
    expect(bad.status).toBe(400);
    const missing = await a.call("GET", `${hubPath(name)}/jobs/nope`, { apiVersion });
    expect(missing.status).toBe(404);
  });
});

test("importDevices answers a job of type import", async () => {
  const a = arm();
  const name = uniqueHubName("job");
  await a.createHub(name);
  const r = await a.call("POST", `${hubPath(name)}/importDevices`, { body: { inputBlobContainerUri: "https://in", outputBlobContainerUri: "https://out" } });
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ type: "import", status: "enqueued" });
});

describe("checkNameAvailability (real bodies, REC-CLI)", () => {
  const check = (a: TestArm, body: unknown, apiVersion = V2023) =>
    a.call("POST", `/subscriptions/${SUB}/providers/Microsoft.Devices/checkNameAvailability`, { apiVersion, body });

  test.each(API_VERSIONS)("free, taken (any subscription), invalid — %s", async (apiVersion) => {
    const a = arm();
    const key = apiVersion === V2016 ? "Name" : "name";
    const name = uniqueHubName("name");
    expect((await check(a, { [key]: name }, apiVersion)).body).toEqual({ nameAvailable: true, reason: "Invalid", message: null });
    const otherSub = "00000000-0000-0000-0000-00000000c0de";
    await a.createGroup("rg-names", otherSub);
    await a.createHub(name, { sub: otherSub, rg: "rg-names", apiVersion });
    expect((await check(a, { [key]: name.toUpperCase() }, apiVersion)).body).toEqual({
      nameAvailable: false,
      reason: "AlreadyExists",
      message: `IotHub name '${name.toUpperCase()}' is not available`,
    });
    const invalid = await check(a, { [key]: "-bad" }, apiVersion);
    expect(invalid.body).toMatchObject({ nameAvailable: false, reason: "Invalid" });
  });

  test("a hub being deleted stays taken until the delete completes", async () => {
    const a = arm();
    const name = uniqueHubName("name");
    await a.createHub(name);
    const del = await a.call("DELETE", hubPath(name));
    expect((await check(a, { name })).body.nameAvailable).toBe(false);
    await a.waitForOperation(del.headers.get("azure-asyncoperation")!);
    expect((await check(a, { name })).body.nameAvailable).toBe(true);
  });

  test("no name → 400", async () => {
    expect((await check(arm(), {})).status).toBe(400);
  });
});

describe("resource groups", () => {
  const group = (name: string) => `/subscriptions/${SUB}/resourcegroups/${name}`;

  test("PUT 201 then 200, GET 200, DELETE 200 then 204, GET 404 ResourceGroupNotFound", async () => {
    const a = arm();
    const o = { apiVersion: "2021-04-01" };
    const created = await a.call("PUT", group("rg-life"), { ...o, body: { location: "westeurope", tags: { a: "1" } } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: `/subscriptions/${SUB}/resourceGroups/rg-life`,
      name: "rg-life",
      type: "Microsoft.Resources/resourceGroups",
      location: "westeurope",
      tags: { a: "1" },
      properties: { provisioningState: "Succeeded" },
    });
    expect((await a.call("PUT", group("rg-life"), { ...o, body: { location: "westeurope" } })).status).toBe(200);
    expect((await a.call("GET", group("RG-LIFE"), o)).status).toBe(200);
    expect((await a.call("HEAD", group("rg-life"), o)).status).toBe(204);
    expect((await a.call("DELETE", group("rg-life"), o)).status).toBe(200);
    expect((await a.call("DELETE", group("rg-life"), o)).status).toBe(204);
    const gone = await a.call("GET", group("rg-life"), o);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("ResourceGroupNotFound");
    expect((await a.call("HEAD", group("rg-life"), o)).status).toBe(404);
  });

  test("a new group needs a location; names follow ARM's rule", async () => {
    const a = arm();
    expect((await a.call("PUT", group("rg-noloc"), { apiVersion: "2021-04-01", body: {} })).body.error.code).toBe("LocationRequired");
    expect((await a.call("PUT", group("bad."), { apiVersion: "2021-04-01", body: { location: "westus" } })).body.error.code).toBe("InvalidResourceGroup");
  });

  test("deleting a group deletes its hubs and frees their names", async () => {
    const a = arm();
    await a.createGroup("rg-doomed");
    const name = uniqueHubName("doomed");
    await a.createHub(name, { rg: "rg-doomed" });
    await a.call("DELETE", group("rg-doomed"), { apiVersion: "2021-04-01" });
    expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: "rg-doomed", name })).toBeUndefined();
    await a.createHub(name); // in rg-test now
    expect((await a.call("GET", hubPath(name, SUB, RG))).status).toBe(200);
  });
});
