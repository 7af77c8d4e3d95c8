/**
 * provider/hub/compare.ts in-process: what is and is not a difference in the typed settings, what refresh records,
 * and the path diff names on stderr.
 */
import type { IotHubDescription } from "../../provider/arm";
import { maskSecret, observedSetting, settingDifferences } from "../../provider/hub/compare";
import { diffHub } from "../../provider/hub/diff";
import { createBody, updateBody } from "../../provider/hub/body";
import type { HubInputs } from "../../provider/hub/inputs";

const CS = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=secretKEY=;EntityPath=t";
const CS_MASKED = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=****;EntityPath=t";

const routing = {
  endpoints: { eventHubs: [{ name: "b", connectionString: CS }, { name: "a", connectionString: CS }] },
  routes: [{ name: "r2", source: "DeviceMessages", endpointNames: ["b"], isEnabled: true }, { name: "r1", source: "DeviceMessages", endpointNames: ["a"], isEnabled: true }],
  enrichments: [{ key: "k", value: "v", endpointNames: ["b", "a"] }],
};

describe("settingDifferences", () => {
  test("lists in another order, masked strings, server fields and enum casing are no difference", () => {
    const answered = {
      endpoints: {
        eventHubs: [
          { name: "a", connectionString: CS_MASKED, id: "guid-a", authenticationType: "KeyBased", subscriptionId: "s", resourceGroup: "rg" },
          { name: "b", connectionString: CS_MASKED, id: "guid-b" },
        ],
        serviceBusQueues: [], serviceBusTopics: [], storageContainers: [], cosmosDBSqlContainers: [],
      },
      routes: [{ name: "r1", source: "devicemessages", condition: "true", endpointNames: ["a"], isEnabled: true }, { name: "r2", source: "DeviceMessages", condition: "true", endpointNames: ["b"], isEnabled: true }],
      fallbackRoute: { name: "$fallback", source: "DeviceMessages", condition: "true", endpointNames: ["events"], isEnabled: true },
      enrichments: [{ key: "k", value: "v", endpointNames: ["a", "b"] }],
    };
    expect(settingDifferences("routing", routing, answered)).toEqual([]);
  });

  test("a masked string that masks to other text, a changed route and a removed route are differences, by path", () => {
    const answered = {
      endpoints: { eventHubs: [{ name: "a", connectionString: CS_MASKED.replace("ns.", "other.") }, { name: "b", connectionString: CS_MASKED }] },
      routes: [{ name: "r1", source: "DeviceMessages", endpointNames: ["b"], isEnabled: true }, { name: "r2", source: "DeviceMessages", endpointNames: ["b"], isEnabled: true }],
      enrichments: [{ key: "k", value: "v", endpointNames: ["a", "b"] }],
    };
    expect(settingDifferences("routing", routing, answered)).toEqual(["routing.endpoints.eventHubs[a].connectionString", "routing.routes[r1].endpointNames[0]"]);
    expect(settingDifferences("routing", routing, { ...answered, routes: [answered.routes[1]] })).toEqual(["routing.endpoints.eventHubs[a].connectionString", "routing.routes"]);
  });

  test("an unmasked key that differs is a difference (a program changing its key is applied)", () => {
    expect(settingDifferences("storageEndpoints", { $default: { connectionString: "AccountKey=new" } }, { $default: { connectionString: "AccountKey=old" } }))
      .toEqual(["storageEndpoints.$default.connectionString"]);
  });

  test("defaults Azure leaves out stand for their value", () => {
    expect(settingDifferences("disableLocalAuth", false, undefined)).toEqual([]);
    expect(settingDifferences("disableLocalAuth", true, undefined)).toEqual(["disableLocalAuth"]);
    expect(settingDifferences("allowedFqdnList", [], undefined)).toEqual([]);
    expect(settingDifferences("publicNetworkAccess", "Enabled", undefined)).toEqual([]);
    expect(settingDifferences("identity", { type: "None" }, undefined)).toEqual([]);
    expect(settingDifferences("identity", { type: "SystemAssigned, UserAssigned", userAssignedIdentities: ["/X/Y"] }, { type: "UserAssigned,SystemAssigned", userAssignedIdentities: ["/x/y"] })).toEqual([]);
    expect(settingDifferences("networkRuleSets", { applyToBuiltInEventHubEndpoint: true, ipRules: [] }, { applyToBuiltInEventHubEndpoint: true, defaultAction: "Deny" })).toEqual([]);
  });

  test("maskSecret hides Service Bus and storage keys only", () => {
    expect(maskSecret(CS)).toBe(CS_MASKED);
    expect(maskSecret("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc==;EndpointSuffix=core.windows.net"))
      .toBe("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=****;EndpointSuffix=core.windows.net");
  });
});

