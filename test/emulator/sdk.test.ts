import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { IotHubClient } from "@azure/arm-iothub";
import { DEV_TOKEN, startEmulator, type RunningEmulator } from "../../emulator";
import { RG, SUB, uniqueHubName } from "./helpers";
import { localhostCertificate } from "../../tools/tls/localhost-certificate";

/**
 * The official @azure/arm-iothub client (api-version 2023-06-30), unchanged, against the emulator over HTTPS —
 * as Azurite's tests drive the storage SDK. The certificate is trusted through the client's own TLS options only.
 */
const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: DEV_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const POLL = { updateIntervalInMs: 10 };

let emulator: RunningEmulator;
let client: IotHubClient;

beforeAll(async () => {
  const tls = await localhostCertificate();
  // pageSize 2: the SDK must follow nextLink for keys and consumer groups
  emulator = await startEmulator({ tls, provisioningMs: 30, retryAfterSeconds: 0, pageSize: 2 });
  client = new IotHubClient(credential, SUB, {
    endpoint: emulator.url,
    tlsOptions: { ca: tls.cert },
    retryOptions: { maxRetries: 0 },
  });
  emulator.outOfBand.createResourceGroup({ subscriptionId: SUB, name: RG });
  emulator.outOfBand.createResourceGroup({ subscriptionId: SUB, name: `${RG}-other` });
});

afterAll(async () => {
  await emulator?.close();
});

test("serves HTTPS", () => {
  expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
});

test("create-and-wait, get, lists, listKeys, consumer groups and delete-and-wait through the official SDK", async () => {
  const name = uniqueHubName("sdk");
  const other = uniqueHubName("sdk-other");

  const created = await client.iotHubResource.beginCreateOrUpdateAndWait(
    RG,
    name,
    { location: "westus", sku: { name: "S1", capacity: 1 }, properties: { eventHubEndpoints: { events: { partitionCount: 2, retentionTimeInDays: 1 } } } },
    POLL,
  );
  expect(created.name).toBe(name);
  expect(created.properties?.state).toBe("Active");
  expect(created.properties?.provisioningState).toBe("Succeeded");
  expect(created.properties?.hostName).toBe(`${name}.azure-devices.net`);
  expect(created.properties?.eventHubEndpoints?.events.partitionIds).toEqual(["0", "1"]);
  expect(created.sku.tier).toBe("Standard");
  expect(created.etag).toMatch(/^[A-Za-z0-9+/]{11}=$/);

  await client.iotHubResource.beginCreateOrUpdateAndWait(RG + "-other", other, { location: "westus", sku: { name: "S2", capacity: 2 } }, POLL);

  const got = await client.iotHubResource.get(RG, name);
  expect(got.etag).toBe(created.etag);
  expect(got.properties?.authorizationPolicies).toBeUndefined();

  const inGroup: string[] = [];
  for await (const hub of client.iotHubResource.listByResourceGroup(RG)) inGroup.push(hub.name!);
  expect(inGroup).toEqual([name]);
  const inSubscription: string[] = [];
  for await (const hub of client.iotHubResource.listBySubscription()) inSubscription.push(hub.name!);
  expect(inSubscription.sort()).toEqual([name, other].sort());

  const keys: string[] = [];
  for await (const rule of client.iotHubResource.listKeys(RG, name)) {
    expect(Buffer.from(rule.primaryKey!, "base64")).toHaveLength(32);
    keys.push(rule.keyName);
  }
  expect(keys).toEqual(["iothubowner", "service", "device", "registryRead", "registryReadWrite"]);
  const owner = await client.iotHubResource.getKeysForKeyName(RG, name, "iothubowner");
  expect(owner.rights).toBe("RegistryWrite, ServiceConnect, DeviceConnect");

  const group = await client.iotHubResource.createEventHubConsumerGroup(RG, name, "events", "analytics", { properties: { name: "analytics" } });
  expect(group.name).toBe("analytics");
  expect(group.etag ?? null).toBeNull();
  const groups: string[] = [];
  for await (const g of client.iotHubResource.listEventHubConsumerGroups(RG, name, "events")) groups.push(g.name!);
  expect(groups).toEqual(["$Default", "analytics"]);
  await client.iotHubResource.createEventHubConsumerGroup(RG, name, "events", "third", { properties: { name: "third" } });
  const threeGroups: string[] = [];
  for await (const g of client.iotHubResource.listEventHubConsumerGroups(RG, name, "events")) threeGroups.push(g.name!);
  expect(threeGroups).toEqual(["$Default", "analytics", "third"]);
  await client.iotHubResource.deleteEventHubConsumerGroup(RG, name, "events", "third");
  await client.iotHubResource.deleteEventHubConsumerGroup(RG, name, "events", "analytics");
  const afterDelete: string[] = [];
  for await (const g of client.iotHubResource.listEventHubConsumerGroups(RG, name, "events")) afterDelete.push(g.name!);
  expect(afterDelete).toEqual(["$Default"]);

  const availability = await client.iotHubResource.checkNameAvailability({ name });
  expect(availability).toMatchObject({ nameAvailable: false, reason: "AlreadyExists" });

  await client.iotHubResource.beginDeleteAndWait(RG, name, POLL);
  await expect(client.iotHubResource.get(RG, name)).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  await client.iotHubResource.beginDeleteAndWait(RG + "-other", other, POLL);
});

