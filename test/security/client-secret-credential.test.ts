/**
 * The provider with a real client secret, configured as a user configures one for Azure (AZURE_TENANT_ID,
 * AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, and AZURE_AUTHORITY_HOST for a cloud other than the public one), against the
 * emulator over TLS: DefaultAzureCredential's ClientSecretCredential obtains a token from the emulator's Azure AD
 * endpoint and ARM accepts it (docs/SECRETS.md, "A real client secret against the emulator"). With @azure/identity's
 * verbose logging on, neither the secret nor the issued token appears in state, host output or errors.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import { ConsumerGroup, IotHub } from "../../provider";
import { ok, Stack } from "../../tools/harness";
import { localhostCertificate } from "../../tools/tls/localhost-certificate";
import { REPO_ROOT, RESOURCE_GROUP, SUBSCRIPTION_ID, TEST_POLLING_SCHEDULE_MS, devHubArgs, hubRef, uniqueName } from "../iothub/world";
import { leaks, recognisable } from "./leaks";

const TENANT_ID = "00000000-0000-0000-0000-0000000aad02";
const CLIENT_ID = "00000000-0000-0000-0000-0000000c1e03";
const CLIENT_SECRET = recognisable("client-secret");
const WRONG_SECRET = recognisable("wrong-secret");

let emulator: RunningEmulator;
let dir: string;
const stacks: Stack[] = [];

beforeAll(async () => {
  const tls = await localhostCertificate();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "client-secret-"));
  fs.writeFileSync(path.join(dir, "emulator-ca.pem"), tls.cert);
  emulator = await startEmulator({
    tls,
    provisioningMs: 150,
    retryAfterSeconds: 0,
    clients: [{ tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, subscriptions: [SUBSCRIPTION_ID] }],
  });
  emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP });
});
afterAll(async () => {
  for (const s of stacks) await s.close();
  await emulator?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A stack whose provider has no static token: its only credential is the client secret given. */
function stackWithSecret(secret: string): Stack {
  const stack = new Stack({
    programDir: REPO_ROOT,
    project: "iothub-tests",
    config: {
      "iothub:armEndpoint": emulator.url,
      "iothub:subscriptionId": SUBSCRIPTION_ID,
      "iothub:pollingScheduleMs": TEST_POLLING_SCHEDULE_MS,
    },
    env: {
      AZURE_TENANT_ID: TENANT_ID,
      AZURE_CLIENT_ID: CLIENT_ID,
      AZURE_CLIENT_SECRET: secret,
      AZURE_AUTHORITY_HOST: emulator.url,
      // The test's certificate, trusted the way a user trusts a corporate CA (Node.js reads it at start).
      NODE_EXTRA_CA_CERTS: path.join(dir, "emulator-ca.pem"),
      AZURE_LOG_LEVEL: "verbose",
    },
  });
  stacks.push(stack);
  return stack;
}

test("the real ClientSecretCredential creates a hub and a group, and the secret is nowhere in state, logs or errors", async () => {
  const name = uniqueName("aad");
  const stack = stackWithSecret(CLIENT_SECRET);
  emulator.requests.clear();
  ok(await stack.up(() => {
    const hub = new IotHub("hub", devHubArgs(name));
    new ConsumerGroup("group", { hub, name: "analytics" });
  }));
  expect(emulator.outOfBand.getHub(hubRef(name))?.properties.state).toBe("Active");
  expect(emulator.outOfBand.listConsumerGroups({ ...hubRef(name), hubName: name })).toContain("analytics");
  // Every ARM request was authenticated by the issued token (none refused).
  const statuses = emulator.requests.entries().map((r) => r.status);
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s === 401 || s === 403)).toEqual([]);
  // identity's own log went to the host's stderr: the search below has something to search.
  expect(stack.hostStderr()).toMatch(/ClientSecretCredential|EnvironmentCredential/);

  await stack.destroy();
  expect(emulator.outOfBand.getHub(hubRef(name))).toBeUndefined();
  const texts = [
    { where: "checkpoint text", text: stack.serializedState() },
    { where: "host stderr", text: stack.hostStderr() },
    { where: "host stdout", text: stack.hostStdout() },
  ];
  expect(leaks([{ what: "the client secret", value: CLIENT_SECRET }], texts)).toEqual([]);
  // The issued tokens are secrets too: identity logs that it got one, never the token.
  expect(stack.hostStderr()).not.toMatch(/aad-[A-Za-z0-9_-]{40,}/);
});

test("a wrong client secret fails the step with Azure AD's refusal, naming neither secret", async () => {
  const stack = stackWithSecret(WRONG_SECRET);
  emulator.requests.clear();
  const result = await stack.up(() => void new IotHub("hub", devHubArgs(uniqueName("aad-wrong"))));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/AADSTS7000215|invalid_client/);
  // Refused at the token endpoint: no ARM request was made.
  expect(emulator.requests.entries()).toEqual([]);
  const texts = [
    { where: "the error", text: result.errors[0].message },
    { where: "host stderr", text: stack.hostStderr() },
    { where: "checkpoint text", text: stack.serializedState() },
  ];
  expect(leaks([{ what: "the wrong secret", value: WRONG_SECRET }, { what: "the right secret", value: CLIENT_SECRET }], texts)).toEqual([]);
});
