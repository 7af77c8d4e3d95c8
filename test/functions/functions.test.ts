/**
 * The Pulumi functions against the emulator, both api-versions, as a program calls them: settings from the program's
 * stack config (`iothub:*`), lists longer than the emulator's page size, keys as a secret Output, the export job
 * to completion and to failure, and the errors (bad arguments before any call, 404, 403) with code and request id.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEV_TOKEN, startEmulator } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import {
  exportDeviceIdentities,
  exportDeviceIdentitiesOutput,
  getIotHub,
  getIotHubOutput,
  listConsumerGroups,
  listConsumerGroupsOutput,
  listIotHubKeys,
  listIotHubKeysOutput,
  listIotHubs,
  listIotHubsOutput,
} from "../../provider";
import type { ApiVersion } from "../../provider";
import { setTimeout as sleep } from "node:timers/promises";
import { ArmClient, isArmError, staticTokenCredential } from "../../provider/arm";
import { resolveSettings } from "../../provider/settings";
import { closeArmClients } from "../../provider/client-pool";
import { runDeviceExport } from "../../provider/functions/device-export";
import { programTarget } from "../../provider/functions/program-target";
import { FAST_POLLING_MS, OTHER_SUBSCRIPTION_ID, SUBSCRIPTION_ID, createHubOutOfBand } from "../cli/helpers";

const PAGE_SIZE = 2;
const LIMITED_TOKEN = "token-for-another-subscription";
const SAS_URI = "https://account.blob.core.windows.net/exports?sv=2022-11-02&sig=c2VjcmV0";
let emulator: RunningEmulator;

function useConfig(over: Record<string, string> = {}): void {
  pulumi.runtime.setAllConfig({
    "iothub:armEndpoint": emulator.url,
    "iothub:accessToken": DEV_TOKEN,
    "iothub:subscriptionId": SUBSCRIPTION_ID,
    "iothub:pollingScheduleMs": FAST_POLLING_MS,
    ...over,
  }, ["iothub:accessToken"]);
}

/** An Output's value and secretness, outside a deployment. */
async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const value = await new Promise<T>((resolve) => output.apply((v) => resolve(v)));
  return { value, secret: await pulumi.isSecret(output) };
}

beforeAll(async () => {
  emulator = await startEmulator({ pageSize: PAGE_SIZE, provisioningMs: 100, retryAfterSeconds: 0, tokens: [{ token: LIMITED_TOKEN, subscriptions: [OTHER_SUBSCRIPTION_ID] }] });
});
afterAll(async () => {
  await closeArmClients();
  await emulator.close();
});
beforeEach(() => useConfig());

