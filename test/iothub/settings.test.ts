/**
 * The typed hub settings (api-version 2023-06-30) through the real host and the emulator: no perpetual diff for any
 * of them — whether the service answers lists in another order, masks connection strings, answers enums in other
 * casing, fills in defaults or leaves out what is false — and a real drift in each still shows, naming its path.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEV_TOKEN } from "../../emulator";
import { IotHub } from "../../provider";
import { changedSettingPaths } from "../../provider/hub/diff";
import type { IotHubArgs } from "../../provider";
import { ok } from "../../tools/harness";
import type { Stack } from "../../tools/harness";
import { ALL_KEYS, EVENT_HUB_CONNECTION, STORAGE_CONNECTION, everySettingArgs } from "./settings-program";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, hubRef, startWorld, uniqueName } from "./world";
import type { World } from "./world";

let world: World;
let stack: Stack;
const name = uniqueName("settings");
const program = (args: IotHubArgs = everySettingArgs(name)) => () => void new IotHub("hub", args);
/* eslint-disable @typescript-eslint/no-explicit-any -- the emulator's stored hub, as outOfBand hands it out */
const mutate = (change: (hub: any) => void) => world.emulator.outOfBand.updateHub({ ...hubRef(name), mutate: change });
const stored = () => world.emulator.outOfBand.getHub(hubRef(name));
/* eslint-enable @typescript-eslint/no-explicit-any */

beforeAll(async () => {
  world = await startWorld();
  stack = world.newStack();
  ok(await stack.up(program()));
});
afterAll(() => world.close());

/** After an out-of-band write (which moves the etag the refresh records): the program sees no change. */
async function expectNoChangeAfterRefresh(): Promise<void> {
  ok(await stack.refresh());
  expect(ok(await stack.preview(program())).steps.map((s) => s.op)).toEqual(["same"]);
}

async function expectNoChange(): Promise<void> {
  const refreshed = ok(await stack.refresh());
  expect(refreshed.steps.map((s) => s.op)).toEqual(["same"]);
  const preview = ok(await stack.preview(program()));
  expect(preview.steps.map((s) => s.op)).toEqual(["same"]);
}

