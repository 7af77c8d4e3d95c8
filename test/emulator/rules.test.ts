import { API_VERSIONS, hubBody, hubPath, OTHER_SUB, SUB, uniqueHubName, useEmulator, V2016, V2023, type Reply, type TestArm } from "./helpers";

/**
 * The real service's rules (docs/IOTHUB-ARM.md, "Names and limits") and the error shape of each, on both api-versions.
 */
const { arm } = useEmulator();

beforeAll(async () => {
  await arm().createGroup();
  await arm().createGroup("rg-second");
});

/** 2016: {Code:<name>, HttpStatusCode, Message}; 2023: {code:<number>, httpStatusCode, message}; both end IH<code>. */
function expectIotHubError(r: Reply, apiVersion: string, status: number, code: number, name: string): void {
  expect(r.status).toBe(status);
  const message: string = apiVersion === V2016 ? r.body.Message : r.body.message;
  if (apiVersion === V2016) {
    expect(r.body).toEqual({ Code: name, HttpStatusCode: expect.any(String), Message: expect.any(String) });
  } else {
    expect(r.body).toEqual({ code, httpStatusCode: expect.any(String), message: expect.any(String) });
  }
  expect(message).toMatch(new RegExp(`correlation identifier: ${r.headers.get("x-ms-correlation-request-id")}, timestamp: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z, errorcode: IH${code}\\.$`));
}

interface CreateCase {
  why: string;
  name?: string;
  body: (apiVersion: string) => unknown;
  status: number;
  code: number;
  codeName: string;
  message?: RegExp;
  only?: string;
}

const CREATE_CASES: CreateCase[] = [
  ...["ab", "-abc", "abc-", "12345", "a_b", "x".repeat(51)].map((name) => ({
    why: `hub name '${name.length > 10 ? "51 chars" : name}'`,
    name,
    body: (v: string) => hubBody(v),
    status: 400,
    code: 400003,
    codeName: "InvalidIotHubName",
  })),
  { why: "missing location", body: (v) => ({ ...hubBody(v), location: undefined }), status: 400, code: 400002, codeName: "InvalidRequestBody" },
  { why: "missing sku", body: (v) => ({ ...hubBody(v), sku: undefined }), status: 400, code: 400002, codeName: "InvalidRequestBody" },
  { why: "unknown SKU", body: (v) => hubBody(v, { sku: "X9" }), status: 400, code: 400004, codeName: "InvalidSku" },
  { why: "Basic SKU in 2016", body: (v) => hubBody(v, { sku: "B1" }), status: 400, code: 400004, codeName: "InvalidSku", only: V2016 },
  { why: "F1 with 4 partitions", body: (v) => hubBody(v, { sku: "F1", partitionCount: 4 }), status: 400, code: 400016, codeName: "InvalidPartitionCount", message: /^Invalid PartitionCount 4 - value must be between 2 and 2\./ },
  { why: "F1 with 2 units", body: (v) => hubBody(v, { sku: "F1", capacity: 2 }), status: 400, code: 400005, codeName: "InvalidSkuUnits" },
  { why: "S3 with 11 units", body: (v) => hubBody(v, { sku: "S3", capacity: 11 }), status: 400, code: 400005, codeName: "InvalidSkuUnits" },
  { why: "S1 with 201 units", body: (v) => hubBody(v, { sku: "S1", capacity: 201 }), status: 400, code: 400005, codeName: "InvalidSkuUnits" },
  { why: "S1 with 0 units", body: (v) => hubBody(v, { sku: "S1", capacity: 0 }), status: 400, code: 400005, codeName: "InvalidSkuUnits" },
  { why: "129 partitions", body: (v) => hubBody(v, { partitionCount: 129 }), status: 400, code: 400016, codeName: "InvalidPartitionCount" },
  {
    why: "retention of 8 days",
    body: (v) => ({ ...hubBody(v), properties: { eventHubEndpoints: v === V2016 ? { events: { retentionTimeInDays: 8 }, operationsMonitoringEvents: {} } : { events: { retentionTimeInDays: 8 } } } }),
    status: 400,
    code: 400012,
    codeName: "InvalidRetentionTime",
  },
  {
    why: "2016 eventHubEndpoints without operationsMonitoringEvents",
    body: () => ({ ...hubBody(V2016), properties: { eventHubEndpoints: { events: { partitionCount: 2 } } } }),
    status: 400,
    code: 400008,
    codeName: "InvalidEventHubEndpoints",
    only: V2016,
  },
  {
    why: "2023 eventHubEndpoints with operationsMonitoringEvents",
    body: () => ({ ...hubBody(V2016), properties: { eventHubEndpoints: { events: {}, operationsMonitoringEvents: {} } } }),
    status: 400,
    code: 400008,
    codeName: "InvalidEventHubEndpoints",
    only: V2023,
  },
  { why: "2016 sku without capacity", body: () => ({ ...hubBody(V2016), sku: { name: "S1" } }), status: 400, code: 400002, codeName: "InvalidRequestBody", only: V2016 },
];