test("the SDK surfaces the RP's flat error with its numeric code", async () => {
  const name = uniqueHubName("sdk-bad");
  await expect(
    client.iotHubResource.beginCreateOrUpdateAndWait(RG, name, { location: "westus", sku: { name: "F1", capacity: 1 }, properties: { eventHubEndpoints: { events: { partitionCount: 4 } } } }, POLL),
  ).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining("IH400016") });
  const availability = await client.iotHubResource.checkNameAvailability({ name });
  expect(availability).toEqual({ nameAvailable: true, reason: "Invalid", message: null }); // nothing was created
});

test("hub settings round-trip through the SDK's models: routing, identity, network rules; keys come back masked", async () => {
  const name = uniqueHubName("sdk-settings");
  const uai = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-sdk`;
  const connectionString = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2RrLWtleQ==;EntityPath=eh";
  const created = await client.iotHubResource.beginCreateOrUpdateAndWait(
    RG,
    name,
    {
      location: "westus",
      sku: { name: "S1", capacity: 1 },
      identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: { [uai]: {} } },
      properties: {
        publicNetworkAccess: "Enabled",
        minTlsVersion: "1.2",
        networkRuleSets: { applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: "lab", ipMask: "10.0.0.0/8" }] },
        routing: {
          endpoints: {
            eventHubs: [{ name: "eh-key", connectionString }],
            serviceBusQueues: [{ name: "q-uai", endpointUri: "sb://ns.servicebus.windows.net", entityPath: "q", authenticationType: "identityBased", identity: { userAssignedIdentity: uai } }],
          },
          routes: [{ name: "all", source: "DeviceMessages", endpointNames: ["eh-key"], isEnabled: true }],
          enrichments: [{ key: "site", value: "lab", endpointNames: ["eh-key"] }],
        },
      },
    },
    POLL,
  );
  expect(created.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/);
  expect(created.identity?.userAssignedIdentities?.[uai]?.clientId).toMatch(/^[0-9a-f-]{36}$/);
  const got = await client.iotHubResource.get(RG, name);
  expect(got.properties?.routing?.endpoints?.eventHubs?.[0].connectionString).toBe(connectionString.replace("c2RrLWtleQ==", "****"));
  expect(got.properties?.routing?.endpoints?.cosmosDBSqlContainers).toEqual([]);
  expect(got.properties?.routing?.fallbackRoute).toMatchObject({ name: "$fallback", isEnabled: false });
  expect(got.properties?.routing?.enrichments).toEqual([{ key: "site", value: "lab", endpointNames: ["eh-key"] }]);
  expect(got.properties?.networkRuleSets).toEqual({ defaultAction: "Deny", applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: "lab", action: "Allow", ipMask: "10.0.0.0/8" }] });
  // the SDK's GET-modify-PUT keeps the endpoint key it never saw
  got.properties!.comments = "edited";
  await client.iotHubResource.beginCreateOrUpdateAndWait(RG, name, got, { ...POLL, ifMatch: got.etag });
  const raw = emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name });
  expect(raw.properties.routing.endpoints.eventHubs[0].connectionString).toBe(connectionString);
  expect(raw.properties.comments).toBe("edited");
  await client.iotHubResource.beginDeleteAndWait(RG, name, POLL);
});
