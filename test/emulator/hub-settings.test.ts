import { hubBody, hubPath, RG, SUB, uniqueHubName, useEmulator, V2016, V2023, type Reply, type TestArm } from "./helpers";

/**
 * Hub settings on api-version 2023-06-30 (emulator/README.md, "Hub settings"): the defaults of a new hub, masked keys
 * and GET-modify-PUT, rights and enum casing, routing limits with their IoT Hub codes, the 404 after a
 * `disableLocalAuth` change, managed identities, unknown properties and the reorder switch.
 */
const { arm } = useEmulator();

beforeAll(async () => {
  await arm().createGroup();
});

const EH_CONNECTION = "Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LWtleS0x;EntityPath=hub1";
const SB_CONNECTION = "Endpoint=sb://ns2.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LWtleS0y;EntityPath=q1";
const STORAGE_CONNECTION = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c3RvcmFnZS1rZXk=;EndpointSuffix=core.windows.net";
const UAI = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-1`;

type Json = Record<string, unknown>;

function bodyWith(properties: Json, o: { sku?: string; extra?: Json } = {}): Json {
  const base = hubBody(V2023, { sku: o.sku });
  return { ...base, ...o.extra, properties: { ...(base.properties as Json), ...properties } };
}

function eventHub(name: string, extra: Json = {}): Json {
  return { name, connectionString: EH_CONNECTION, subscriptionId: SUB, resourceGroup: RG, ...extra };
}

function route(name: string, endpoint: string, extra: Json = {}): Json {
  return { name, source: "DeviceMessages", endpointNames: [endpoint], isEnabled: true, ...extra };
}

async function created(a: TestArm, body: Json, prefix = "hs"): Promise<string> {
  const name = uniqueHubName(prefix);
  await a.createHub(name, { body });
  return name;
}

async function get(a: TestArm, name: string): Promise<Reply> {
  const r = await a.call("GET", hubPath(name));
  expect(r.status).toBe(200);
  return r;
}

/** PUT as an update and wait for its operation; returns the PUT answer. */
async function update(a: TestArm, name: string, body: unknown): Promise<Reply> {
  const put = await a.call("PUT", hubPath(name), { body });
  expect(put.status).toBe(200);
  await a.waitForOperation(put.headers.get("azure-asyncoperation")!);
  return put;
}

function stored(a: TestArm, name: string): Json {
  return a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name }) as Json;
}

function expectIotHubError(r: Reply, code: number, message?: RegExp): void {
  expect(r.status).toBe(Math.floor(code / 1000));
  expect(r.body).toEqual({ code, httpStatusCode: expect.any(String), message: expect.stringMatching(new RegExp(`errorcode: IH${code}\\.$`)) });
  if (message) expect(r.body.message).toMatch(message);
}

describe("defaults of a new hub (2023-06-30 example bodies)", () => {
  test("routing, file upload, cloud-to-device and features as the create example shows them", async () => {
    const a = arm();
    const hub = (await get(a, await created(a, hubBody(V2023)))).body;
    expect(hub.properties).toMatchObject({
      ipFilterRules: [],
      routing: {
        endpoints: { serviceBusQueues: [], serviceBusTopics: [], eventHubs: [], storageContainers: [], cosmosDBSqlContainers: [] },
        routes: [],
        fallbackRoute: { name: "$fallback", source: "DeviceMessages", condition: "true", endpointNames: ["events"], isEnabled: true },
      },
      storageEndpoints: { $default: { sasTtlAsIso8601: "PT1H", connectionString: "", containerName: "" } },
      messagingEndpoints: { fileNotifications: { lockDurationAsIso8601: "PT1M", ttlAsIso8601: "PT1H", maxDeliveryCount: 10 } },
      enableFileUploadNotifications: false,
      cloudToDevice: { maxDeliveryCount: 10, defaultTtlAsIso8601: "PT1H", feedback: { lockDurationAsIso8601: "PT1M", ttlAsIso8601: "PT1H", maxDeliveryCount: 10 } },
      features: "None",
    });
    expect(hub.properties.routing).not.toHaveProperty("enrichments");
    expect(hub.properties).not.toHaveProperty("publicNetworkAccess");
    expect(hub.identity).toEqual({ type: "None" });
  });

  test("2016-02-03 answers keep to the 2016 swagger's fields (no routing, no identity)", async () => {
    const a = arm();
    const name = uniqueHubName("hs16");
    await a.createHub(name, { apiVersion: V2016 });
    const hub = (await a.call("GET", hubPath(name), { apiVersion: V2016 })).body;
    expect(Object.keys(hub.properties).sort()).toEqual(
      ["cloudToDevice", "enableFileUploadNotifications", "eventHubEndpoints", "features", "hostName", "ipFilterRules", "messagingEndpoints", "provisioningState", "state", "storageEndpoints"].sort(),
    );
    expect(hub).not.toHaveProperty("identity");
  });

  test("routing sent without fallbackRoute stores it disabled; partial objects are completed with defaults", async () => {
    const a = arm();
    const name = await created(a, bodyWith({
      routing: { endpoints: { eventHubs: [eventHub("eh1")] }, routes: [route("r1", "eh1", { condition: undefined })] },
      messagingEndpoints: { fileNotifications: { maxDeliveryCount: 5 } },
      cloudToDevice: { maxDeliveryCount: 7 },
    }));
    const p = (await get(a, name)).body.properties;
    expect(p.routing.fallbackRoute).toEqual({ name: "$fallback", source: "DeviceMessages", condition: "true", endpointNames: ["events"], isEnabled: false });
    expect(p.routing.endpoints.serviceBusQueues).toEqual([]);
    expect(p.routing.endpoints.cosmosDBSqlContainers).toEqual([]);
    expect(p.routing.routes).toEqual([{ name: "r1", source: "DeviceMessages", condition: "true", endpointNames: ["eh1"], isEnabled: true }]);
    expect(p.messagingEndpoints.fileNotifications).toEqual({ lockDurationAsIso8601: "PT1M", ttlAsIso8601: "PT1H", maxDeliveryCount: 5 });
    expect(p.cloudToDevice).toEqual({ maxDeliveryCount: 7, defaultTtlAsIso8601: "PT1H", feedback: { lockDurationAsIso8601: "PT1M", ttlAsIso8601: "PT1H", maxDeliveryCount: 10 } });
  });

  test("endpoints get a stable server id, keyBased authentication and the storage container defaults", async () => {
    const a = arm();
    const body = bodyWith({
      routing: {
        endpoints: {
          eventHubs: [eventHub("eh1")],
          storageContainers: [{ name: "st1", connectionString: STORAGE_CONNECTION, containerName: "c1", encoding: "AvroDeflate" }],
        },
        routes: [],
        fallbackRoute: { name: "$fallback", source: "DeviceMessages", condition: "true", endpointNames: ["events"], isEnabled: true },
      },
    });
    const name = await created(a, body);
    const first = (await get(a, name)).body.properties.routing.endpoints;
    expect(first.eventHubs[0]).toMatchObject({ name: "eh1", authenticationType: "keyBased", id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(first.storageContainers[0]).toMatchObject({
      batchFrequencyInSeconds: 300,
      maxChunkSizeInBytes: 314572800,
      encoding: "avrodeflate",
      fileNameFormat: "{iothub}/{partition}/{YYYY}/{MM}/{DD}/{HH}/{mm}",
      authenticationType: "keyBased",
    });
    await update(a, name, body);
    const second = (await get(a, name)).body.properties.routing.endpoints;
    expect(second.eventHubs[0].id).toBe(first.eventHubs[0].id);
    expect(second.storageContainers[0].id).toBe(first.storageContainers[0].id);
  });
});

describe("masked keys", () => {
  test("GET masks SharedAccessKey and AccountKey; the rest of each string stays as sent", async () => {
    const a = arm();
    const name = await created(a, bodyWith({
      routing: {
        endpoints: { eventHubs: [eventHub("eh1")], storageContainers: [{ name: "st1", connectionString: STORAGE_CONNECTION, containerName: "c1" }] },
        routes: [],
      },
      storageEndpoints: { $default: { connectionString: STORAGE_CONNECTION, containerName: "uploads" } },
    }));
    const r = await get(a, name);
    const p = r.body.properties;
    expect(p.routing.endpoints.eventHubs[0].connectionString).toBe(
      "Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=****;EntityPath=hub1",
    );
    expect(p.routing.endpoints.storageContainers[0].connectionString).toBe(
      "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=****;EndpointSuffix=core.windows.net",
    );
    expect(p.storageEndpoints.$default.connectionString).toBe("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=****;EndpointSuffix=core.windows.net");
    expect(r.text).not.toContain("c2VjcmV0LWtleS0x");
    expect(r.text).not.toContain("c3RvcmFnZS1rZXk=");
    // 2016 shows the file-upload storage endpoint masked too
    const legacy = await a.call("GET", hubPath(name), { apiVersion: V2016 });
    expect(legacy.text).not.toContain("c3RvcmFnZS1rZXk=");
  });

  test("a GET-modify-PUT keeps the stored keys of endpoints it did not touch and takes new ones it sets", async () => {
    const a = arm();
    const name = await created(a, bodyWith({
      routing: { endpoints: { eventHubs: [eventHub("eh1")], serviceBusQueues: [{ name: "q1", connectionString: SB_CONNECTION }] }, routes: [] },
      storageEndpoints: { $default: { connectionString: STORAGE_CONNECTION, containerName: "uploads" } },
    }));
    const hub = (await get(a, name)).body;
    // another tool adds a route and rotates the queue's key, sending everything else back as it read it
    hub.properties.routing.routes = [route("to-eh1", "eh1")];
    const rotated = SB_CONNECTION.replace("c2VjcmV0LWtleS0y", "bmV3LWtleQ==");
    hub.properties.routing.endpoints.serviceBusQueues[0].connectionString = rotated;
    await update(a, name, hub);
    const p = stored(a, name).properties as Json & { routing: Json & { endpoints: Record<string, Json[]> }; storageEndpoints: Record<string, Json> };
    expect(p.routing.endpoints.eventHubs[0].connectionString).toBe(EH_CONNECTION);
    expect(p.routing.endpoints.serviceBusQueues[0].connectionString).toBe(rotated);
    expect(p.storageEndpoints.$default.connectionString).toBe(STORAGE_CONNECTION);
    expect((await get(a, name)).body.properties.routing.routes).toHaveLength(1);
  });

  test("a masked key with nothing stored for that endpoint is refused (IH400116)", async () => {
    const a = arm();
    const name = uniqueHubName("hs");
    const masked = EH_CONNECTION.replace("c2VjcmV0LWtleS0x", "****");
    const r = await a.call("PUT", hubPath(name), { body: bodyWith({ routing: { endpoints: { eventHubs: [eventHub("eh1", { connectionString: masked })] }, routes: [] } }) });
    expectIotHubError(r, 400116, /^endpointName:eh1, exceptionMessage:/);
  });

  test("Cosmos DB keys are never shown and are kept when a PUT leaves them out", async () => {
    const a = arm();
    const cosmos = { name: "cos1", endpointUri: "https://acct.documents.azure.com:443", databaseName: "db", containerName: "c", primaryKey: "cHJpbWFyeQ==", secondaryKey: "c2Vjb25kYXJ5" };
    const name = await created(a, bodyWith({ routing: { endpoints: { cosmosDBSqlContainers: [cosmos] }, routes: [] } }));
    const hub = (await get(a, name)).body;
    expect(hub.properties.routing.endpoints.cosmosDBSqlContainers[0]).not.toHaveProperty("primaryKey");
    expect(hub.properties.routing.endpoints.cosmosDBSqlContainers[0]).not.toHaveProperty("secondaryKey");
    await update(a, name, hub);
    const kept = (stored(a, name).properties as { routing: { endpoints: Record<string, Json[]> } }).routing.endpoints.cosmosDBSqlContainers[0];
    expect(kept).toMatchObject({ primaryKey: "cHJpbWFyeQ==", secondaryKey: "c2Vjb25kYXJ5" });
  });
});

describe("normalisation", () => {
  test("access rights: any case and order in, the enum's order with comma and space out; RegistryWrite absorbs RegistryRead", async () => {
    const a = arm();
    const name = await created(a, bodyWith({
      authorizationPolicies: [
        { keyName: "a", rights: "serviceconnect,registryread" },
        { keyName: "b", rights: "DeviceConnect, ServiceConnect ,RegistryWrite" },
        { keyName: "c", rights: "RegistryRead, RegistryWrite" },
        { keyName: "d", rights: "deviceconnect, DeviceConnect" },
      ],
    }));
    const keys = await a.call("POST", `${hubPath(name)}/listkeys`);
    expect(keys.body.value.map((p: Json) => [p.keyName, p.rights])).toEqual([
      ["a", "RegistryRead, ServiceConnect"],
      ["b", "RegistryWrite, ServiceConnect, DeviceConnect"],
      ["c", "RegistryWrite"],
      ["d", "DeviceConnect"],
    ]);
  });

  test("an unknown access right is refused (IH400014) and names the policy", async () => {
    const r = await arm().call("PUT", hubPath(uniqueHubName("hs")), { body: bodyWith({ authorizationPolicies: [{ keyName: "p1", rights: "RegistryRead, Everything" }] }) });
    expectIotHubError(r, 400014, /'Everything' in policy 'p1'/);
  });

  test("enums come back in the swagger's casing; open enums keep unknown values", async () => {
    const a = arm();
    const name = await created(a, bodyWith({
      publicNetworkAccess: "disabled",
      features: "devicemanagement",
      ipFilterRules: [{ filterName: "f1", action: "reject", ipMask: "10.0.0.0/8" }],
      networkRuleSets: { applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: "n1", ipMask: "10.1.0.0/16" }] },
      routing: {
        endpoints: { eventHubs: [eventHub("eh1", { authenticationType: "KEYBASED" })] },
        routes: [route("r1", "eh1", { source: "twinchangeevents" }), route("r2", "events", { source: "DigitalTwinChangeEvents" })],
      },
    }));
    const p = (await get(a, name)).body.properties;
    expect(p.publicNetworkAccess).toBe("Disabled");
    expect(p.features).toBe("DeviceManagement");
    expect(p.ipFilterRules[0].action).toBe("Reject");
    expect(p.networkRuleSets).toEqual({ defaultAction: "Deny", applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: "n1", ipMask: "10.1.0.0/16", action: "Allow" }] });
    expect(p.routing.endpoints.eventHubs[0].authenticationType).toBe("keyBased");
    expect(p.routing.routes.map((r: Json) => r.source)).toEqual(["TwinChangeEvents", "DigitalTwinChangeEvents"]);
  });

  test("a closed enum refuses values outside it (ipFilterRules action)", async () => {
    const r = await arm().call("PUT", hubPath(uniqueHubName("hs")), { body: bodyWith({ ipFilterRules: [{ filterName: "f1", action: "Allow", ipMask: "10.0.0.0/8" }] }) });
    expectIotHubError(r, 400002, /ipFilterRules\[0\]\.action/);
  });

  test("unknown properties are stored and returned as sent (and survive an update that repeats them)", async () => {
    const a = arm();
    const extra = { someFuturePreviewSetting: { mode: "on", levels: [3, 1, 2] }, enableDataResidency: false, disableDeviceSAS: true, minTlsVersion: "1.2" };
    const name = await created(a, bodyWith(extra));
    expect((await get(a, name)).body.properties).toMatchObject(extra);
    const hub = (await get(a, name)).body;
    await update(a, name, hub);
    expect((await get(a, name)).body.properties).toMatchObject(extra);
  });
});

describe("limits and names (400 with IoT Hub codes)", () => {
  const eleven = Array.from({ length: 11 }, (_, i) => eventHub(`eh${i}`));
  const cases: Array<{ why: string; sku?: string; properties: Json; code: number; message?: RegExp }> = [
    { why: "11 custom endpoints on a paid hub", properties: { routing: { endpoints: { eventHubs: eleven } } }, code: 400104, message: /at most 10/ },
    {
      why: "2 custom endpoints of different kinds on a Free hub",
      sku: "F1",
      properties: { routing: { endpoints: { eventHubs: [eventHub("a")], serviceBusQueues: [{ name: "b", connectionString: SB_CONNECTION }] } } },
      code: 400104,
      message: /at most 1 /,
    },
    { why: "101 routes", properties: { routing: { routes: Array.from({ length: 101 }, (_, i) => route(`r${i}`, "events")) } }, code: 400105 },
    { why: "6 routes on a Free hub", sku: "F1", properties: { routing: { routes: Array.from({ length: 6 }, (_, i) => route(`r${i}`, "events")) } }, code: 400105 },
    {
      why: "11 enrichments",
      properties: { routing: { enrichments: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: "v", endpointNames: ["events"] })) } },
      code: 400106,
    },
    {
      why: "3 enrichments on a Free hub",
      sku: "F1",
      properties: { routing: { enrichments: Array.from({ length: 3 }, (_, i) => ({ key: `k${i}`, value: "v", endpointNames: ["events"] })) } },
      code: 400106,
    },
    { why: "endpoint named events", properties: { routing: { endpoints: { eventHubs: [eventHub("events")] } } }, code: 400102, message: /reserved/ },
    { why: "endpoint named fileNotifications", properties: { routing: { endpoints: { eventHubs: [eventHub("FileNotifications")] } } }, code: 400102 },
    { why: "endpoint named operationsMonitoringEvents", properties: { routing: { endpoints: { eventHubs: [eventHub("operationsMonitoringEvents")] } } }, code: 400102 },
    { why: "endpoint named $default", properties: { routing: { endpoints: { eventHubs: [eventHub("$default")] } } }, code: 400102 },
    { why: "endpoint name of 65 characters", properties: { routing: { endpoints: { eventHubs: [eventHub("x".repeat(65))] } } }, code: 400102 },
    {
      why: "the same endpoint name in two kinds",
      properties: { routing: { endpoints: { eventHubs: [eventHub("dup")], serviceBusTopics: [{ name: "DUP", connectionString: SB_CONNECTION }] } } },
      code: 400103,
    },
    { why: "a route naming a missing endpoint", properties: { routing: { routes: [route("r1", "nowhere")] } }, code: 400108, message: /^EndpointName:nowhere is not from a valid type\./ },
    { why: "an enrichment naming a missing endpoint", properties: { routing: { enrichments: [{ key: "k", value: "v", endpointNames: ["nowhere"] }] } }, code: 400108 },
    { why: "the fallback route naming a missing endpoint", properties: { routing: { fallbackRoute: { source: "DeviceMessages", endpointNames: ["nowhere"], isEnabled: true } } }, code: 400108 },
    { why: "two routes with one name", properties: { routing: { routes: [route("r", "events"), route("R", "events")] } }, code: 400107 },
    { why: "a route with two endpoints", properties: { routing: { routes: [{ ...route("r", "events"), endpointNames: ["events", "events"] }] } }, code: 400101 },
    { why: "a route without isEnabled", properties: { routing: { routes: [{ ...route("r", "events"), isEnabled: undefined }] } }, code: 400101, message: /isEnabled/ },
    ...[59, 721].map((batchFrequencyInSeconds) => ({
      why: `batch frequency ${batchFrequencyInSeconds} s`,
      properties: { routing: { endpoints: { storageContainers: [{ name: "st", connectionString: STORAGE_CONNECTION, containerName: "c", batchFrequencyInSeconds }] } } },
      code: 400109,
      message: /between 60 and 720/,
    })),
    ...[10_485_759, 524_288_001].map((maxChunkSizeInBytes) => ({
      why: `chunk size ${maxChunkSizeInBytes} bytes`,
      properties: { routing: { endpoints: { storageContainers: [{ name: "st", connectionString: STORAGE_CONNECTION, containerName: "c", maxChunkSizeInBytes }] } } },
      code: 400109,
      message: /between 10485760 and 524288000/,
    })),
    { why: "a storage container endpoint without containerName", properties: { routing: { endpoints: { storageContainers: [{ name: "st", connectionString: STORAGE_CONNECTION }] } } }, code: 400109 },
    { why: "fileNotifications maxDeliveryCount 0", properties: { messagingEndpoints: { fileNotifications: { maxDeliveryCount: 0 } } }, code: 400017 },
    { why: "cloudToDevice maxDeliveryCount 101", properties: { cloudToDevice: { maxDeliveryCount: 101 } }, code: 400017 },
    { why: "feedback maxDeliveryCount 101", properties: { cloudToDevice: { feedback: { maxDeliveryCount: 101 } } }, code: 400017, message: /feedback/ },
  ];
  test.each(cases)("$why → IH$code", async (c) => {
    const a = arm();
    const name = uniqueHubName("hs");
    const r = await a.call("PUT", hubPath(name), { body: bodyWith(c.properties, { sku: c.sku }) });
    expectIotHubError(r, c.code, c.message);
    expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name })).toBeUndefined();
  });

  test("the limits themselves are accepted: 10 endpoints across kinds, 100 routes, 10 enrichments, batch 60/720, chunk 10/500 MB", async () => {
    const a = arm();
    const endpoints = {
      eventHubs: Array.from({ length: 7 }, (_, i) => eventHub(`eh${i}`)),
      storageContainers: [
        { name: "st-min", connectionString: STORAGE_CONNECTION, containerName: "c", batchFrequencyInSeconds: 60, maxChunkSizeInBytes: 10_485_760 },
        { name: "st-max", connectionString: STORAGE_CONNECTION, containerName: "c", batchFrequencyInSeconds: 720, maxChunkSizeInBytes: 524_288_000 },
      ],
      serviceBusQueues: [{ name: "q", connectionString: SB_CONNECTION }],
    };
    const name = await created(a, bodyWith({
      routing: {
        endpoints,
        routes: Array.from({ length: 100 }, (_, i) => route(`r${i}`, i % 2 ? "events" : "q")),
        enrichments: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: "v", endpointNames: ["eh0", "events"] })),
      },
    }));
    const routing = (await get(a, name)).body.properties.routing;
    expect(routing.routes).toHaveLength(100);
    expect(routing.enrichments).toHaveLength(10);
  });

  test("an update over the limit is refused and leaves the hub as it was", async () => {
    const a = arm();
    const name = await created(a, bodyWith({ routing: { endpoints: { eventHubs: [eventHub("eh1")] }, routes: [] } }));
    const before = (await get(a, name)).body;
    const r = await a.call("PUT", hubPath(name), { body: bodyWith({ routing: { endpoints: { eventHubs: eleven } } }) });
    expectIotHubError(r, 400104);
    expect((await get(a, name)).body).toEqual(before);
  });
});

describe("404 after an update that changes disableLocalAuth", () => {
  test("the next 2 GETs after the update succeeded answer ARM 404, then the hub is back", async () => {
    const a = arm();
    const name = await created(a, hubBody(V2023));
    await update(a, name, bodyWith({ disableLocalAuth: true }));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await a.call("GET", hubPath(name))).status);
    expect(statuses).toEqual([404, 404, 200]);
    expect((await a.call("GET", hubPath(name))).body.properties.disableLocalAuth).toBe(true);
  });

  test("an update that keeps disableLocalAuth as it was answers GETs at once", async () => {
    const a = arm();
    const name = await created(a, bodyWith({ disableLocalAuth: true }));
    await update(a, name, bodyWith({ disableLocalAuth: true, comments: "changed" }));
    expect((await a.call("GET", hubPath(name))).status).toBe(200);
  });

  describe("with notFoundGetsAfterLocalAuthChange: 0", () => {
    const off = useEmulator({ notFoundGetsAfterLocalAuthChange: 0 });
    test("the quirk is off", async () => {
      const a = off.arm();
      await a.createGroup();
      const name = await created(a, hubBody(V2023));
      await update(a, name, bodyWith({ disableLocalAuth: true }));
      expect((await a.call("GET", hubPath(name))).status).toBe(200);
    });
  });
});

describe("managed identities", () => {
  test("system- and user-assigned identities get ids that stay the same across GETs and updates", async () => {
    const a = arm();
    const identity = { type: "systemassigned,userassigned", userAssignedIdentities: { [UAI]: {} } };
    const name = await created(a, bodyWith({}, { extra: { identity } }));
    const first = (await get(a, name)).body.identity;
    expect(first).toEqual({
      type: "SystemAssigned, UserAssigned",
      principalId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tenantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userAssignedIdentities: { [UAI]: { principalId: expect.stringMatching(/^[0-9a-f-]{36}$/), clientId: expect.stringMatching(/^[0-9a-f-]{36}$/) } },
    });
    expect((await get(a, name)).body.identity).toEqual(first);
    await update(a, name, (await get(a, name)).body);
    expect((await get(a, name)).body.identity).toEqual(first);
    // dropping the system-assigned identity and adding it back creates a new one
    await update(a, name, bodyWith({}, { extra: { identity: { type: "UserAssigned", userAssignedIdentities: { [UAI.toUpperCase()]: {} } } } }));
    const userOnly = (await get(a, name)).body.identity;
    expect(userOnly).not.toHaveProperty("principalId");
    expect(Object.values(userOnly.userAssignedIdentities)).toEqual([first.userAssignedIdentities[UAI]]);
    await update(a, name, bodyWith({}, { extra: { identity: { type: "SystemAssigned" } } }));
    expect((await get(a, name)).body.identity.principalId).not.toBe(first.principalId);
  });

  test("identity-based endpoints: with a user-assigned identity of the hub, or the system-assigned one", async () => {
    const a = arm();
    const identity = { type: "SystemAssigned, UserAssigned", userAssignedIdentities: { [UAI]: {} } };
    const endpoints = {
      eventHubs: [{ name: "eh-uai", endpointUri: "sb://ns1.servicebus.windows.net", entityPath: "hub1", authenticationType: "identityBased", identity: { userAssignedIdentity: UAI } }],
      serviceBusQueues: [{ name: "q-sys", endpointUri: "sb://ns2.servicebus.windows.net", entityPath: "q1", authenticationType: "identityBased" }],
    };
    const name = await created(a, bodyWith({ routing: { endpoints, routes: [] } }, { extra: { identity } }));
    const got = (await get(a, name)).body.properties.routing.endpoints;
    expect(got.eventHubs[0]).toMatchObject({ authenticationType: "identityBased", identity: { userAssignedIdentity: UAI } });
    expect(got.serviceBusQueues[0]).toMatchObject({ authenticationType: "identityBased" });
  });

  const refused: Array<{ why: string; identity?: Json; properties?: Json; message: RegExp }> = [
    { why: "an unknown identity type", identity: { type: "Everything" }, message: /identity\.type/ },
    { why: "UserAssigned without identities", identity: { type: "UserAssigned" }, message: /needs at least one/ },
    { why: "identities with type SystemAssigned", identity: { type: "SystemAssigned", userAssignedIdentities: { [UAI]: {} } }, message: /only allowed/ },
    {
      why: "an endpoint naming an identity the hub does not have",
      identity: { type: "SystemAssigned" },
      properties: { routing: { endpoints: { eventHubs: [{ name: "e", authenticationType: "identityBased", identity: { userAssignedIdentity: UAI } }] } } },
      message: /not a user-assigned identity of the hub/,
    },
    {
      why: "an identity-based endpoint on a hub without a system-assigned identity",
      properties: { routing: { endpoints: { eventHubs: [{ name: "e", authenticationType: "identityBased" }] } } },
      message: /no system-assigned identity/,
    },
  ];
  test.each(refused)("refused (IH400015): $why", async (c) => {
    const r = await arm().call("PUT", hubPath(uniqueHubName("hs")), { body: bodyWith(c.properties ?? {}, { extra: c.identity ? { identity: c.identity } : {} }) });
    expectIotHubError(r, 400015, c.message);
  });
});

describe("list order", () => {
  const properties = {
    ipFilterRules: [
      { filterName: "f1", action: "Accept", ipMask: "10.0.0.1" },
      { filterName: "f2", action: "Reject", ipMask: "0.0.0.0/0" },
    ],
    networkRuleSets: { defaultAction: "Deny", applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: "n1", action: "Allow", ipMask: "10.1.0.0/16" }, { filterName: "n2", action: "Allow", ipMask: "10.2.0.0/16" }] },
    allowedFqdnList: ["a.example.com", "b.example.com"],
    routing: {
      endpoints: { eventHubs: [eventHub("eh1"), eventHub("eh2")] },
      routes: [route("r1", "eh1"), route("r2", "eh2")],
      enrichments: [{ key: "k1", value: "v", endpointNames: ["eh1", "eh2"] }, { key: "k2", value: "v", endpointNames: ["events"] }],
    },
  };
  const names = (hub: Reply): Json => {
    const p = hub.body.properties;
    return {
      ipFilterRules: p.ipFilterRules.map((r: Json) => r.filterName),
      ipRules: p.networkRuleSets.ipRules.map((r: Json) => r.filterName),
      fqdns: p.allowedFqdnList,
      eventHubs: p.routing.endpoints.eventHubs.map((e: Json) => e.name),
      routes: p.routing.routes.map((r: Json) => r.name),
      enrichments: p.routing.enrichments.map((e: Json) => e.key),
      enrichmentEndpoints: p.routing.enrichments[p.routing.enrichments.length - 1].endpointNames,
    };
  };
  const asSent = { ipFilterRules: ["f1", "f2"], ipRules: ["n1", "n2"], fqdns: ["a.example.com", "b.example.com"], eventHubs: ["eh1", "eh2"], routes: ["r1", "r2"], enrichments: ["k1", "k2"], enrichmentEndpoints: ["events"] };
  const reversed = { ipFilterRules: ["f2", "f1"], ipRules: ["n2", "n1"], fqdns: ["b.example.com", "a.example.com"], eventHubs: ["eh2", "eh1"], routes: ["r2", "r1"], enrichments: ["k2", "k1"], enrichmentEndpoints: ["eh2", "eh1"] };

  test("lists come back in the order they were sent", async () => {
    const a = arm();
    const name = await created(a, bodyWith(properties));
    expect(names(await get(a, name))).toEqual(asSent);
  });

  test("outOfBand.reorderHubLists reverses what answers show, without changing the stored order or the etag", async () => {
    const a = arm();
    const name = await created(a, bodyWith(properties));
    const before = await get(a, name);
    a.emulator.outOfBand.reorderHubLists({ subscriptionId: SUB, resourceGroup: RG, name });
    const after = await get(a, name);
    expect(names(after)).toEqual(reversed);
    expect(after.body.etag).toBe(before.body.etag);
    const listed = await a.call("GET", `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Devices/IotHubs`);
    expect(names({ ...listed, body: listed.body.value.find((h: Json) => h.name === name) })).toEqual(reversed);
    expect(((stored(a, name).properties as Json).ipFilterRules as Json[]).map((r) => r.filterName)).toEqual(["f1", "f2"]);
    // the same through the control route, switched off again
    const off = await fetch(`${a.url}/_emulator/outOfBand/reorderHubLists`, { method: "POST", body: JSON.stringify({ subscriptionId: SUB, resourceGroup: RG, name, enabled: false }) });
    expect(off.status).toBe(204);
    expect(names(await get(a, name))).toEqual(asSent);
  });

  describe("with the emulator option reorderLists: true", () => {
    const reordering = useEmulator({ reorderLists: true });
    test("every hub answers with its lists reversed, the PUT answer included", async () => {
      const a = reordering.arm();
      await a.createGroup();
      const name = uniqueHubName("hs");
      const put = await a.call("PUT", hubPath(name), { body: bodyWith(properties) });
      expect(names(put)).toEqual(reversed);
      await a.waitForOperation(put.headers.get("azure-asyncoperation")!);
      expect(names(await get(a, name))).toEqual(reversed);
    });
  });
});
