import { diffHub, tierChangeNeedsNewHub } from "../../provider/hub/diff";
import { UNKNOWN } from "../../provider/values";

const state = {
  subscriptionId: "00000000-0000-0000-0000-000000000001",
  resourceGroupName: "rg",
  name: "hub-one",
  apiVersion: "2023-06-30",
  location: "westeurope",
  sku: { name: "S1", capacity: 1 },
  eventHubs: { partitionCount: 4, retentionTimeInDays: 1 },
  tags: { env: "dev" },
  // Output-only fields and server defaults:
  etag: "AAAA",
  hostName: "hub-one.azure-devices.net",
  eventHubPartitionCount: 4,
  cloudToDevice: { maxDeliveryCount: 10, defaultTtlAsIso8601: "PT1H", feedback: { ttlAsIso8601: "PT1H" } },
};
const inputs = {
  subscriptionId: state.subscriptionId,
  resourceGroupName: "rg",
  name: "hub-one",
  apiVersion: "2023-06-30",
  location: "West Europe",
  sku: { name: "S1" },
  eventHubs: { partitionCount: 4 },
  tags: { env: "dev" },
};

describe("diffHub", () => {
  it("reports no change for the same program: server defaults, output-only fields and location spelling do not count", () => {
    expect(diffHub(state, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(diffHub(state, { ...inputs, cloudToDevice: { maxDeliveryCount: 10 } }).changes).toBe(false);
  });

  it.each([
    ["sku capacity", { sku: { name: "S1", capacity: 2 } }],
    ["sku within the tier", { sku: { name: "S2" } }],
    ["retention", { eventHubs: { partitionCount: 4, retentionTimeInDays: 3 } }],
    ["a tag value", { tags: { env: "prod" } }],
    ["a removed tag", { tags: {} }],
    ["comments", { comments: "hello" }],
    ["cloud-to-device setting", { cloudToDevice: { maxDeliveryCount: 11 } }],
    ["api-version", { apiVersion: "2016-02-03" }],
  ])("updates in place for %s", (_what, change) => {
    const result = diffHub(state, { ...inputs, ...change });
    expect(result.changes).toBe(true);
    expect(result.replaces).toEqual([]);
  });

  it.each([
    ["name", { name: "hub-two" }, "name", false],
    ["resource group", { resourceGroupName: "rg2" }, "resourceGroupName", true],
    ["subscription", { subscriptionId: "00000000-0000-0000-0000-000000000002" }, "subscriptionId", true],
    ["location", { location: "northeurope" }, "location", true],
    ["partition count", { eventHubs: { partitionCount: 8 } }, "eventHubs.partitionCount", true],
    ["Free to paid", { sku: { name: "F1" } }, "sku.name", true],
  ])("replaces for %s (deleteBeforeReplace when the global name stays)", (_what, change, field, deleteFirst) => {
    const result = diffHub(state, { ...inputs, ...change });
    expect(result.replaces).toEqual([field]);
    expect(result.deleteBeforeReplace).toBe(deleteFirst);
  });

  it("replaces on a partition change even when the count was not managed before", () => {
    const { eventHubs: _e, ...unmanaged } = state;
    expect(diffHub(unmanaged, { ...inputs, eventHubs: { partitionCount: 8 } }).replaces).toEqual(["eventHubs.partitionCount"]);
  });

  it("treats unknown values as changes, and unknown identity as a replacement", () => {
    expect(diffHub(state, { ...inputs, tags: { env: UNKNOWN } })).toMatchObject({ changes: true, replaces: [] });
    expect(diffHub(state, { ...inputs, name: UNKNOWN })).toMatchObject({ changes: true, replaces: ["name"], deleteBeforeReplace: false });
    expect(diffHub(state, { ...inputs, eventHubs: UNKNOWN })).toMatchObject({ replaces: ["eventHubs.partitionCount"] });
  });

  it("compares authorization policies as a set by key name", () => {
    const withPolicies = { ...state, authorizationPolicies: [{ keyName: "a", rights: "ServiceConnect" }, { keyName: "b", rights: "DeviceConnect" }] };
    const reordered = [{ keyName: "b", rights: "DeviceConnect" }, { keyName: "a", rights: "ServiceConnect" }];
    expect(diffHub(withPolicies, { ...inputs, authorizationPolicies: reordered }).changes).toBe(false);
  });
});

describe("tierChangeNeedsNewHub", () => {
  it.each([
    ["F1", "S1", true],
    ["S1", "F1", true],
    ["S1", "B1", true],
    ["B1", "S1", false],
    ["S2", "S1", false],
    ["B1", "B2", false],
  ])("%s -> %s: %s", (from, to, expected) => expect(tierChangeNeedsNewHub(from, to)).toBe(expected));
});

describe("pass-through properties", () => {
  it("ignore what the server adds inside list elements, but not a changed or extra element", () => {
    const routes = [{ name: "r1", source: "DeviceMessages", endpointNames: ["events"], isEnabled: true }];
    const observed = { ...state, properties: { routing: { routes: [{ ...routes[0], condition: "true" }], endpoints: { eventHubs: [] } } } };
    expect(diffHub(observed, { ...inputs, properties: { routing: { routes } } }).changes).toBe(false);
    expect(diffHub(observed, { ...inputs, properties: { routing: { routes: [{ ...routes[0], isEnabled: false }] } } }).changes).toBe(true);
    expect(diffHub(observed, { ...inputs, properties: { routing: { routes: [...routes, { ...routes[0], name: "r2" }] } } }).changes).toBe(true);
  });
});

describe("settings", () => {
  it("a changed timeout or adopt flag is an update with nothing replaced", () => {
    expect(diffHub(state, { ...inputs, timeouts: { deleteMinutes: 90 } })).toMatchObject({ changes: true, replaces: [] });
    expect(diffHub(state, { ...inputs, adoptExisting: true })).toMatchObject({ changes: true, replaces: [] });
  });
});
