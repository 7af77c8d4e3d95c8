import { createBody, updateBody } from "../../provider/hub/body";
import type { IotHubDescription } from "../../provider/arm";
import type { HubInputs } from "../../provider/hub/inputs";

const base: HubInputs = {
  subscriptionId: "00000000-0000-0000-0000-000000000001",
  resourceGroupName: "rg",
  name: "hub-one",
  location: "westeurope",
  sku: { name: "S1" },
  apiVersion: "2023-06-30",
};

const remote: IotHubDescription = {
  id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-one",
  name: "hub-one",
  type: "Microsoft.Devices/IotHubs",
  location: "westeurope",
  etag: "AAAA",
  tags: { owner: "ops" },
  sku: { name: "S1", capacity: 3, tier: "Standard" },
  properties: {
    provisioningState: "Succeeded",
    state: "Active",
    hostName: "hub-one.azure-devices.net",
    eventHubEndpoints: { events: { retentionTimeInDays: 1, partitionCount: 4, partitionIds: ["0", "1", "2", "3"], path: "hub-one", endpoint: "sb://x/" } },
    routing: { routes: [{ name: "r1", source: "DeviceMessages", condition: "true", endpointNames: ["events"], isEnabled: true }] },
    cloudToDevice: { maxDeliveryCount: 10, defaultTtlAsIso8601: "PT1H" },
  },
};
const rules = [
  { keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect", primaryKey: "k1", secondaryKey: "k2" },
  { keyName: "service", rights: "ServiceConnect", primaryKey: "k3", secondaryKey: "k4" },
];

describe("createBody", () => {
  it("defaults partitions to 4 for paid hubs and 2 for F1, retention to 1 day, capacity to 1", () => {
    expect(createBody(base).properties?.eventHubEndpoints?.events).toEqual({ retentionTimeInDays: 1, partitionCount: 4 });
    expect(createBody({ ...base, sku: { name: "F1" } }).properties?.eventHubEndpoints?.events?.partitionCount).toBe(2);
    expect(createBody(base).sku).toEqual({ name: "S1", capacity: 1 });
  });

  it("adds operationsMonitoringEvents, subscriptionid and resourcegroup for 2016-02-03 only", () => {
    const old = createBody({ ...base, apiVersion: "2016-02-03" });
    expect(Object.keys(old.properties?.eventHubEndpoints ?? {}).sort()).toEqual(["events", "operationsMonitoringEvents"]);
    expect(old.subscriptionid).toBe(base.subscriptionId);
    expect(old.resourcegroup).toBe("rg");
    const current = createBody(base);
    expect(Object.keys(current.properties?.eventHubEndpoints ?? {})).toEqual(["events"]);
    expect(current.subscriptionid).toBeUndefined();
  });

  it("sends policies without keys and holds no undefined anywhere", () => {
    const body = createBody({ ...base, authorizationPolicies: [{ keyName: "svc", rights: "ServiceConnect" }] });
    expect(body.properties?.authorizationPolicies).toEqual([{ keyName: "svc", rights: "ServiceConnect" }]);
    expect(JSON.stringify(body)).toBe(JSON.stringify(JSON.parse(JSON.stringify(body))));
    expect("comments" in (body.properties ?? {})).toBe(false);
  });
});

describe("updateBody", () => {
  it("keeps routing, capacity, tags and policies with keys that the program does not manage", () => {
    const body = updateBody(base, remote, rules);
    expect(body.properties?.routing).toEqual(remote.properties?.routing);
    expect(body.sku).toEqual({ name: "S1", capacity: 3 });
    expect(body.tags).toEqual({ owner: "ops" });
    expect(body.properties?.authorizationPolicies).toEqual(rules);
  });

  it("drops read-only fields the service owns", () => {
    const body = updateBody(base, remote, rules);
    expect(body.id).toBeUndefined();
    expect(body.etag).toBeUndefined();
    expect(body.properties?.state).toBeUndefined();
    expect(body.properties?.hostName).toBeUndefined();
    expect(body.properties?.eventHubEndpoints?.events).toEqual({ retentionTimeInDays: 1, partitionCount: 4 });
  });

  it("lays managed fields over the remote document, merging objects and replacing lists", () => {
    const body = updateBody(
      {
        ...base,
        sku: { name: "S2", capacity: 2 },
        tags: { env: "prod" },
        eventHubs: { retentionTimeInDays: 5 },
        cloudToDevice: { maxDeliveryCount: 20 },
        ipFilterRules: [{ filterName: "office", action: "Accept", ipMask: "10.0.0.0/8" }],
        properties: { enableDataResidency: true },
      },
      remote,
      rules,
    );
    expect(body.sku).toEqual({ name: "S2", capacity: 2 });
    expect(body.tags).toEqual({ env: "prod" });
    expect(body.properties?.eventHubEndpoints?.events).toEqual({ retentionTimeInDays: 5, partitionCount: 4 });
    expect(body.properties?.cloudToDevice).toEqual({ maxDeliveryCount: 20, defaultTtlAsIso8601: "PT1H" });
    expect(body.properties?.ipFilterRules).toEqual([{ filterName: "office", action: "Accept", ipMask: "10.0.0.0/8" }]);
    expect(body.properties?.enableDataResidency).toBe(true);
    expect(body.properties?.routing).toEqual(remote.properties?.routing);
  });

  it("keeps the keys of managed policies that exist and lets Azure generate the new ones", () => {
    const body = updateBody(
      { ...base, authorizationPolicies: [{ keyName: "SERVICE", rights: "ServiceConnect, RegistryRead" }, { keyName: "new", rights: "DeviceConnect" }] },
      remote,
      rules,
    );
    expect(body.properties?.authorizationPolicies).toEqual([
      { keyName: "SERVICE", rights: "ServiceConnect, RegistryRead", primaryKey: "k3", secondaryKey: "k4" },
      { keyName: "new", rights: "DeviceConnect" },
    ]);
  });

  it("does not modify the remote document it starts from", () => {
    const before = JSON.stringify(remote);
    updateBody({ ...base, tags: { a: "b" } }, remote, rules);
    expect(JSON.stringify(remote)).toBe(before);
  });
});
