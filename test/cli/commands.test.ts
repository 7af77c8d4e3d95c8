/**
 * Every `iothub` command in-process against the emulator, on both api-versions: tables and JSON, paging with a small
 * page size (`iothub emulator --page-size`, the emulator's own setting: ARM's list operations take none), keys
 * masked and shown, consumer-group writes waiting out a busy hub with a progress line, the export job to completion
 * and to failure, and the exit codes (0 ok, 1 Azure or runtime error with code and request id, 2 usage).
 */
import { startEmulator } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import type { ApiVersion } from "../../provider";
import { FAST_POLLING_MS, OTHER_SUBSCRIPTION_ID, SUBSCRIPTION_ID, createHubOutOfBand, emulatorEnv, runCli } from "./helpers";

const LIMITED_TOKEN = "token-for-another-subscription";
const SAS_URI = "https://account.blob.core.windows.net/exports?sv=2022-11-02&sig=c2VjcmV0";
let emulator: RunningEmulator;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  emulator = await startEmulator({ pageSize: 2, provisioningMs: 100, retryAfterSeconds: 0, tokens: [{ token: LIMITED_TOKEN, subscriptions: [OTHER_SUBSCRIPTION_ID] }] });
  env = emulatorEnv(emulator.url);
});
afterAll(() => emulator.close());

const json = (stdout: string): unknown => JSON.parse(stdout);

