/**
 * Every check rule: bad input fails before any API call, with a message naming the field, the rule and the value.
 * Each rule is decided in-process on checkHub (milliseconds), and again through the real host during `pulumi up`
 * with the emulator's request journal empty afterwards (the check failure crossing gRPC, nothing reaching Azure);
 * a sample during `pulumi preview`, and the provider settings delivered by Configure.
 */
import { IotHub } from "../../provider";
import type { IotHubArgs } from "../../provider";
import { checkHub } from "../../provider/hub/check";
import { everySettingArgs } from "./settings-program";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, startWorld } from "./world";
import type { World } from "./world";

let world: World;
beforeAll(async () => {
  world = await startWorld();
  // Preview must make no API call: any request reaching the emulator fails, which would surface as
  // an error in the valid cases and a different message in the invalid ones.
  world.emulator.faults.add({ path: /.*/, times: 1_000_000_000, action: { kind: "status", status: 500 } });
});
afterAll(() => world.close());

const valid: IotHubArgs = { name: "check-hub", resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } };

const cases: [string, Partial<IotHubArgs> | Record<string, unknown>, RegExp][] = [
  ["name too short", { name: "ab" }, /name: must be 3-50 letters, digits or hyphens.*; got "ab"/],
  ["name with a path character", { name: "hub/../x" }, /name: must be 3-50 .*got "hub\/..\/x"/],
  ["name ending with a hyphen", { name: "hub-" }, /name: .*not starting or ending with a hyphen; got "hub-"/],
  ["name all digits", { name: "12345" }, /name: .*not all digits.*got "12345"/],
  ["name too long", { name: "h".repeat(51) }, /name: must be 3-50/],
  ["missing location", { location: undefined }, /location: is required; got nothing/],
  ["location with a slash", { location: "west/europe" }, /location: must be an Azure region.*got "west\/europe"/],
  ["missing resource group", { resourceGroupName: undefined }, /resourceGroupName: is required; got nothing/],
  ["resource group with a question mark", { resourceGroupName: "rg?x" }, /resourceGroupName: must be 1-90 .*got "rg\?x"/],
  ["unknown SKU", { sku: { name: "S9" } }, /sku.name: must be one of F1, S1, S2, S3 for api-version 2016-02-03; got "S9"/],
  ["Basic SKU on 2016-02-03", { sku: { name: "B1" } }, /sku.name: must be one of F1, S1, S2, S3 for api-version 2016-02-03; got "B1"/],
  ["missing SKU", { sku: undefined }, /sku: is required/],
  ["F1 with capacity 2", { sku: { name: "F1", capacity: 2 } }, /sku.capacity: must be 1 for SKU F1; got 2/],
  ["F1 with 4 partitions", { sku: { name: "F1" }, eventHubs: { partitionCount: 4 } }, /eventHubs.partitionCount: must be 2 for SKU F1; got 4/],
  ["S1 capacity above 200", { sku: { name: "S1", capacity: 201 } }, /sku.capacity: must be a whole number from 1 to 200; got 201/],
  ["S3 capacity above 10", { sku: { name: "S3", capacity: 11 } }, /sku.capacity: must be a whole number from 1 to 10; got 11/],
  ["capacity not whole", { sku: { name: "S1", capacity: 1.5 } }, /sku.capacity: must be a whole number from 1 to 200; got 1.5/],
  ["one partition", { eventHubs: { partitionCount: 1 } }, /eventHubs.partitionCount: must be a whole number from 2 to 128; got 1/],
  ["129 partitions", { eventHubs: { partitionCount: 129 } }, /eventHubs.partitionCount: must be a whole number from 2 to 128; got 129/],
  ["retention 0 days", { eventHubs: { retentionTimeInDays: 0 } }, /eventHubs.retentionTimeInDays: must be a whole number from 1 to 7; got 0/],
  ["retention 8 days", { eventHubs: { retentionTimeInDays: 8 } }, /eventHubs.retentionTimeInDays: must be a whole number from 1 to 7; got 8/],
  ["unknown api-version", { apiVersion: "2099-01-01" }, /apiVersion: must be one of 2016-02-03, 2023-06-30; got "2099-01-01"/],
  ["bad subscription id", { subscriptionId: "not-a-guid" }, /subscriptionId: must be a subscription GUID.*got "not-a-guid"/],
  ["max delivery count 0", { cloudToDevice: { maxDeliveryCount: 0 } }, /cloudToDevice.maxDeliveryCount: must be a whole number from 1 to 100; got 0/],
  ["TTL not ISO 8601", { cloudToDevice: { defaultTtlAsIso8601: "1 hour" } }, /cloudToDevice.defaultTtlAsIso8601: must be an ISO 8601 duration.*got "1 hour"/],
  ["IP filter action", { ipFilterRules: [{ filterName: "a", action: "Allow", ipMask: "10.0.0.0/8" }] }, /ipFilterRules\[0\].action: must be one of Accept, Reject; got "Allow"/],
  ["IP filter mask", { ipFilterRules: [{ filterName: "a", action: "Accept", ipMask: "10.0.0.0/33" }] }, /ipFilterRules\[0\].ipMask: must be an IPv4 address or CIDR range.*got "10.0.0.0\/33"/],
  ["duplicate IP filter names", { ipFilterRules: [{ filterName: "a", action: "Accept", ipMask: "1.2.3.4" }, { filterName: "A", action: "Reject", ipMask: "1.2.3.5" }] }, /ipFilterRules\[1\].filterName: must be unique; got "A"/],
  ["unknown right", { authorizationPolicies: [{ keyName: "p", rights: "ServiceConnect, Everything" }] }, /authorizationPolicies\[0\].rights: must be a comma-separated list of RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect; got "ServiceConnect, Everything"/],
  ["policy carrying a key", { authorizationPolicies: [{ keyName: "p", rights: "ServiceConnect", primaryKey: "x" }] }, /authorizationPolicies\[0\]: must not carry keys/],
  ["features", { features: "Everything" }, /features: must be one of None, DeviceManagement; got "Everything"/],
  ["typed property in the pass-through", { properties: { eventHubEndpoints: {} } }, /properties.eventHubEndpoints: is not allowed here: use the eventHubs argument/],
  ["read-only property in the pass-through", { properties: { hostName: "x" } }, /properties.hostName: is not allowed here: it is read-only/],
  ["name with a query character", { name: "x?y" }, /name: must be 3-50 .*got "x\?y"/],
  ["name with an encoded slash", { name: "%2F" }, /name: must be 3-50 .*got "%2F"/],
  ["empty resource group", { resourceGroupName: "" }, /resourceGroupName: is required; got ""/],
  ["a tag that is not a string", { tags: { env: 1 } }, /tags.env: must be a string; got 1/],
  ["50 tags", { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "v"])) }, /tags: must hold at most 49 tags .*got "50 tags"/],
  ["the provider's ownership tag", { tags: { "hidden-pulumi-iothub-owner": "x" } }, /tags.hidden-pulumi-iothub-owner: is the provider's ownership tag and cannot be set/],
  ["timeout of 0 minutes", { timeouts: { createMinutes: 0 } }, /timeouts.createMinutes: must be a number of minutes greater than 0 and at most 1440; got 0/],
  ...typedSettingCases(),
];