describe.each(API_VERSIONS)("create rules, api-version %s", (apiVersion) => {
  test.each(CREATE_CASES.filter((c) => !c.only || c.only === apiVersion))("refuses $why", async (c) => {
    const a = arm();
    const name = c.name ?? uniqueHubName("rule");
    const r = await a.call("PUT", hubPath(name), { apiVersion, body: c.body(apiVersion) });
    expectIotHubError(r, apiVersion, c.status, c.code, c.codeName);
    if (c.message) expect(apiVersion === V2016 ? r.body.Message : r.body.message).toMatch(c.message);
    expect((await a.call("GET", hubPath(name), { apiVersion })).status).toBe(404); // nothing created
  });
});

test("2023 sku without capacity defaults to 1 unit, tier derived from the name", async () => {
  const name = uniqueHubName("cap");
  await arm().createHub(name, { body: { location: "westus", sku: { name: "b2" } } });
  expect((await arm().call("GET", hubPath(name))).body.sku).toEqual({ name: "B2", tier: "Basic", capacity: 1 });
});

test("hub names are global: taken in another subscription or group → 409 IH409001", async () => {
  const a = arm();
  const name = uniqueHubName("global");
  await a.createHub(name);
  await a.createGroup("rg-x", OTHER_SUB);
  for (const [sub, rg] of [[OTHER_SUB, "rg-x"], [SUB, "rg-second"]]) {
    for (const apiVersion of [V2016, V2023]) {
      const r = await a.call("PUT", hubPath(name.toUpperCase(), sub, rg), { apiVersion, body: hubBody(apiVersion) });
      expectIotHubError(r, apiVersion, 409, 409001, "IotHubNameNotAvailable");
    }
  }
});

test("one free hub per subscription → IH400019 with the real message; another subscription may have one", async () => {
  const a = arm();
  const sub = "00000000-0000-0000-0000-0000000000f1";
  await a.createGroup("rg-free", sub);
  await a.createHub(uniqueHubName("free"), { sub, rg: "rg-free", body: hubBody(V2023, { sku: "F1" }) });
  for (const apiVersion of [V2016, V2023]) {
    const r = await a.call("PUT", hubPath(uniqueHubName("free"), sub, "rg-free"), { apiVersion, body: hubBody(apiVersion, { sku: "F1" }) });
    expectIotHubError(r, apiVersion, 400, 400019, "IotHubsQuotaExceeded");
    expect(apiVersion === V2016 ? r.body.Message : r.body.message).toMatch(/^Max number of Iot Hubs exceeded for sku = Free, Max Allowed = 1, Current = 2\./);
  }
  await a.createGroup("rg-free", OTHER_SUB);
  await a.createHub(uniqueHubName("free"), { sub: OTHER_SUB, rg: "rg-free", body: hubBody(V2023, { sku: "F1" }) });
});

async function updateCase(a: TestArm, from: Record<string, unknown>, to: Record<string, unknown>, apiVersion = V2023): Promise<{ path: string; r: Reply }> {
  const name = uniqueHubName("upd");
  const sub = `00000000-0000-0000-0000-${String(Math.floor(Math.random() * 1e12)).padStart(12, "0")}`;
  await a.createGroup("rg", sub);
  await a.createHub(name, { sub, rg: "rg", body: from, apiVersion });
  const r = await a.call("PUT", hubPath(name, sub, "rg"), { apiVersion, body: to });
  if (r.status === 200) await a.waitForOperation(r.headers.get("azure-asyncoperation")!);
  return { path: hubPath(name, sub, "rg"), r };
}