/** The hub as a 2023-06-30 client reads it (what the provider sees), not the emulator's stored document. */
async function getHub(): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const url = `${world.emulator.url}/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Devices/IotHubs/${name}?api-version=2023-06-30`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${DEV_TOKEN}` } });
  return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

test("a hub with every typed setting is created with them, and up, refresh and preview then show no change", async () => {
  const hub = stored();
  expect(hub.properties.routing.endpoints.eventHubs.map((e: { name: string }) => e.name).sort()).toEqual(["eh-identity", "eh-keys"]);
  expect(hub.properties.routing.routes).toHaveLength(3);
  expect(hub.properties.storageEndpoints.$default.containerName).toBe("uploads");
  expect(hub.properties.messagingEndpoints.fileNotifications.maxDeliveryCount).toBe(5);
  expect(hub.properties).toMatchObject({ enableFileUploadNotifications: true, minTlsVersion: "1.2", disableModuleSAS: true, restrictOutboundNetworkAccess: true });
  expect(hub.properties.networkRuleSets.ipRules).toHaveLength(2);
  expect(Object.keys(hub.identity.userAssignedIdentities)).toHaveLength(1);

  const etag = stored().etag;
  expect(ok(await stack.up(program())).steps.map((s) => s.op)).toEqual(["same"]);
  await expectNoChange();
  expect(stored().etag).toBe(etag);
});

test("the service answers connection strings masked; the state keeps the declared ones, as secrets, and sees no change", async () => {
  const answered = await getHub();
  const keyed = answered.properties.routing.endpoints.eventHubs.find((e: { name: string }) => e.name === "eh-keys");
  expect(keyed.connectionString).toMatch(/SharedAccessKey=\*\*\*\*/);
  expect(answered.properties.storageEndpoints.$default.connectionString).toMatch(/AccountKey=\*\*\*\*/);

  await expectNoChange();
  const [resource] = stack.resources();
  const routing = resource.outputs.routing as { endpoints: { eventHubs: { name: string; connectionString?: string }[] } };
  expect(routing.endpoints.eventHubs.find((e) => e.name === "eh-keys")?.connectionString).toBe(EVENT_HUB_CONNECTION);
  expect((resource.outputs.storageEndpoints as Record<string, { connectionString: string }>).$default.connectionString).toBe(STORAGE_CONNECTION);
  expect(resource.secretOutputs).toEqual(expect.arrayContaining(["routing", "storageEndpoints"]));
  expect(resource.secretInputs).toEqual(expect.arrayContaining(["routing", "storageEndpoints"]));
  const stateText = stack.serializedState();
  for (const key of ALL_KEYS) expect(stateText).not.toContain(key);
});

test("the connection strings are secret outputs in the program", async () => {
  const result = ok(await stack.up(async () => {
    const hub = new IotHub("hub", everySettingArgs(name));
    return { routing: await pulumi.isSecret((hub as unknown as { routing: pulumi.Output<unknown> }).routing) };
  }));
  expect(result.steps.map((s) => s.op)).toEqual(["same"]);
  expect(result.outputs).toEqual({ routing: true });
});

test("lists answered in another order (endpoints, routes, enrichments, network rules, FQDNs) are no change", async () => {
  world.emulator.outOfBand.reorderHubLists({ ...hubRef(name) });
  try {
    const answered = await getHub();
    expect(answered.properties.routing.routes.map((r: { name: string }) => r.name)).toEqual(["twins", "to-archive", "to-eh"]);
    await expectNoChange();
  } finally {
    world.emulator.outOfBand.reorderHubLists({ ...hubRef(name), enabled: false });
  }
});

test("enum casing, rights spelled otherwise, identity type in another spelling and omitted false booleans are no change", async () => {
  mutate((hub) => {
    const keyed = hub.properties.routing.endpoints.eventHubs.find((e: { name: string }) => e.name === "eh-keys");
    keyed.authenticationType = "KeyBased";
    hub.properties.routing.endpoints.storageContainers[0].encoding = "json";
    hub.properties.publicNetworkAccess = "enabled";
    delete hub.properties.disableLocalAuth;
    delete hub.properties.disableDeviceSAS;
    hub.identity.type = "UserAssigned,SystemAssigned";
    const owner = hub.properties.authorizationPolicies.find((p: { keyName: string }) => p.keyName === "iothubowner");
    owner.rights = "DeviceConnect, ServiceConnect, RegistryWrite";
  });
  // The refresh records the new etag and the answer's spelling; none of it differs from the program.
  ok(await stack.refresh());
  expect(ok(await stack.preview(program())).steps.map((s) => s.op)).toEqual(["same"]);
  expect(ok(await stack.up(program())).steps.map((s) => s.op)).toEqual(["same"]);
});

/** Real drift, one per typed setting: [what, out-of-band change, the path the diff names]. */
/* eslint-disable @typescript-eslint/no-explicit-any */
const drifts: [string, (hub: any) => void, string][] = [
  ["a route's condition", (hub) => void (hub.properties.routing.routes.find((r: any) => r.name === "to-archive").condition = "false"), "routing.routes[to-archive].condition"],
  ["an endpoint's connection string (another namespace)", (hub) => {
    const keyed = hub.properties.routing.endpoints.eventHubs.find((e: any) => e.name === "eh-keys");
    keyed.connectionString = keyed.connectionString.replace("ns-one", "ns-two");
  }, "routing.endpoints.eventHubs[eh-keys].connectionString"],
  ["an enrichment's value", (hub) => void (hub.properties.routing.enrichments.find((e: any) => e.key === "app").value = "other"), "routing.enrichments[app].value"],
  ["the fallback route", (hub) => void (hub.properties.routing.fallbackRoute.isEnabled = false), "routing.fallbackRoute.isEnabled"],
  ["the file upload container", (hub) => void (hub.properties.storageEndpoints.$default.containerName = "elsewhere"), "storageEndpoints.$default.containerName"],
  ["the file notification delivery count", (hub) => void (hub.properties.messagingEndpoints.fileNotifications.maxDeliveryCount = 7), "messagingEndpoints.fileNotifications.maxDeliveryCount"],
  ["file upload notifications", (hub) => void (hub.properties.enableFileUploadNotifications = false), "enableFileUploadNotifications"],
  ["a network rule's mask", (hub) => void (hub.properties.networkRuleSets.ipRules.find((r: any) => r.filterName === "lab").ipMask = "172.16.0.2"), "networkRuleSets.ipRules[lab].ipMask"],
  ["public network access", (hub) => void (hub.properties.publicNetworkAccess = "Disabled"), "publicNetworkAccess"],
  ["local authentication", (hub) => void (hub.properties.disableLocalAuth = true), "disableLocalAuth"],
  ["device SAS", (hub) => void (hub.properties.disableDeviceSAS = true), "disableDeviceSAS"],
  ["module SAS", (hub) => void (hub.properties.disableModuleSAS = false), "disableModuleSAS"],
  ["outbound restriction", (hub) => void (hub.properties.restrictOutboundNetworkAccess = false), "restrictOutboundNetworkAccess"],
  ["the allowed FQDNs", (hub) => void hub.properties.allowedFqdnList.push("evil.example.com"), "allowedFqdnList"],
  ["the identity type", (hub) => void (hub.identity.type = "UserAssigned"), "identity.type"],
];
/* eslint-enable @typescript-eslint/no-explicit-any */

test.each(drifts)("a real drift of %s shows after refresh, naming its path, and up puts the program's value back", async (_what, change, path) => {
  mutate(change);
  const refreshed = ok(await stack.refresh());
  expect(refreshed.steps.map((s) => s.op)).toEqual(["update"]);
  const preview = ok(await stack.preview(program()));
  expect(preview.steps.map((s) => s.op)).toEqual(["update"]);
  // What the provider's diff names (and writes to stderr, test/provider/hub-compare.test.ts): exactly this path.
  expect(changedSettingPaths(stack.resources()[0].outputs, everySettingArgs(name) as unknown as Record<string, unknown>)).toEqual([path]);
  ok(await stack.up(program()));
  await expectNoChange();
});

test("the minimum TLS version is set at creation only: a different one in Azure previews as a replacement", async () => {
  mutate((hub) => void (hub.properties.minTlsVersion = "1.0"));
  try {
    ok(await stack.refresh());
    const preview = ok(await stack.preview(program()));
    expect(preview.steps.map((s) => s.op)).toEqual(["replace"]);
    expect(changedSettingPaths(stack.resources()[0].outputs, everySettingArgs(name) as unknown as Record<string, unknown>)).toEqual(["minTlsVersion"]);
  } finally {
    mutate((hub) => void (hub.properties.minTlsVersion = "1.2"));
  }
  await expectNoChangeAfterRefresh();
});

test("IP filter rules are applied in order by Azure, so a reordered answer is a change", async () => {
  const twoRules = everySettingArgs(name, {
    ipFilterRules: [
      { filterName: "office", action: "Accept", ipMask: "10.0.0.0/8" },
      { filterName: "rest", action: "Reject", ipMask: "0.0.0.0/0" },
    ],
  });
  ok(await stack.up(program(twoRules)));
  world.emulator.outOfBand.reorderHubLists({ ...hubRef(name) });
  try {
    ok(await stack.refresh());
    expect(ok(await stack.preview(program(twoRules))).steps.map((s) => s.op)).toEqual(["update"]);
  } finally {
    world.emulator.outOfBand.reorderHubLists({ ...hubRef(name), enabled: false });
  }
});
