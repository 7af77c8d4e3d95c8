import { API_VERSIONS, hubBody, hubPath, OTHER_SUB, RG, SUB, uniqueHubName, useEmulator, V2016, V2023 } from "./helpers";

/** Hub operations on both api-versions: body shapes, server-assigned fields, lists with paging, keys. */
const { arm } = useEmulator({ pageSize: 2 });

beforeAll(async () => {
  await arm().createGroup();
  await arm().createGroup("rg-list");
});

describe.each(API_VERSIONS)("api-version %s", (apiVersion) => {
  test("GET returns the server-assigned fields and never the keys", async () => {
    const a = arm();
    const name = uniqueHubName("Shape");
    await a.createHub(name, { apiVersion });
    const r = await a.call("GET", hubPath(name), { apiVersion });
    expect(r.status).toBe(200);
    const b = r.body;
    expect(b).toMatchObject({
      id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Devices/IotHubs/${name}`,
      name,
      type: "Microsoft.Devices/IotHubs",
      location: "westus",
      subscriptionid: SUB,
      resourcegroup: RG,
      sku: { name: "S1", tier: "Standard", capacity: 1 },
    });
    expect(b.properties.hostName).toBe(`${name.toLowerCase()}.azure-devices.net`);
    expect(b.properties.state).toBe("Active");
    expect(b.properties.provisioningState).toBe("Succeeded");
    expect(b.properties.eventHubEndpoints.events).toMatchObject({
      partitionCount: 4,
      partitionIds: ["0", "1", "2", "3"],
      path: name.toLowerCase(),
    });
    expect(b.properties.eventHubEndpoints.events.endpoint).toMatch(/^sb:\/\/iothub-ns-[a-z0-9-]+-\d+\.servicebus\.windows\.net\/$/);
    expect(b.properties).not.toHaveProperty("authorizationPolicies");
    expect(r.text).not.toMatch(/primaryKey/);
    if (apiVersion === V2016) {
      expect(b.properties.eventHubEndpoints.operationsMonitoringEvents.path).toBe(`${name.toLowerCase()}-operationmonitoring`);
      expect(b).not.toHaveProperty("identity");
      expect(b).not.toHaveProperty("systemData");
      expect(b.properties).not.toHaveProperty("routing");
    } else {
      expect(b.properties.eventHubEndpoints).not.toHaveProperty("operationsMonitoringEvents");
      expect(b.identity).toEqual({ type: "None" });
      expect(Date.parse(b.systemData.createdAt)).not.toBeNaN();
      expect(b.properties.locations).toEqual([{ location: "westus", role: "primary" }]);
      expect(b.properties.routing.fallbackRoute.name).toBe("$fallback");
    }
  });

  test("listkeys returns the five default policies with distinct 256-bit keys; IotHubKeys/{name}/listkeys one", async () => {
    const a = arm();
    const name = uniqueHubName("keys");
    await a.createHub(name, { apiVersion });
    const r = await a.call("POST", `${hubPath(name)}/listkeys`, { apiVersion });
    expect(r.status).toBe(200);
    const all = [] as Array<{ keyName: string; primaryKey: string; secondaryKey: string; rights: string }>;
    let page = r.body;
    for (;;) {
      all.push(...page.value);
      if (!page.nextLink) break;
      page = (await a.call("GET", page.nextLink)).body; // later pages by GET, as the SDK fetches them
    }
    expect(all.map((p) => [p.keyName, p.rights])).toEqual([
      ["iothubowner", "RegistryWrite, ServiceConnect, DeviceConnect"],
      ["service", "ServiceConnect"],
      ["device", "DeviceConnect"],
      ["registryRead", "RegistryRead"],
      ["registryReadWrite", "RegistryWrite"],
    ]);
    expect(r.body.nextLink).toBeDefined(); // pageSize 2: three pages
    const keys = all.flatMap((p) => [p.primaryKey, p.secondaryKey]);
    expect(new Set(keys).size).toBe(10);
    for (const k of keys) expect(Buffer.from(k, "base64")).toHaveLength(32);

    const one = await a.call("POST", `${hubPath(name)}/IotHubKeys/service/listkeys`, { apiVersion });
    expect(one.body).toEqual(all[1]);
    const missing = await a.call("POST", `${hubPath(name)}/IotHubKeys/nope/listkeys`, { apiVersion });
    expect(missing.status).toBe(404);
  });

  test("PUT stores the given authorization policies: given keys kept, missing keys generated, kept across updates", async () => {
    const a = arm();
    const name = uniqueHubName("pol");
    const given = "A".repeat(43) + "=";
    const body = {
      ...hubBody(apiVersion),
      properties: {
        ...(hubBody(apiVersion).properties as object),
        authorizationPolicies: [
          { keyName: "custom", primaryKey: given, rights: "ServiceConnect" },
          { keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect" },
        ],
      },
    };
    await a.createHub(name, { apiVersion, body });
    const listed = (await a.call("POST", `${hubPath(name)}/listkeys`, { apiVersion })).body.value;
    expect(listed.map((p: { keyName: string }) => p.keyName)).toEqual(["custom", "iothubowner"]);
    expect(listed[0].primaryKey).toBe(given);
    expect(Buffer.from(listed[0].secondaryKey, "base64")).toHaveLength(32);

    // GET-modify-PUT without keys (GET never shows them) keeps the existing keys
    const update = await a.call("PUT", hubPath(name), { apiVersion, body: { ...body, tags: { x: "1" } } });
    await a.waitForOperation(update.headers.get("azure-asyncoperation")!);
    const after = (await a.call("POST", `${hubPath(name)}/listkeys`, { apiVersion })).body.value;
    expect(after).toEqual(listed);
  });

  test("list by resource group and by subscription page with nextLink", async () => {
    const a = arm();
    const sub = `${OTHER_SUB.slice(0, -3)}${apiVersion === V2016 ? "016" : "023"}`;
    await a.createGroup("rg-a", sub);
    await a.createGroup("rg-b", sub);
    const names = [uniqueHubName("list"), uniqueHubName("list"), uniqueHubName("list")];
    await a.createHub(names[0], { apiVersion, sub, rg: "rg-a" });
    await a.createHub(names[1], { apiVersion, sub, rg: "rg-a" });
    await a.createHub(names[2], { apiVersion, sub, rg: "rg-b" });

    const collect = async (path: string): Promise<{ names: string[]; pages: number }> => {
      let r = await a.call("GET", path, { apiVersion });
      const seen: string[] = [];
      let pages = 0;
      for (;;) {
        expect(r.status).toBe(200);
        pages += 1;
        seen.push(...r.body.value.map((h: { name: string }) => h.name));
        if (!r.body.nextLink) return { names: seen, pages };
        expect(r.body.nextLink).toContain(`api-version=${apiVersion}`);
        r = await a.call("GET", r.body.nextLink);
      }
    };
    expect(await collect(`/subscriptions/${sub}/resourceGroups/rg-a/providers/Microsoft.Devices/IotHubs`)).toEqual({ names: names.slice(0, 2), pages: 1 });
    const bySub = await collect(`/subscriptions/${sub}/providers/Microsoft.Devices/IotHubs`);
    expect(bySub.names.sort()).toEqual([...names].sort());
    expect(bySub.pages).toBe(2); // pageSize 2
    const empty = await a.call("GET", `/subscriptions/${sub}/resourceGroups/rg-a/providers/Microsoft.Devices/IotHubs/${names[2]}`, { apiVersion });
    expect(empty.status).toBe(404); // lives in rg-b
  });

  test("IotHubStats answers zero devices", async () => {
    const a = arm();
    const name = uniqueHubName("stats");
    await a.createHub(name, { apiVersion });
    const r = await a.call("GET", `${hubPath(name)}/IotHubStats`, { apiVersion });
    expect(r.body).toEqual({ totalDeviceCount: 0, enabledDeviceCount: 0, disabledDeviceCount: 0 });
  });
});

test("a hub created with 2023-06-30 keeps its newer properties when a 2016-02-03 client updates it", async () => {
  const a = arm();
  const name = uniqueHubName("mixed");
  const body = { ...hubBody(V2023), properties: { ...(hubBody(V2023).properties as object), minTlsVersion: "1.2" } };
  await a.createHub(name, { body });
  const put = await a.call("PUT", hubPath(name), { apiVersion: V2016, body: { ...hubBody(V2016), tags: { by: "2016" } } });
  expect(put.status).toBe(200);
  await a.waitForOperation(put.headers.get("azure-asyncoperation")!);
  const got = await a.call("GET", hubPath(name), { apiVersion: V2023 });
  expect(got.body.properties.minTlsVersion).toBe("1.2");
  expect(got.body.tags).toEqual({ by: "2016" });
});

test("PUT is full replacement: properties left out fall back to defaults", async () => {
  const a = arm();
  const name = uniqueHubName("replace");
  const body = { ...hubBody(V2023), properties: { ...(hubBody(V2023).properties as object), comments: "first" } };
  await a.createHub(name, { body });
  const put = await a.call("PUT", hubPath(name), { body: hubBody(V2023) });
  await a.waitForOperation(put.headers.get("azure-asyncoperation")!);
  const got = await a.call("GET", hubPath(name));
  expect(got.body.properties).not.toHaveProperty("comments");
  expect(got.body.properties.features).toBe("None");
});

test("hub and resource-group names are case-insensitive in paths", async () => {
  const a = arm();
  const name = uniqueHubName("Case");
  await a.createHub(name);
  const r = await a.call("GET", hubPath(name.toUpperCase(), SUB, RG.toUpperCase()).replace("IotHubs", "iothubs"));
  expect(r.status).toBe(200);
  expect(r.body.name).toBe(name);
});

test("a hub created with 2023-06-30 shows an operationsMonitoringEvents endpoint to 2016-02-03 clients", async () => {
  const a = arm();
  const name = uniqueHubName("cross");
  await a.createHub(name, { body: hubBody(V2023, { partitionCount: 2 }) });
  const got = await a.call("GET", hubPath(name), { apiVersion: V2016 });
  expect(got.body.properties.eventHubEndpoints.operationsMonitoringEvents).toMatchObject({
    partitionCount: 2,
    partitionIds: ["0", "1"],
    path: `${name}-operationmonitoring`,
  });
  // and a 2016 client may create consumer groups on it
  const cg = await a.call("PUT", `${hubPath(name)}/eventHubEndpoints/operationsMonitoringEvents/ConsumerGroups/ops`, { apiVersion: V2016 });
  expect(cg.status).toBe(200);
});

test("identity: SystemAssigned gets server ids that survive updates; user-assigned identities get ids", async () => {
  const a = arm();
  const name = uniqueHubName("ident");
  const uai = "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u";
  const body = { ...hubBody(V2023), identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: { [uai]: {} } } };
  await a.createHub(name, { body });
  const first = (await a.call("GET", hubPath(name))).body.identity;
  expect(first.type).toBe("SystemAssigned, UserAssigned");
  expect(first.principalId).toMatch(/^[0-9a-f-]{36}$/);
  expect(first.tenantId).toMatch(/^[0-9a-f-]{36}$/);
  expect(first.userAssignedIdentities[uai].clientId).toMatch(/^[0-9a-f-]{36}$/);
  const put = await a.call("PUT", hubPath(name), { body });
  await a.waitForOperation(put.headers.get("azure-asyncoperation")!);
  expect((await a.call("GET", hubPath(name))).body.identity.principalId).toBe(first.principalId);
});

test.each([
  ["a body that is an array", []],
  ["properties that are not an object", { location: "westus", sku: { name: "S1", capacity: 1 }, properties: "x" }],
  ["authorizationPolicies that are not an array", { location: "westus", sku: { name: "S1", capacity: 1 }, properties: { authorizationPolicies: {} } }],
  ["a policy without rights", { location: "westus", sku: { name: "S1", capacity: 1 }, properties: { authorizationPolicies: [{ keyName: "k" }] } }],
  ["duplicate policies", { location: "westus", sku: { name: "S1", capacity: 1 }, properties: { authorizationPolicies: [{ keyName: "k", rights: "ServiceConnect" }, { keyName: "K", rights: "ServiceConnect" }] } }],
])("PUT with %s → 400 IH400002, nothing created", async (_why, body) => {
  const a = arm();
  const name = uniqueHubName("badbody");
  const r = await a.call("PUT", hubPath(name), { body });
  expect(r.status).toBe(400);
  expect(r.body.code).toBe(400002);
  expect((await a.call("GET", hubPath(name))).status).toBe(404);
});
