/**
 * One whole life of a hub with consumer groups, searched end to end for recognisable secrets (docs/SECRETS.md): a
 * static token the emulator accepts, a client secret configured beside it, and the hub's keys (generated at create,
 * then rotated by "another client" to recognisable values). None may appear in plaintext in any output outside the
 * secret outputs, the stored provider text, the checkpoint text, the host's stdout/stderr, or any error message;
 * the keys must be in the secret outputs, so the search cannot pass on an empty run. Narrower checks of single
 * steps live in test/iothub/secrets.test.ts; this is the one place where a whole run is searched.
 */
import * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import { ConsumerGroup, IotHub } from "../../provider";
import { ok, Stack } from "../../tools/harness";
import type { StateResource, StepError } from "../../tools/harness";
import { REPO_ROOT, RESOURCE_GROUP, SUBSCRIPTION_ID, TEST_POLLING_SCHEDULE_MS, hubRef, uniqueName } from "../iothub/world";
import { leaks, recognisable, recognisableKey, splitOutputs } from "./leaks";
import type { SearchedText, SecretValue } from "./leaks";

const TOKEN = recognisable("token");
const CLIENT_SECRET = recognisable("client-secret");
/** The whole life, failures and retries included, on a machine shared with other suites. */
const LIFE_TIMEOUT_IN_MS = 240_000;
const UNTHROTTLED_BUCKET = { capacity: 1_000_000, perSecond: 1_000_000 };

let emulator: RunningEmulator;
let stack: Stack;
beforeAll(async () => {
  // The emulator accepts the recognisable token and no other (not even its dev token): every call of the run used it.
  emulator = await startEmulator({
    token: TOKEN,
    provisioningMs: 150,
    retryAfterSeconds: 0,
    throttling: { reads: UNTHROTTLED_BUCKET, writes: UNTHROTTLED_BUCKET, deletes: UNTHROTTLED_BUCKET },
  });
  emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP });
  stack = new Stack({
    programDir: REPO_ROOT,
    project: "iothub-tests",
    hostLifetime: "per-stack",
    config: {
      "iothub:armEndpoint": emulator.url,
      "iothub:accessToken": { secret: TOKEN },
      "iothub:subscriptionId": SUBSCRIPTION_ID,
      "iothub:pollingScheduleMs": TEST_POLLING_SCHEDULE_MS,
    },
    // A client-secret credential configured as a user would for Azure (DefaultAzureCredential's variables,
    // provider/settings.ts); the static token wins for a loopback endpoint, but the secret is in the host's reach.
    env: { AZURE_TENANT_ID: "00000000-0000-0000-0000-00000000beef", AZURE_CLIENT_ID: "00000000-0000-0000-0000-00000000c11e", AZURE_CLIENT_SECRET: CLIENT_SECRET },
  });
});
afterAll(async () => {
  await stack?.close();
  await emulator?.close();
});

interface Shape {
  tag: string;
  rights: string;
  groups: string[];
  capacity?: number;
  /** Return whether the program sees the key outputs as secrets. */
  reportSecrecy?: boolean;
}