describe.each<ApiVersion>(["2016-02-03", "2023-06-30"])("functions, api-version %s", (apiVersion) => {
  const tag = apiVersion.slice(0, 4);
  const rgA = `rg-fn-${tag}-a`;
  const rgB = `rg-fn-${tag}-b`;
  const hubsInA = [`fn-${tag}-a1`, `fn-${tag}-a2`, `fn-${tag}-a3`];
  const hubInB = `fn-${tag}-b1`;

  beforeAll(async () => {
    for (const rg of [rgA, rgB]) emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: rg });
    for (const name of hubsInA) await createHubOutOfBand(emulator.url, { resourceGroup: rgA, name, apiVersion, tags: { team: "iot" } });
    await createHubOutOfBand(emulator.url, { resourceGroup: rgB, name: hubInB, apiVersion });
    for (const group of ["analytics", "archive"]) emulator.outOfBand.createConsumerGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: rgA, hubName: hubsInA[0], name: group });
  }, 60_000);

  test("getIotHub and getIotHubOutput read one hub with the program's stack config", async () => {
    const hub = await getIotHub({ resourceGroupName: rgA, name: hubsInA[0], apiVersion });
    expect(hub).toMatchObject({ name: hubsInA[0], location: "westeurope", tags: { team: "iot" }, properties: { hostName: `${hubsInA[0]}.azure-devices.net` } });
    const { value, secret } = await settle(getIotHubOutput({ resourceGroupName: pulumi.output(rgA), name: hubsInA[0], apiVersion }));
    expect(value.id).toBe(hub.id);
    expect(secret).toBe(false);
  });

  test("listIotHubs follows every page, for a resource group and for the whole subscription", async () => {
    const inA = await listIotHubs({ resourceGroupName: rgA, apiVersion });
    expect(inA.map((h) => h.name).sort()).toEqual([...hubsInA].sort()); // 3 hubs, pages of 2
    const { value } = await settle(listIotHubsOutput({ apiVersion }));
    expect(value.map((h) => h.name)).toEqual(expect.arrayContaining([...hubsInA, hubInB]));
  });

  test("listIotHubKeys gives the keys in plaintext; listIotHubKeysOutput gives them as a secret", async () => {
    const rules = await listIotHubKeys({ resourceGroupName: rgA, name: hubsInA[0], apiVersion });
    const owner = rules.find((r) => r.keyName === "iothubowner");
    expect(owner?.primaryKey).toMatch(/^[A-Za-z0-9+/]{20,}={0,2}$/);
    const { value, secret } = await settle(listIotHubKeysOutput({ resourceGroupName: rgA, name: hubsInA[0], apiVersion }));
    expect(secret).toBe(true);
    expect(value.find((r) => r.keyName === "iothubowner")?.primaryKey).toBe(owner?.primaryKey);
  });

  test("listConsumerGroups follows every page and gives one shape in both api-versions", async () => {
    const groups = await listConsumerGroups({ resourceGroupName: rgA, hubName: hubsInA[0], apiVersion });
    expect(groups.map((g) => g.name).sort()).toEqual(["$Default", "analytics", "archive"]);
    const { value } = await settle(listConsumerGroupsOutput({ resourceGroupName: rgA, hubName: hubsInA[1], apiVersion }));
    expect(value.map((g) => g.name)).toEqual(["$Default"]);
  });

  test("exportDeviceIdentities starts a job; with wait it follows it to completed, with a line per status", async () => {
    const started = await exportDeviceIdentities({ resourceGroupName: rgA, name: hubsInA[0], exportBlobContainerUri: SAS_URI, excludeKeys: true, apiVersion });
    expect(started).toMatchObject({ type: "export", status: "enqueued" });
    expect(started.jobId).toEqual(expect.any(String));

    const lines: string[] = [];
    const done = await runDeviceExport(programTarget(), { resourceGroupName: rgA, name: hubsInA[0], exportBlobContainerUri: SAS_URI, excludeKeys: false, wait: true, apiVersion }, (l) => lines.push(l));
    expect(done).toMatchObject({ status: "completed", endTimeUtc: expect.any(String) });
    expect(lines[0]).toMatch(new RegExp(`^export job ${done.jobId} of IotHub ${hubsInA[0]}: enqueued$`));
    expect(lines.slice(1).map((l) => l.replace(/, \d+s elapsed$/, ""))).toEqual([`export job ${done.jobId} of IotHub ${hubsInA[0]}: running`, `export job ${done.jobId} of IotHub ${hubsInA[0]}: completed`]);
    expect(lines.join("\n")).not.toContain("sig=");

    const { value } = await settle(exportDeviceIdentitiesOutput({ resourceGroupName: rgA, name: hubsInA[0], exportBlobContainerUri: SAS_URI, excludeKeys: true, wait: true, apiVersion }));
    expect(value.status).toBe("completed");
  });

  test("while a job's status lasts, the wait writes the periodic progress line (15 s, then every 30 s, on the client's clock)", async () => {
    // Each poll interval is 10 s on a virtual clock and 20 ms of real time, so the emulator's 100 ms "running" lasts minutes.
    let virtualMs = Date.now();
    const client = new ArmClient({
      endpoint: emulator.url,
      credential: staticTokenCredential(DEV_TOKEN, emulator.url),
      pollingScheduleInMs: [10_000],
      now: () => virtualMs,
      delay: async (ms) => {
        virtualMs += ms;
        await sleep(20);
      },
    });
    const lines: string[] = [];
    try {
      const target = { client, settings: resolveSettings({}, { get: () => undefined }) };
      const done = await runDeviceExport(target, { resourceGroupName: rgA, name: hubsInA[2], exportBlobContainerUri: SAS_URI, excludeKeys: true, wait: true, apiVersion, subscriptionId: SUBSCRIPTION_ID }, (l) => lines.push(l));
      expect(done.status).toBe("completed");
    } finally {
      await client.close();
    }
    const periodic = lines.filter((l) => /: running, \d+(m\d+)?s elapsed$/.test(l));
    expect(periodic.length).toBeGreaterThanOrEqual(2); // the change to running, then at least one "still running"
    expect(lines[lines.length - 1]).toMatch(/: completed, \d+m\d+s elapsed$/);
  });

  test("a failed export job rejects with its reason", async () => {
    emulator.faults.failNextJob({ hubName: hubsInA[1], reason: "the container is not writable" });
    const failed = exportDeviceIdentities({ resourceGroupName: rgA, name: hubsInA[1], exportBlobContainerUri: SAS_URI, excludeKeys: true, wait: true, apiVersion });
    await expect(failed).rejects.toMatchObject({ name: "ArmError", code: "OperationFailed", message: expect.stringMatching(/ended failed: the container is not writable$/) });
  });

  test("a missing hub is a 404 ArmError with code and request id", async () => {
    const error = await getIotHub({ resourceGroupName: rgA, name: `fn-${tag}-missing`, apiVersion }).catch((e: unknown) => e);
    expect(isArmError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((error as Error).message).toMatch(/\[x-ms-request-id: [0-9a-f-]{36}\]$/);
  });
});