describe("observedSetting", () => {
  const remote = (connectionString: string): IotHubDescription => ({
    properties: { routing: { endpoints: { eventHubs: [{ name: "b", connectionString }, { name: "a", connectionString, id: "x" }] }, routes: [] } },
  });

  test("keeps the declared connection string where Azure answers it masked to the same text, in name order", () => {
    const observed = observedSetting("routing", remote(CS_MASKED), routing) as typeof routing;
    expect(observed.endpoints.eventHubs.map((e) => [e.name, e.connectionString])).toEqual([["a", CS], ["b", CS]]);
  });

  test("records the masked string where it masks to other text (a real change)", () => {
    const other = CS_MASKED.replace("ns.", "other.");
    const observed = observedSetting("routing", remote(other), routing) as typeof routing;
    expect(observed.endpoints.eventHubs.map((e) => e.connectionString)).toEqual([other, other]);
  });

  test("the identity's map of user-assigned identities becomes the program's list", () => {
    const hub: IotHubDescription = { identity: { type: "UserAssigned", userAssignedIdentities: { "/b": { principalId: "p" }, "/a": {} } } };
    expect(observedSetting("identity", hub, undefined)).toEqual({ type: "UserAssigned", userAssignedIdentities: ["/a", "/b"] });
  });
});

describe("diffHub names the paths of a typed setting on stderr", () => {
  test("one line with every differing path", () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const olds = { name: "hub", subscriptionId: "s", resourceGroupName: "rg", routing: { routes: [{ name: "r1", condition: "true" }] }, minTlsVersion: "1.0" };
      const news = { name: "hub", subscriptionId: "s", resourceGroupName: "rg", routing: { routes: [{ name: "r1", condition: "false" }] }, minTlsVersion: "1.2" };
      const diff = diffHub(olds, news);
      expect(diff.changes).toBe(true);
      // The minimum TLS version is set at creation only.
      expect(diff.replaces).toEqual(["minTlsVersion"]);
      expect(written.join("")).toBe("IotHub hub: differs from the state at routing.routes[r1].condition, minTlsVersion\n");
    } finally {
      spy.mockRestore();
    }
  });
});