test.each([
  ["F1 → S1 (Free to paid)", "F1", "S1", 400006],
  ["S1 → F1 (paid to Free)", "S1", "F1", 400006],
  ["S1 → B1 (Standard to Basic)", "S1", "B1", 400006],
  ["S2 → B3 (Standard to Basic)", "S2", "B3", 400006],
  ["B1 → S1 (Basic to Standard)", "B1", "S1", 200],
  ["S1 → S2 (size within tier)", "S1", "S2", 200],
  ["B2 → B1 (size within tier)", "B2", "B1", 200],
])("SKU change %s", async (_why, from, to, expected) => {
  const partitionCount = 2;
  const { r } = await updateCase(arm(), hubBody(V2023, { sku: from, partitionCount }), hubBody(V2023, { sku: to, partitionCount }));
  if (expected === 200) {
    expect(r.status).toBe(200);
    expect(r.body.sku.name).toBe(to);
  } else {
    expectIotHubError(r, V2023, 400, expected, "SkuChangeNotAllowed");
  }
});

test.each(API_VERSIONS)("partition count is immutable and location cannot change (%s)", async (apiVersion) => {
  const a = arm();
  const { path, r } = await updateCase(a, hubBody(apiVersion, { partitionCount: 4 }), hubBody(apiVersion, { partitionCount: 8 }), apiVersion);
  expectIotHubError(r, apiVersion, 400, 400011, "PartitionCountChangeNotAllowed");
  const kept = await a.call("GET", path, { apiVersion });
  expect(kept.body.properties.eventHubEndpoints.events.partitionCount).toBe(4);
  expect(kept.body.properties.state).toBe("Active"); // refused before anything started
  const { r: loc } = await updateCase(a, hubBody(apiVersion), hubBody(apiVersion, { location: "eastus" }), apiVersion);
  expectIotHubError(loc, apiVersion, 400, 400010, "LocationChangeNotAllowed");
  // same region spelled differently is no change
  const { r: same } = await updateCase(a, hubBody(apiVersion, { location: "West US" }), hubBody(apiVersion, { location: "westus" }), apiVersion);
  expect(same.status).toBe(200);
});

test("2016-02-03: the operations monitoring endpoint's partition count is immutable too", async () => {
  const from = hubBody(V2016, { partitionCount: 4 });
  const to = hubBody(V2016, { partitionCount: 4 }) as { properties: { eventHubEndpoints: Record<string, unknown> } };
  to.properties.eventHubEndpoints.operationsMonitoringEvents = { retentionTimeInDays: 1, partitionCount: 8 };
  const { r } = await updateCase(arm(), from, to, V2016);
  expectIotHubError(r, V2016, 400, 400011, "PartitionCountChangeNotAllowed");
  expect(r.body.Message).toMatch(/operationsMonitoringEvents endpoint cannot be changed/);
});

test("updates that leave out partitionCount keep it", async () => {
  const { r } = await updateCase(arm(), hubBody(V2023, { partitionCount: 8 }), { location: "westus", sku: { name: "S1", capacity: 1 } });
  expect(r.status).toBe(200);
  expect(r.body.properties.eventHubEndpoints.events.partitionCount).toBe(8);
});

describe("missing resource group and hub (ARM envelope)", () => {
  const missingGroup = hubPath("anyhub", SUB, "no-such-group");
  test.each([
    ["GET", missingGroup],
    ["PUT", missingGroup],
    ["DELETE", missingGroup],
    ["POST", `${missingGroup}/listkeys`],
    ["GET", `/subscriptions/${SUB}/resourceGroups/no-such-group/providers/Microsoft.Devices/IotHubs`],
  ])("%s %s → 404 ResourceGroupNotFound", async (method, path) => {
    const r = await arm().call(method, path, { body: method === "PUT" ? hubBody(V2023) : undefined });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: "ResourceGroupNotFound", message: "Resource group 'no-such-group' could not be found." } });
  });

  test.each(API_VERSIONS)("GET of a missing hub → 404 ResourceNotFound with the real message (%s)", async (apiVersion) => {
    const r = await arm().call("GET", hubPath("nohub"), { apiVersion });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      error: {
        code: "ResourceNotFound",
        message: "The Resource 'Microsoft.Devices/IotHubs/nohub' under resource group 'rg-test' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      },
    });
  });
});