describe.each<ApiVersion>(["2016-02-03", "2023-06-30"])("iothub commands, api-version %s", (apiVersion) => {
  const tag = apiVersion.slice(0, 4);
  const rg = `rg-cli-${tag}`;
  const hubs = [`cli-${tag}-1`, `cli-${tag}-2`, `cli-${tag}-3`];
  const address = `${rg}/${hubs[0]}`;
  const v = ["--api-version", apiVersion];

  beforeAll(async () => {
    emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: rg });
    for (const name of hubs) await createHubOutOfBand(emulator.url, { resourceGroup: rg, name, apiVersion, sku: { name: "S1", capacity: 2 } });
    for (const group of ["g1", "g2"]) emulator.outOfBand.createConsumerGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: rg, hubName: hubs[0], name: group });
  }, 60_000);

  test("list: every page, as a table and as JSON", async () => {
    const listed = await runCli(["list", "--resource-group", rg, ...v, "-o", "json"], env);
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(json(listed.stdout)).toEqual(hubs.map((name) => ({
      name,
      resourceGroup: rg,
      location: "westeurope",
      sku: { name: "S1", capacity: 2 },
      state: "Active",
      hostName: `${name}.azure-devices.net`,
      id: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${rg}/providers/Microsoft.Devices/IotHubs/${name}`,
    })));
    const table = await runCli(["list", "-g", rg, ...v], env);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^NAME\s+RESOURCE GROUP\s+LOCATION\s+SKU\s+STATE\s+HOST NAME$/);
    for (const name of hubs) expect(table.stdout).toMatch(new RegExp(`^${name}\\s+${rg}\\s+westeurope\\s+S1 x2`, "m"));
    const everywhere = await runCli(["list", ...v, "-o", "json"], env);
    expect((json(everywhere.stdout) as Array<{ name: string }>).map((h) => h.name)).toEqual(expect.arrayContaining(hubs));
  });

  test("show: the hub's description (JSON as Azure answers it)", async () => {
    const shown = await runCli(["show", address, ...v, "-o", "json"], env);
    expect(shown.code).toBe(0);
    expect(json(shown.stdout)).toMatchObject({ name: hubs[0], sku: { name: "S1", capacity: 2 }, properties: { hostName: `${hubs[0]}.azure-devices.net` } });
    const table = await runCli(["show", address, ...v], env);
    expect(table.stdout).toMatch(new RegExp(`^hostName:\\s+${hubs[0]}\\.azure-devices\\.net$`, "m"));
  });

  test("keys: masked unless --show-secrets; --policy picks one", async () => {
    const masked = await runCli(["keys", address, ...v], env);
    expect(masked.code).toBe(0);
    expect(masked.stdout).toMatch(/^iothubowner\s+RegistryWrite, ServiceConnect, DeviceConnect\s+\(hidden: --show-secrets\)\s+\(hidden: --show-secrets\)$/m);
    const maskedJson = json((await runCli(["keys", address, ...v, "-o", "json"], env)).stdout) as Array<Record<string, unknown>>;
    expect(maskedJson.length).toBeGreaterThan(1);
    for (const policy of maskedJson) expect(Object.keys(policy).sort()).toEqual(["keyName", "rights"]);

    const shown = await runCli(["keys", address, ...v, "--policy", "IOTHUBOWNER", "--show-secrets", "-o", "json"], env);
    const [owner] = json(shown.stdout) as Array<{ keyName: string; primaryKey: string; secondaryKey: string }>;
    expect(owner.keyName).toBe("iothubowner");
    expect(owner.primaryKey).toMatch(/^[A-Za-z0-9+/]{20,}={0,2}$/);
    expect(masked.stdout).not.toContain(owner.primaryKey);
    const shownTable = await runCli(["keys", address, ...v, "--policy", "iothubowner", "--show-secrets"], env);
    expect(shownTable.stdout).toContain(owner.primaryKey);

    const missing = await runCli(["keys", address, ...v, "--policy", "nobody"], env);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toMatch(/^iothub keys: error PolicyNotFound: IotHub \S+ has no shared access policy "nobody" \(it has: iothubowner, /);
  });

  test("consumer-groups: list every page, create while the hub is busy (progress on stderr), delete twice", async () => {
    const listed = await runCli(["consumer-groups", "list", address, ...v, "-o", "json"], env);
    expect((json(listed.stdout) as Array<{ name: string }>).map((g) => g.name).sort()).toEqual(["$Default", "g1", "g2"]);

    emulator.outOfBand.startTransition({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: rg, name: hubs[0], ms: 600 });
    const created = await runCli(["consumer-groups", "create", address, "g3", ...v, "-o", "json"], env);
    expect(created.code).toBe(0);
    expect(json(created.stdout)).toMatchObject({ name: "g3" });
    expect(created.stderr).toMatch(new RegExp(`^IotHub ${hubs[0]} is Transitioning; waiting for it to be Active \\(\\d+s elapsed\\)$`, "m"));
    expect(emulator.outOfBand.listConsumerGroups({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: rg, hubName: hubs[0] })).toContain("g3");

    const deleted = await runCli(["consumer-groups", "delete", address, "g3", ...v, "-o", "json"], env);
    expect(json(deleted.stdout)).toEqual({ name: "g3", deleted: true });
    const again = await runCli(["consumer-groups", "delete", address, "g3", ...v], env);
    expect(again).toMatchObject({ code: 0, stdout: "consumer group g3 did not exist\n" });

    const bad = await runCli(["consumer-groups", "create", address, "$Default", ...v], env);
    expect(bad.code).toBe(2);
  });

  test("export-devices: the job started, followed to completed, and a failed job exits 1 with its reason", async () => {
    const started = await runCli(["export-devices", address, "--container-uri", SAS_URI, ...v, "-o", "json"], env);
    expect(started.code).toBe(0);
    expect(json(started.stdout)).toMatchObject({ type: "export", status: "enqueued" });

    const waited = await runCli(["export-devices", address, "--container-uri", SAS_URI, "--exclude-keys", "--wait", ...v], env);
    expect(waited.code).toBe(0);
    expect(waited.stdout).toMatch(/^status:\s+completed$/m);
    expect(waited.stderr).toMatch(/: running, \d+s elapsed\n.*: completed, \d+s elapsed\n$/);
    expect(waited.stdout + waited.stderr).not.toContain("sig=");

    emulator.faults.failNextJob({ hubName: hubs[1], reason: "the container is not writable" });
    const failed = await runCli(["export-devices", `${rg}/${hubs[1]}`, "--container-uri", SAS_URI, "--wait", ...v], env);
    expect(failed).toMatchObject({ code: 1, stdout: "" });
    expect(failed.stderr).toMatch(/^iothub export-devices: error OperationFailed: export job \S+ of IotHub \S+ ended failed: the container is not writable$/m);
  });

  test("a missing hub exits 1 with the service's code and request id", async () => {
    const missing = await runCli(["show", `${rg}/cli-${tag}-missing`, ...v], env);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toMatch(/^iothub show: error \w+: NotFound \(404\) .*\[x-ms-request-id: [0-9a-f-]{36}\]\n$/);
  });
});

test("a token not granted the subscription exits 1 with 403 AuthorizationFailed and the request id", async () => {
  const denied = await runCli(["list", "-o", "json"], { ...env, IOTHUB_ACCESS_TOKEN: LIMITED_TOKEN });
  expect(denied).toMatchObject({ code: 1, stdout: "" });
  expect(denied.stderr).toMatch(/^iothub list: error AuthorizationFailed: Forbidden \(403\) AuthorizationFailed: .*\[x-ms-request-id: [0-9a-f-]{36}\]\n$/);
});

test("without any subscription the CLI says where to give one, and exits 2", async () => {
  const run = await runCli(["list"], { IOTHUB_ARM_ENDPOINT: emulator.url, IOTHUB_ACCESS_TOKEN: LIMITED_TOKEN });
  expect(run).toMatchObject({ code: 2, stdout: "" });
  expect(run.stderr).toMatch(/subscriptionId: is required: pass subscriptionId \(the CLI: --subscription\), stack config iothub:subscriptionId, or AZURE_SUBSCRIPTION_ID; got nothing/);
});

test("--subscription and --endpoint take the place of stack config", async () => {
  const flags = ["--endpoint", emulator.url, "--subscription", OTHER_SUBSCRIPTION_ID, "-o", "json"];
  const listed = await runCli(["list", ...flags], { IOTHUB_ACCESS_TOKEN: LIMITED_TOKEN, IOTHUB_POLLING_SCHEDULE_MS: FAST_POLLING_MS });
  expect(listed).toMatchObject({ code: 0, stdout: "[]\n", stderr: "" });
});

test.each([
  [["frobnicate"], /^iothub: unknown command "frobnicate"; commands: list, show, keys, consumer-groups, export-devices, import, emulator\n/],
  [["show", "just-a-hub"], /^iothub show: expected RESOURCE_GROUP\/HUB as argument 1; got "just-a-hub"\nRun 'iothub show --help' for usage\.\n$/],
  [["list", "--colour"], /^iothub list: Unknown option '--colour'/],
  [["list", "-o", "xml"], /^iothub list: --output must be one of table, json; got "xml"/],
  [["list", "--api-version", "2020-01-01"], /^iothub list: listIotHubs: apiVersion: must be one of 2016-02-03, 2023-06-30; got "2020-01-01"/],
  [["export-devices", "rg/hub1"], /^iothub export-devices: --container-uri is required/],
  [["consumer-groups", "rename", "rg/hub1"], /^iothub consumer-groups: expected one of list, create, delete as argument 1; got "rename"/],
  [["list", "--endpoint", "http://example.com"], /iothub:armEndpoint: must use https unless its host is loopback/],
  [["list", "--subscription", "not-a-guid"], /^iothub list: listIotHubs: subscriptionId: must be a subscription GUID/],
  [["emulator", "--port", "x"], /^iothub: --port needs an integer, got 'x'\nUsage: iothub emulator \[options\]/],
])("usage error %j exits 2 before any request", async (args, message) => {
  emulator.requests.clear();
  const run = await runCli(args as string[], env);
  expect(run).toMatchObject({ code: 2, stdout: "" });
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(emulator.requests.entries()).toEqual([]);
});

test.each(["list", "show", "keys", "consumer-groups", "export-devices", "import", "emulator"])("iothub %s --help prints its usage and exits 0", async (command) => {
  const help = await runCli([command, "--help"], {});
  expect(help).toMatchObject({ code: 0, stderr: "" });
  expect(help.stdout).toMatch(new RegExp(`^Usage: iothub ${command}`));
});