describe("updateBody and key rotation", () => {
  const inputs = (rotateKeys?: string): HubInputs => ({
    subscriptionId: "s", resourceGroupName: "rg", name: "hub", location: "westeurope", sku: { name: "S1" }, apiVersion: "2023-06-30",
    authorizationPolicies: [{ keyName: "a", rights: "ServiceConnect", rotateKeys }, { keyName: "b", rights: "DeviceConnect" }],
  });
  const rules = [{ keyName: "a", rights: "ServiceConnect", primaryKey: "pa", secondaryKey: "sa" }, { keyName: "b", rights: "DeviceConnect", primaryKey: "pb", secondaryKey: "sb" }];
  const remote: IotHubDescription = { location: "westeurope", sku: { name: "S1", capacity: 1 }, properties: {} };
  const keysOf = (body: IotHubDescription) => Object.fromEntries((body.properties?.authorizationPolicies ?? []).map((p) => [p.keyName, [p.primaryKey, p.secondaryKey]]));

  test("keeps keys when the trigger is unchanged or absent, and never sends the trigger", () => {
    const state = { authorizationPolicies: [{ keyName: "a", rights: "ServiceConnect", rotateKeys: "1" }, { keyName: "b", rights: "DeviceConnect" }] };
    expect(keysOf(updateBody(inputs("1"), remote, rules, state))).toEqual({ a: ["pa", "sa"], b: ["pb", "sb"] });
    expect(keysOf(updateBody(inputs(undefined), remote, rules, state))).toEqual({ a: ["pa", "sa"], b: ["pb", "sb"] });
    expect(JSON.stringify(updateBody(inputs("1"), remote, rules, state))).not.toContain("rotateKeys");
  });

  test("a changed trigger sends two new keys for that policy only", () => {
    const state = { authorizationPolicies: [{ keyName: "a", rights: "ServiceConnect", rotateKeys: "1" }, { keyName: "b", rights: "DeviceConnect" }] };
    const keys = keysOf(updateBody(inputs("2"), remote, rules, state));
    expect(keys.a[0]).not.toBe("pa");
    expect(keys.a[1]).not.toBe("sa");
    expect(keys.a[0]).not.toBe(keys.a[1]);
    expect(keys.b).toEqual(["pb", "sb"]);
  });
});

describe("createBody and the fallback route", () => {
  const inputs = (over: Partial<HubInputs>): HubInputs => ({
    subscriptionId: "s", resourceGroupName: "rg", name: "hub", location: "westeurope", sku: { name: "S1" }, apiVersion: "2023-06-30", ...over,
  });

  test("routing without a fallback route gets Azure's default, enabled, instead of a disabled one", () => {
    const body = createBody(inputs({ routing: { routes: [] } }));
    expect(body.properties?.routing?.fallbackRoute).toEqual({ name: "$fallback", source: "DeviceMessages", condition: "true", isEnabled: true, endpointNames: ["events"] });
  });

  test("a fallback route the program gives is sent as given", () => {
    const fallbackRoute = { source: "DeviceMessages" as const, endpointNames: ["events"], isEnabled: false };
    expect(createBody(inputs({ routing: { fallbackRoute } })).properties?.routing?.fallbackRoute).toEqual(fallbackRoute);
  });
});

describe("declared secrets against state (Azure never answers them in full)", () => {
  const hub = { name: "h", resourceGroupName: "rg", location: "westeurope", sku: { name: "S1" }, apiVersion: "2023-06-30" };
  const withEventHub = (connectionString: string) => ({ ...hub, routing: { endpoints: { eventHubs: [{ name: "eh", connectionString }] } } });
  const cosmos = (extra: Record<string, unknown>) => ({
    ...hub,
    routing: { endpoints: { cosmosDBSqlContainers: [{ name: "c", endpointUri: "https://a.documents.azure.com", databaseName: "d", containerName: "x", ...extra }] } },
  });

  test("the real string pasted over an imported masked one is a change (and names its path); the same string is none", () => {
    expect(diffHub(withEventHub(CS_MASKED), withEventHub(CS)).changes).toBe(true);
    expect(diffHub(withEventHub(CS), withEventHub(CS)).changes).toBe(false);
    expect(diffHub(withEventHub(CS_MASKED), withEventHub(CS_MASKED)).changes).toBe(false);
  });

  test("a Cosmos DB key added, or changed, is a change; the one state recorded is none", () => {
    expect(diffHub(cosmos({}), cosmos({ primaryKey: "k1" })).changes).toBe(true);
    expect(diffHub(cosmos({ primaryKey: "k1" }), cosmos({ primaryKey: "k2" })).changes).toBe(true);
    expect(diffHub(cosmos({ primaryKey: "k1" }), cosmos({ primaryKey: "k1" })).changes).toBe(false);
  });
});
