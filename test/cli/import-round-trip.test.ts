/**
 * `iothub import` round-trips: a hub made outside Pulumi (tags, policies, IP rules, non-default SKU, partitions,
 * retention, cloud-to-device settings, consumer groups), its snippet run as the program of a fresh stack through the
 * real dynamic-provider host (tools/harness), the first `up` adopts hub and groups without a single write, and the
 * next `preview` shows no change. Both api-versions.
 */
import * as ts from "typescript";
import { ConsumerGroup, IotHub } from "../../provider";
import type { ApiVersion } from "../../provider";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, hubRef, uniqueName, useFreshStacks } from "../iothub/world";
import { ALL_KEYS, everySettingArgs } from "../iothub/settings-program";
import { createHubOutOfBand, emulatorEnv, runCli } from "./helpers";

const t = useFreshStacks();

/** The printed snippet as a program: TypeScript transpiled, `pulumi-iothub` resolved to this package. */
function programOf(snippet: string): () => void {
  const js = ts.transpileModule(snippet, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const packageExports = { IotHub, ConsumerGroup };
  const requireInSnippet = (name: string) => {
    if (name !== "pulumi-iothub") throw new Error(`the snippet requires ${name}`);
    return packageExports;
  };
  return () => new Function("require", "exports", js)(requireInSnippet, {});
}

test.each<ApiVersion>(["2016-02-03", "2023-06-30"])("a hub made outside Pulumi, imported with api-version %s: up adopts it without a write, then preview shows no change", async (apiVersion) => {
  const name = uniqueName("imported");
  await createHubOutOfBand(t.world.emulator.url, {
    subscriptionId: SUBSCRIPTION_ID,
    resourceGroup: RESOURCE_GROUP,
    name,
    apiVersion,
    sku: { name: "S2", capacity: 3 },
    eventHubs: { partitionCount: 6, retentionTimeInDays: 3 },
    cloudToDevice: { maxDeliveryCount: 25, defaultTtlAsIso8601: "PT2H", feedback: { lockDurationAsIso8601: "PT30S", ttlAsIso8601: "PT3H", maxDeliveryCount: 15 } },
    ipFilterRules: [{ filterName: "office", action: "Accept", ipMask: "10.0.0.0/8" }, { filterName: "blocked", action: "Reject", ipMask: "192.168.1.7" }],
    authorizationPolicies: [{ keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect" }, { keyName: "backend", rights: "ServiceConnect, RegistryRead" }],
    tags: { env: "prod", "cost-center": "42" },
    comments: "made by hand",
    features: "DeviceManagement",
  });
  for (const group of ["analytics", "archive"]) t.world.emulator.outOfBand.createConsumerGroup({ ...hubRef(name), hubName: name, name: group });
  const before = t.world.emulator.outOfBand.getHub(hubRef(name));

  const imported = await runCli(["import", `${RESOURCE_GROUP}/${name}`, "--name", "plant", "--api-version", apiVersion], { ...emulatorEnv(t.world.emulator.url), AZURE_SUBSCRIPTION_ID: SUBSCRIPTION_ID });
  expect(imported).toMatchObject({ code: 0, stderr: "" });
  const snippet = imported.stdout;
  expect(snippet).toMatch(/^import \{ ConsumerGroup, IotHub \} from "pulumi-iothub";$/m);
  expect(snippet).toContain(`const hub = new IotHub("plant", {\n  subscriptionId: "${SUBSCRIPTION_ID}",\n  resourceGroupName: "${RESOURCE_GROUP}",\n  name: "${name}",\n  apiVersion: "${apiVersion}",`);
  expect(snippet).toContain(`"cost-center": "42"`);
  expect(snippet).toMatch(/^ {2}adoptExisting: true,\n\}\);$/m);
  expect(snippet).toContain(`new ConsumerGroup("plant-analytics", { hub, name: "analytics", adoptExisting: true });`);
  expect(snippet).not.toContain("$Default");
  expect(snippet).not.toMatch(/primaryKey|secondaryKey/);

  const program = programOf(snippet);
  t.world.emulator.requests.clear();
  const up = ok(await t.stack.up(program));
  expect(up.steps.map((s) => s.op)).toEqual(["create", "create", "create"]);
  // No write reached Azure: the adopting create's If-None-Match PUT is refused (412) and nothing else is sent.
  const writes = t.world.emulator.requests.entries().filter((e) => e.method !== "GET" && e.method !== "POST");
  expect(writes.map((e) => `${e.method} ${e.status}`)).toEqual(["PUT 412"]);
  const after = t.world.emulator.outOfBand.getHub(hubRef(name));
  expect(after?.etag).toBe(before?.etag);
  expect(after?.tags).toEqual({ env: "prod", "cost-center": "42" });
  expect(t.stack.resources().find((r) => r.type.endsWith("IotHub"))?.outputs).toMatchObject({
    sku: { name: "S2", capacity: 3 },
    eventHubs: { partitionCount: 6, retentionTimeInDays: 3 },
    comments: "made by hand",
  });

  const preview = ok(await t.stack.preview(program));
  expect(preview.steps.map((s) => s.op)).toEqual(["same", "same", "same"]);
});

test("a hub with every typed setting (2023-06-30) imports too: masked keys are pointed out, the adopting up writes nothing and every stored key stays", async () => {
  const name = uniqueName("settings-import");
  // everySettingArgs holds plain values (no Outputs), the inputs' shape the out-of-band create takes.
  await createHubOutOfBand(t.world.emulator.url, { ...(everySettingArgs(name) as Parameters<typeof createHubOutOfBand>[1]), subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name, apiVersion: "2023-06-30" });
  const storedBefore = JSON.stringify(t.world.emulator.outOfBand.getHub(hubRef(name)));
  for (const key of ALL_KEYS.slice(0, 4)) expect(storedBefore).toContain(key);

  const imported = await runCli(["import", `${RESOURCE_GROUP}/${name}`, "--name", "plant", "--api-version", "2023-06-30"], { ...emulatorEnv(t.world.emulator.url), AZURE_SUBSCRIPTION_ID: SUBSCRIPTION_ID });
  expect(imported).toMatchObject({ code: 0, stderr: "" });
  for (const key of ALL_KEYS) expect(imported.stdout).not.toContain(key);
  expect(imported.stdout).toMatch(/SharedAccessKey=\*{4}[^\n]*\/\/ key masked by Azure/);
  expect(imported.stdout).toMatch(/AccountKey=\*{4}[^\n]*\/\/ key masked by Azure/);
  expect(imported.stdout).toMatch(/routing: \{/);
  expect(imported.stdout).toMatch(/minTlsVersion: "1\.2"/);

  const program = programOf(imported.stdout);
  t.world.emulator.requests.clear();
  ok(await t.stack.up(program));
  const writes = t.world.emulator.requests.entries().filter((e) => e.method !== "GET" && e.method !== "POST");
  expect(writes.map((e) => `${e.method} ${e.status}`)).toEqual(["PUT 412"]);
  expect(JSON.stringify(t.world.emulator.outOfBand.getHub(hubRef(name)))).toBe(storedBefore);
  expect(ok(await t.stack.preview(program)).steps.map((s) => s.op)).toEqual(["same"]);
});

test("the snippet of a hub without consumer groups declares only the hub; --output json carries the arguments", async () => {
  const name = uniqueName("lonely");
  await createHubOutOfBand(t.world.emulator.url, { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name, apiVersion: "2023-06-30" });
  const imported = await runCli(["import", `${RESOURCE_GROUP}/${name}`, "--api-version", "2023-06-30", "-o", "json"], { ...emulatorEnv(t.world.emulator.url), AZURE_SUBSCRIPTION_ID: SUBSCRIPTION_ID });
  const out = JSON.parse(imported.stdout) as { pulumiName: string; hubArgs: Record<string, unknown>; consumerGroups: string[]; snippet: string };
  expect(out.pulumiName).toBe(name);
  expect(out.consumerGroups).toEqual([]);
  expect(out.hubArgs).toMatchObject({ name, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1", capacity: 1 }, adoptExisting: true });
  expect(out.snippet).toMatch(/^import \{ IotHub \} from "pulumi-iothub";$/m);
  expect(out.snippet).not.toContain("ConsumerGroup");
});