/** The typed settings' rules (provider/hub/check-settings.ts), on api-version 2023-06-30 unless the case says 2016. */
function typedSettingCases(): [string, Record<string, unknown>, RegExp][] {
  const CS = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=notakey;EntityPath=t";
  const v23 = (over: Record<string, unknown>) => ({ apiVersion: "2023-06-30", ...over });
  const hubs = (...names: string[]) => names.map((name) => ({ name, connectionString: CS }));
  const route = (name: string, endpoint = "events") => ({ name, source: "DeviceMessages", endpointNames: [endpoint], isEnabled: true });
  const routes = (n: number) => Array.from({ length: n }, (_, i) => route(`r${i}`));
  const enrichments = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: "v", endpointNames: ["events"] }));
  const storage = (over: Record<string, unknown>) => v23({ routing: { endpoints: { storageContainers: [{ name: "st", connectionString: "AccountKey=x", containerName: "c", ...over }] } } });
  const uai = (name: string) => `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
  return [
    ["routing on 2016-02-03", { routing: { routes: [] } }, /routing: requires apiVersion 2023-06-30 \(api-version 2016-02-03 does not have it\); got \{"routes":\[\]\}/],
    ["identity on 2016-02-03", { identity: { type: "SystemAssigned" } }, /identity: requires apiVersion 2023-06-30/],
    ["minTlsVersion on 2016-02-03", { minTlsVersion: "1.2" }, /minTlsVersion: requires apiVersion 2023-06-30 \(api-version 2016-02-03 does not have it\); got "1.2"/],
    ["file upload identity on 2016-02-03", { storageEndpoints: { $default: { connectionString: "AccountKey=x", containerName: "c", authenticationType: "identityBased" } } },
      /storageEndpoints.\$default.authenticationType: requires apiVersion 2023-06-30 .*got "identityBased"/],
    ["endpoint name with a space", v23({ routing: { endpoints: { eventHubs: hubs("bad name") } } }), /routing.endpoints.eventHubs\[0\].name: must be 1-64 letters, digits, hyphens, periods or underscores; got "bad name"/],
    ["endpoint name of 65 characters", v23({ routing: { endpoints: { eventHubs: hubs("e".repeat(65)) } } }), /routing.endpoints.eventHubs\[0\].name: must be 1-64 letters/],
    ["endpoint named events", v23({ routing: { endpoints: { serviceBusQueues: hubs("events") } } }), /routing.endpoints.serviceBusQueues\[0\].name: is reserved \(events, fileNotifications, \$default\); got "events"/],
    ["endpoint named fileNotifications", v23({ routing: { endpoints: { eventHubs: hubs("FileNotifications") } } }), /routing.endpoints.eventHubs\[0\].name: is reserved .*got "FileNotifications"/],
    ["endpoint named $default", v23({ routing: { endpoints: { serviceBusTopics: hubs("$default") } } }), /routing.endpoints.serviceBusTopics\[0\].name: is reserved .*got "\$default"/],
    ["one endpoint name in two kinds", v23({ routing: { endpoints: { eventHubs: hubs("out"), serviceBusQueues: hubs("OUT") } } }),
      /routing.endpoints.serviceBusQueues\[0\].name: must be unique across all endpoint kinds; got "OUT"/],
    ["an unknown endpoint kind", v23({ routing: { endpoints: { kafka: [] } } }), /routing.endpoints.kafka: is not an endpoint kind: use eventHubs, serviceBusQueues, serviceBusTopics, storageContainers, cosmosDBSqlContainers/],
    ["a key-based endpoint without a connection string", v23({ routing: { endpoints: { eventHubs: [{ name: "eh" }] } } }), /routing.endpoints.eventHubs\[0\].connectionString: is required \(a string\); got nothing/],
    ["a route to an endpoint that does not exist", v23({ routing: { endpoints: { eventHubs: hubs("eh") }, routes: [route("r", "nowhere")] } }),
      /routing.routes\[0\].endpointNames\[0\]: must name an endpoint of routing.endpoints, or events; got "nowhere"/],
    ["a fallback route to an endpoint that does not exist", v23({ routing: { endpoints: {}, fallbackRoute: { endpointNames: ["nowhere"], isEnabled: true } } }),
      /routing.fallbackRoute.endpointNames\[0\]: must name an endpoint of routing.endpoints, or events; got "nowhere"/],
    ["an enrichment for an endpoint that does not exist", v23({ routing: { endpoints: {}, enrichments: [{ key: "k", value: "v", endpointNames: ["events", "nowhere"] }] } }),
      /routing.enrichments\[0\].endpointNames\[1\]: must name an endpoint of routing.endpoints, or events; got "nowhere"/],
    ["a route to two endpoints", v23({ routing: { routes: [{ ...route("r"), endpointNames: ["events", "events"] }] } }), /routing.routes\[0\].endpointNames: must name exactly one endpoint; got \["events","events"\]/],
    ["a route with an unknown source", v23({ routing: { routes: [{ ...route("r"), source: "Telemetry" }] } }), /routing.routes\[0\].source: must be one of DeviceMessages, .*; got "Telemetry"/],
    ["a route without isEnabled", v23({ routing: { routes: [{ name: "r", source: "DeviceMessages", endpointNames: ["events"] }] } }), /routing.routes\[0\].isEnabled: is required: true or false; got nothing/],
    ["two routes of one name", v23({ routing: { routes: [route("r"), route("R")] } }), /routing.routes\[1\].name: must be unique; got "R"/],
    ["2 custom endpoints on F1", v23({ sku: { name: "F1" }, routing: { endpoints: { eventHubs: hubs("a", "b") } } }), /routing.endpoints: must hold at most 1 custom endpoints in all for this SKU; got "2 endpoints"/],
    ["11 custom endpoints on S1", v23({ routing: { endpoints: { eventHubs: hubs(...Array.from({ length: 6 }, (_, i) => `eh${i}`)), serviceBusQueues: hubs(...Array.from({ length: 5 }, (_, i) => `q${i}`)) } } }),
      /routing.endpoints: must hold at most 10 custom endpoints in all for this SKU; got "11 endpoints"/],
    ["6 routes on F1", v23({ sku: { name: "F1" }, routing: { routes: routes(6) } }), /routing.routes: must hold at most 5 routes for this SKU; got "6 routes"/],
    ["101 routes on S1", v23({ routing: { routes: routes(101) } }), /routing.routes: must hold at most 100 routes for this SKU; got "101 routes"/],
    ["3 enrichments on F1", v23({ sku: { name: "F1" }, routing: { enrichments: enrichments(3) } }), /routing.enrichments: must hold at most 2 enrichments for this SKU; got "3 enrichments"/],
    ["11 enrichments on S1", v23({ routing: { enrichments: enrichments(11) } }), /routing.enrichments: must hold at most 10 enrichments for this SKU; got "11 enrichments"/],
    ["batch frequency 59 s", storage({ batchFrequencyInSeconds: 59 }), /routing.endpoints.storageContainers\[0\].batchFrequencyInSeconds: must be a whole number of seconds from 60 to 720; got 59/],
    ["batch frequency 721 s", storage({ batchFrequencyInSeconds: 721 }), /batchFrequencyInSeconds: must be a whole number of seconds from 60 to 720; got 721/],
    ["chunk size below 10 MB", storage({ maxChunkSizeInBytes: 10485759 }), /routing.endpoints.storageContainers\[0\].maxChunkSizeInBytes: must be a whole number of bytes \(10 MB to 500 MB\) from 10485760 to 524288000; got 10485759/],
    ["chunk size above 500 MB", storage({ maxChunkSizeInBytes: 524288001 }), /maxChunkSizeInBytes: must be a whole number of bytes .*; got 524288001/],
    ["storage encoding", storage({ encoding: "CSV" }), /routing.endpoints.storageContainers\[0\].encoding: must be one of Avro, AvroDeflate, JSON; got "CSV"/],
    ["storage container without a container", storage({ containerName: undefined }), /routing.endpoints.storageContainers\[0\].containerName: is required/],
    ["file notification delivery count 0", v23({ messagingEndpoints: { fileNotifications: { maxDeliveryCount: 0 } } }), /messagingEndpoints.fileNotifications.maxDeliveryCount: must be a whole number from 1 to 100; got 0/],
    ["file notification delivery count 101", v23({ messagingEndpoints: { fileNotifications: { maxDeliveryCount: 101 } } }), /messagingEndpoints.fileNotifications.maxDeliveryCount: must be a whole number from 1 to 100; got 101/],
    ["file notification lock not ISO 8601", v23({ messagingEndpoints: { fileNotifications: { lockDurationAsIso8601: "60s" } } }), /messagingEndpoints.fileNotifications.lockDurationAsIso8601: must be an ISO 8601 duration such as PT1H; got "60s"/],
    ["file upload SAS TTL not ISO 8601", v23({ storageEndpoints: { $default: { connectionString: "AccountKey=x", containerName: "c", sasTtlAsIso8601: "1h" } } }), /storageEndpoints.\$default.sasTtlAsIso8601: must be an ISO 8601 duration such as PT1H; got "1h"/],
    ["a second storage endpoint", v23({ storageEndpoints: { other: { connectionString: "AccountKey=x", containerName: "c" } } }), /storageEndpoints.other: is not allowed: the only storage endpoint is \$default/],
    ["a network rule mask", v23({ networkRuleSets: { applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: "a", ipMask: "10.0.0.0/40" }] } }), /networkRuleSets.ipRules\[0\].ipMask: must be an IPv4 address or CIDR range.*got "10.0.0.0\/40"/],
    ["a network rule that denies", v23({ networkRuleSets: { applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: "a", action: "Deny", ipMask: "10.0.0.1" }] } }), /networkRuleSets.ipRules\[0\].action: must be one of Allow; got "Deny"/],
    ["network rules without applyToBuiltInEventHubEndpoint", v23({ networkRuleSets: { ipRules: [] } }), /networkRuleSets.applyToBuiltInEventHubEndpoint: is required: true or false; got nothing/],
    ["public network access", v23({ publicNetworkAccess: "Open" }), /publicNetworkAccess: must be one of Enabled, Disabled; got "Open"/],
    ["TLS 1.3", v23({ minTlsVersion: "1.3" }), /minTlsVersion: must be "1.0", "1.1" or "1.2"; got "1.3"/],
    ["disableLocalAuth not a boolean", v23({ disableLocalAuth: "yes" }), /disableLocalAuth: must be true or false; got "yes"/],
    ["an allowed FQDN that is a URL", v23({ allowedFqdnList: ["https://x.example.com"] }), /allowedFqdnList\[0\]: must be a fully qualified domain name .*got "https:\/\/x.example.com"/],
    ["identity type", v23({ identity: { type: "Managed" } }), /identity.type: must be one of SystemAssigned, UserAssigned, SystemAssigned, UserAssigned, None; got "Managed"/],
    ["UserAssigned without identities", v23({ identity: { type: "UserAssigned" } }), /identity.userAssignedIdentities: must list at least one identity with type UserAssigned; got nothing/],
    ["a user-assigned identity that is not a resource id", v23({ identity: { type: "UserAssigned", userAssignedIdentities: ["id-one"] } }), /identity.userAssignedIdentities\[0\]: must be a resource id .*got "id-one"/],
    ["an endpoint identity the hub does not have", v23({
      identity: { type: "UserAssigned", userAssignedIdentities: [uai("one")] },
      routing: { endpoints: { eventHubs: [{ name: "eh", authenticationType: "identityBased", endpointUri: "sb://ns", entityPath: "t", identity: { userAssignedIdentity: uai("two") } }] } },
    }), /routing.endpoints.eventHubs\[0\].identity.userAssignedIdentity: must be one of the hub's identity.userAssignedIdentities; got "\/subscriptions\//],
    ["an identity-based endpoint without a system-assigned identity", v23({
      identity: { type: "UserAssigned", userAssignedIdentities: [uai("one")] },
      routing: { endpoints: { eventHubs: [{ name: "eh", authenticationType: "identityBased", endpointUri: "sb://ns", entityPath: "t" }] } },
    }), /routing.endpoints.eventHubs\[0\].identity: is required for identityBased authentication when the hub has no system-assigned identity/],
    ["rotateKeys not a string", { authorizationPolicies: [{ keyName: "p", rights: "ServiceConnect", rotateKeys: 1 }] }, /authorizationPolicies\[0\].rotateKeys: must be a string \(change it to rotate this policy's keys\); got 1/],
    ["routing in the pass-through", v23({ properties: { routing: {} } }), /properties.routing: is not allowed here: use the routing argument/],
  ];
}

/** The failures as the harness and the CLI show them (one line per failure, property first). */
function checkMessages(args: Record<string, unknown>): string[] {
  const result = checkHub({}, args, { armEndpoint: "http://127.0.0.1:1", subscriptionId: SUBSCRIPTION_ID });
  return (result.failures ?? []).map((f) => f.reason);
}

test.each(cases)("%s is refused by check", (_what, change, message) => {
  const messages = checkMessages({ ...valid, ...change });
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatch(message);
});

test("a valid hub passes check", () => {
  expect(checkMessages({ ...valid })).toEqual([]);
});

test("a hub with every typed setting passes check on 2023-06-30, and the file upload settings on 2016-02-03 too", () => {
  expect(checkMessages({ ...everySettingArgs("check-hub") })).toEqual([]);
  const { storageEndpoints, messagingEndpoints, enableFileUploadNotifications } = everySettingArgs("check-hub");
  expect(checkMessages({ ...valid, storageEndpoints, messagingEndpoints, enableFileUploadNotifications })).toEqual([]);
});

/** A sample of the rules, one per kind of value (name, enum, number range, nested list, map, pass-through). */
const THROUGH_THE_HOST = ["name with a path character", "unknown SKU", "S1 capacity above 200", "retention 8 days", "IP filter mask", "a tag that is not a string", "50 tags", "typed property in the pass-through",
  "routing on 2016-02-03", "endpoint named events", "a route to an endpoint that does not exist", "6 routes on F1", "chunk size below 10 MB"];

test.each(cases.filter(([what]) => THROUGH_THE_HOST.includes(what)))("%s is refused in preview through the host", async (_what, change, message) => {
  const result = await world.stack.preview(() => {
    new IotHub("hub", { ...valid, ...change } as IotHubArgs);
  });
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(message);
});

test.each(cases)("%s is refused by up through the host, and nothing reaches the emulator", async (_what, change, message) => {
  world.emulator.requests.clear();
  const result = await world.stack.up(() => {
    new IotHub("hub", { ...valid, ...change } as IotHubArgs);
  });
  expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
  expect(world.emulator.requests.entries()).toEqual([]);
});

test("a valid hub previews as a create without any API call", async () => {
  const result = await world.stack.preview(() => {
    new IotHub("hub", valid);
  });
  expect(result.errors).toEqual([]);
  expect(result.steps.map((s) => s.op)).toEqual(["create"]);
});

test("Basic SKUs are accepted with api-version 2023-06-30", async () => {
  const result = await world.stack.preview(() => {
    new IotHub("hub", { ...valid, sku: { name: "B1" }, apiVersion: "2023-06-30" });
  });
  expect(result.errors).toEqual([]);
});

describe("provider settings, refused at check before any API or token call", () => {
  const settingsCases: [string, Record<string, string | { secret: string }>, RegExp][] = [
    ["plain http to a host that is not loopback", { "iothub:armEndpoint": "http://management.example.com" },
      /iothub:armEndpoint: must use https unless its host is loopback .*got "http:\/\/management.example.com"/],
    ["an endpoint that is not a URL", { "iothub:armEndpoint": "management.azure.com" }, /iothub:armEndpoint: .*not a URL.*got "management.azure.com"/],
    ["credentials in the endpoint URL, not echoed", { "iothub:armEndpoint": "https://user:pa55word@arm.example.com" },
      /iothub:armEndpoint: .*must not carry a query, fragment or credentials; got "https:\/\/\*\*\*@arm.example.com"/],
    ["a static token with a real cloud's endpoint", { "iothub:armEndpoint": "https://management.azure.com", "iothub:accessToken": { secret: "a-real-looking-token" } },
      /iothub:accessToken: is only accepted with a loopback ARM endpoint .*not https:\/\/management.azure.com.*got a value \(not shown: it is a secret\)/],
  ];

  test.each(settingsCases)("%s", async (_what, config, message) => {
    world.emulator.requests.clear();
    const stack = world.newStack({ config });
    const result = await stack.preview(() => {
      new IotHub("hub", valid);
    });
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(`${result.errors[0].message}${result.hostStderr}`).not.toMatch(/pa55word|a-real-looking-token/);
    expect(world.emulator.requests.entries()).toEqual([]);
    await stack.close();
  });

  test("a bad name is refused by up as well, and the emulator receives nothing", async () => {
    world.emulator.requests.clear();
    for (const name of ["x?y", "%2F", "hub/../x"]) {
      const result = await world.stack.up(() => {
        new IotHub("hub", { ...valid, name });
      });
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0].message).toMatch(/name: must be 3-50 /);
      expect(result.errors[0].message).toContain(`got ${JSON.stringify(name)}`);
    }
    expect(world.emulator.requests.entries()).toEqual([]);
  });
});
