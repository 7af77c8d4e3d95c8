/**
 * Every check rule: bad input fails before any API call, with a message naming the field, the rule and the value.
 * Each rule is decided in-process on checkHub (milliseconds), and again through the real host during `pulumi up`
 * with the emulator's request journal empty afterwards (the check failure crossing gRPC, nothing reaching Azure);
 * a sample during `pulumi preview`, and the provider settings delivered by Configure.
 */
import { IotHub } from "../../provider";
import type { IotHubArgs } from "../../provider";
import { checkHub } from "../../provider/hub/check";
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
];

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

/** A sample of the rules, one per kind of value (name, enum, number range, nested list, map, pass-through). */
const THROUGH_THE_HOST = ["name with a path character", "unknown SKU", "S1 capacity above 200", "retention 8 days", "IP filter mask", "a tag that is not a string", "50 tags", "typed property in the pass-through"];

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