function program(name: string, shape: Shape) {
  return async () => {
    const hub = new IotHub("hub", {
      name,
      resourceGroupName: RESOURCE_GROUP,
      location: "westeurope",
      sku: { name: "S1", capacity: shape.capacity ?? 1 },
      tags: { step: shape.tag },
      authorizationPolicies: [
        { keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect" },
        { keyName: "backend", rights: shape.rights },
      ],
    });
    for (const g of shape.groups) new ConsumerGroup(g, { hub, name: g });
    // Awaited only when asked: a failed step never resolves the hub's outputs, and the program would wait forever.
    if (!shape.reportSecrecy) return { hostName: hub.hostName };
    return {
      hostName: hub.hostName,
      connectionStringsAreSecret: await pulumi.isSecret(hub.connectionStrings),
      policiesAreSecret: await pulumi.isSecret(hub.sharedAccessPolicies),
    };
  };
}

test("create, update, refresh after a key rotation, three failures, destroy: no secret anywhere but in the secret outputs", async () => {
  const name = uniqueName("leak");
  const texts: SearchedText[] = [];
  const keys: SecretValue[] = [];
  /** Everything a step left: its errors, the state text, every resource's plain outputs and provider text. */
  const record = (step: string, result?: { errors: StepError[]; hostStderr: string }) => {
    for (const [i, e] of (result?.errors ?? []).entries()) {
      texts.push({ where: `${step}: error ${i}`, text: e.message });
      if (e.partial) texts.push({ where: `${step}: error ${i} partial reasons`, text: e.partial.reasons.join("\n") });
    }
    if (result) texts.push({ where: `${step}: host stderr of the step`, text: result.hostStderr });
    texts.push({ where: `${step}: checkpoint text`, text: stack.serializedState() });
    for (const r of stack.resources()) {
      texts.push({ where: `${step}: ${r.name} outputs outside secretOutputs`, text: splitOutputs(r.outputs, r.secretOutputs).plain });
      texts.push({ where: `${step}: ${r.name} inputs`, text: JSON.stringify(r.inputs) });
      texts.push({ where: `${step}: ${r.name} __provider`, text: String(r.outputs.__provider ?? r.inputs.__provider ?? "") });
    }
  };
  const hub = (): StateResource => {
    const found = stack.resources().find((r) => r.name === "hub");
    if (found === undefined) throw new Error("no hub in state");
    return found;
  };
  /** The keys the emulator holds for the hub now: the values that must be secret everywhere. */
  const storedKeys = (when: string): SecretValue[] => {
    const policies = emulator.outOfBand.getHub(hubRef(name))?.properties.authorizationPolicies as { keyName: string; primaryKey: string; secondaryKey: string }[];
    expect(policies.map((p) => p.keyName).sort()).toEqual(["backend", "iothubowner"]);
    return policies.flatMap((p) => [
      { what: `${when} ${p.keyName} primary key`, value: p.primaryKey },
      { what: `${when} ${p.keyName} secondary key`, value: p.secondaryKey },
    ]);
  };
  /** The keys are where they belong: in the hub's secret outputs, and the program sees them as secrets. */
  const expectKeysInSecretOutputs = (current: SecretValue[]) => {
    const h = hub();
    expect(h.secretOutputs).toEqual(expect.arrayContaining(["sharedAccessPolicies", "connectionStrings", "eventHubConnectionStrings"]));
    const { secret } = splitOutputs(h.outputs, h.secretOutputs);
    for (const k of current) expect(secret).toContain(k.value);
  };

  // 1. Create: a hub, its policies, two consumer groups.
  const created = ok(await stack.up(program(name, { tag: "1", rights: "ServiceConnect", groups: ["analytics", "archive"], reportSecrecy: true })));
  expect(created.outputs).toMatchObject({ hostName: `${name}.azure-devices.net`, connectionStringsAreSecret: true, policiesAreSecret: true });
  expect(stack.resources().map((r) => r.name).sort()).toEqual(["analytics", "archive", "hub"]);
  const generated = storedKeys("generated");
  keys.push(...generated);
  expectKeysInSecretOutputs(generated);
  record("create", created);

  // 2. Preview and update: tags, rights (no rotation), one group replaced by another.
  record("preview", await stack.preview(program(name, { tag: "2", rights: "ServiceConnect, RegistryRead", groups: ["analytics", "alerts"] })));
  const updated = ok(await stack.up(program(name, { tag: "2", rights: "ServiceConnect, RegistryRead", groups: ["analytics", "alerts"] })));
  expect(updated.steps.map((s) => s.op).sort()).toEqual(["create", "delete", "same", "update"]);
  expectKeysInSecretOutputs(generated);
  record("update", updated);

  // 3. Another client rotates every key to a recognisable value; refresh brings the new keys into state.
  const rotated = new Map<string, { primaryKey: string; secondaryKey: string }>();
  emulator.outOfBand.updateHub({
    ...hubRef(name),
    mutate: (h) => {
      for (const p of h.properties.authorizationPolicies as { keyName: string; primaryKey: string; secondaryKey: string }[]) {
        p.primaryKey = recognisableKey(`${p.keyName}-1`);
        p.secondaryKey = recognisableKey(`${p.keyName}-2`);
        rotated.set(p.keyName, { primaryKey: p.primaryKey, secondaryKey: p.secondaryKey });
      }
    },
  });
  const rotatedKeys = storedKeys("rotated");
  expect(rotatedKeys.map((k) => k.value).sort()).toEqual([...rotated.values()].flatMap((r) => [r.primaryKey, r.secondaryKey]).sort());
  keys.push(...rotatedKeys);
  const refreshed = ok(await stack.refresh());
  expectKeysInSecretOutputs(rotatedKeys);
  record("refresh", refreshed);

  // 4a. A failing operation: the service ends the update Failed, with a message.
  emulator.faults.failNextOperation({ hubName: name, code: "IotHubUnitsExceeded", message: "The units quota is exhausted" });
  const failed = await stack.up(program(name, { tag: "3", rights: "ServiceConnect, RegistryRead", groups: ["analytics", "alerts"], capacity: 2 }));
  expect(failed.errors.map((e) => e.message).join("\n")).toMatch(/IotHubUnitsExceeded/);
  record("failed operation", failed);

  // 4b. A managed field changed out of band: the next update is refused (412), with the fields named.
  ok(await stack.refresh());
  emulator.outOfBand.updateHub({ ...hubRef(name), mutate: (h) => void (h.tags = { step: "changed-by-someone" }) });
  const refused = await stack.up(program(name, { tag: "4", rights: "ServiceConnect, RegistryRead", groups: ["analytics", "alerts"] }));
  expect(refused.errors.map((e) => e.message).join("\n")).toMatch(/PreconditionFailed \(412\)/);
  record("412", refused);

  // 4c. A consumer group whose writes keep failing: the error after the retries.
  ok(await stack.refresh());
  emulator.faults.add({ method: "PUT", path: "/ConsumerGroups/", times: 20, action: { kind: "status", status: 500 } });
  const groupFailed = await stack.up(program(name, { tag: "changed-by-someone", rights: "ServiceConnect, RegistryRead", groups: ["analytics", "alerts", "extra"] }));
  emulator.faults.clear();
  expect(groupFailed.errors.map((e) => e.message).join("\n")).toMatch(/500/);
  record("consumer group failure", groupFailed);

  // 5. Back to a clean run, then destroy.
  ok(await stack.refresh());
  record("repaired", ok(await stack.up(program(name, { tag: "5", rights: "ServiceConnect, RegistryRead", groups: ["analytics"] }))));
  expectKeysInSecretOutputs(rotatedKeys);
  await stack.destroy();
  expect(emulator.outOfBand.getHub(hubRef(name))).toBeUndefined();
  record("destroy");
  texts.push({ where: "every host's stderr", text: stack.hostStderr() }, { where: "every host's stdout", text: stack.hostStdout() });

  // The search itself: it must have had something to search, and find nothing.
  expect(texts.filter((t) => t.where.endsWith("error 0")).length).toBeGreaterThanOrEqual(3);
  expect(texts.find((t) => t.where === "update: hub __provider")?.text).toContain("exports.handler");
  expect(texts.find((t) => t.where === "update: checkpoint text")?.text).toContain("ciphertext");
  const secrets: SecretValue[] = [{ what: "the static token", value: TOKEN }, { what: "the client secret", value: CLIENT_SECRET }, ...keys];
  expect(leaks(secrets, texts)).toEqual([]);
}, LIFE_TIMEOUT_IN_MS);