test("a token not granted the subscription is a 403 AuthorizationFailed, from the program's own config", async () => {
  useConfig({ "iothub:accessToken": LIMITED_TOKEN });
  await expect(listIotHubs({})).rejects.toMatchObject({ name: "ArmError", statusCode: 403, code: "AuthorizationFailed", requestId: expect.any(String) });
});

test("bad arguments are refused before any request, naming the field, the rule and the value", async () => {
  emulator.requests.clear();
  await expect(getIotHub({ resourceGroupName: "rg/../x", name: "-bad-" })).rejects.toThrow(
    /^getIotHub: resourceGroupName: must be 1-90 .*; got "rg\/..\/x"; name: must be 3-50 .*; got "-bad-"$/,
  );
  await expect(listIotHubs({ apiVersion: "2020-01-01" as ApiVersion })).rejects.toThrow(/apiVersion: must be one of 2016-02-03, 2023-06-30; got "2020-01-01"/);
  const secretUri = "ftp://x/?sig=SECRET";
  const refused = exportDeviceIdentities({ resourceGroupName: "rg", name: "hub1", exportBlobContainerUri: secretUri, excludeKeys: true });
  await expect(refused).rejects.toThrow(/exportBlobContainerUri: must be the https SAS URI of a blob container; got a value \(not shown: it is a secret\)/);
  await expect(refused.catch((e: Error) => e.message)).resolves.not.toContain("SECRET");
  // Plain http would carry the SAS token readable: refused the same way.
  await expect(exportDeviceIdentities({ resourceGroupName: "rg", name: "hub1", exportBlobContainerUri: "http://account.blob.core.windows.net/x?sig=SECRET", excludeKeys: true }))
    .rejects.toThrow(/exportBlobContainerUri: must be the https SAS URI of a blob container; got a value \(not shown: it is a secret\)/);
  expect(emulator.requests.entries()).toEqual([]);
});
