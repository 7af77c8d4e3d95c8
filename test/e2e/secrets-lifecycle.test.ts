/**
 * The whole-life secrets search of test/security/secrets-lifecycle.test.ts, through the real Pulumi CLI
 * (docs/SECRETS.md): a recognisable static token in secret stack config, a client secret in the environment, and hub
 * keys rotated to recognisable values by "another client". After create, update, refresh, two failing updates and
 * destroy, none may appear in plaintext in: any command's stdout/stderr, the engine's event logs (but for the SDK's
 * own debug trace of resource registrations, see isSdkRpcTrace), the stack outputs, `pulumi stack export`, or any
 * file of the local backend (checkpoint, history, backups) or the stack's config file. `pulumi stack export
 * --show-secrets` must show the keys, so the search is not vacuous.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import type { CliResult } from "../../tools/pulumi-cli/run";
import { leaks, recognisable, recognisableKey } from "../security/leaks";
import type { SearchedText, SecretValue } from "../security/leaks";
import { CliStack, HUB_TYPE, REPO_ROOT, describeWithCli, projectCopy, removeProjectCopies } from "./cli";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000005ec5";
const RESOURCE_GROUP = "rg-e2e-secrets";
const FIXTURE = path.join(REPO_ROOT, "test", "e2e", "fixtures", "hub-and-groups");
const TOKEN = recognisable("token");
const CLIENT_SECRET = recognisable("client-secret");
const LIFE_TIMEOUT_IN_MS = 600_000;

type Policy = { keyName: string; primaryKey: string; secondaryKey: string };

/**
 * A debug diagnostic in which @pulumi/pulumi (3.248) traces the engine's answer to a resource registration, secret
 * outputs' plaintext included (docs/SECRETS.md, "Known exception: the SDK's debug trace"). The program needs those
 * values, so no provider can keep them out of this line; the test searches everything else and checks the exception
 * stays what it is.
 */
function isSdkRpcTrace(eventLine: string): boolean {
  if (!eventLine.includes('"severity":"debug"')) return false;
  const event = JSON.parse(eventLine) as { diagnosticEvent?: { severity: string; message: string } };
  return event.diagnosticEvent?.severity === "debug" && /^(RegisterResource|ReadResource) RPC finished: /.test(event.diagnosticEvent.message);
}

describeWithCli("secrets through a whole life with the real CLI", (cli) => {
  let emulator: RunningEmulator;
  let eventsDir: string;
  beforeAll(async () => {
    // The recognisable token and no other (not even the dev token): every call of the run used it.
    emulator = await startEmulator({ token: TOKEN, provisioningMs: 150, retryAfterSeconds: 0 });
    emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP });
    eventsDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-secrets-events-"));
  });
  afterAll(async () => {
    await emulator?.close();
    removeProjectCopies();
    fs.rmSync(eventsDir, { recursive: true, force: true });
  });

  test("create, update, key rotation + refresh, two failures, destroy: no secret in any output, log, error or backend file", async () => {
    const hubName = `e2e-leak-${Math.random().toString(36).slice(2, 8)}`;
    const ref = { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: hubName };
    const stack = new CliStack(cli, projectCopy(FIXTURE), `leak-${Math.random().toString(36).slice(2, 8)}`);
    // A client-secret credential as a user configures one for Azure (DefaultAzureCredential's variables); the
    // static token wins for the loopback endpoint, but the secret is in the CLI's and the provider's environment.
    Object.assign(stack.env, { AZURE_TENANT_ID: "00000000-0000-0000-0000-00000000beef", AZURE_CLIENT_ID: "00000000-0000-0000-0000-00000000c11e", AZURE_CLIENT_SECRET: CLIENT_SECRET });
    const texts: SearchedText[] = [];
    const sdkTrace: string[] = [];
    let events = 0;
    /** A program command with its own event log; both outputs and the log are searched. Resolves whatever the exit code. */
    const step = async (what: string, ...args: string[]): Promise<CliResult> => {
      const eventLog = path.join(eventsDir, `${++events}.jsonl`);
      const result = await stack.start(...args, "--event-log", eventLog).done;
      texts.push({ where: `${what}: stdout`, text: result.stdout }, { where: `${what}: stderr`, text: result.stderr });
      const lines = fs.existsSync(eventLog) ? fs.readFileSync(eventLog, "utf8").split("\n") : [];
      const traced = lines.filter(isSdkRpcTrace);
      sdkTrace.push(...traced);
      texts.push({ where: `${what}: event log (without the SDK's RPC trace)`, text: lines.filter((l) => !isSdkRpcTrace(l)).join("\n") });
      return result;
    };
    const succeeded = (r: CliResult) => expect({ exitCode: r.exitCode, output: r.exitCode === 0 ? "" : r.stdout + r.stderr }).toEqual({ exitCode: 0, output: "" });
    const storedKeys = (when: string): SecretValue[] =>
      (emulator.outOfBand.getHub(ref)?.properties.authorizationPolicies as Policy[]).flatMap((p) => [
        { what: `${when} ${p.keyName} primary key`, value: p.primaryKey },
        { what: `${when} ${p.keyName} secondary key`, value: p.secondaryKey },
      ]);
    const config = (extra: Record<string, string>) =>
      stack.setConfig(Object.fromEntries(Object.entries(extra).map(([k, value]) => [`e2e-hub-and-groups:${k}`, { value }])));
    const up = (what: string) => step(what, ...stack.upArgs());
    const refresh = (what: string) => step(what, "refresh", "--stack", stack.name, "--yes", "--non-interactive");
    try {
      await stack.init({
        "iothub:armEndpoint": { value: emulator.url },
        "iothub:accessToken": { value: TOKEN, secret: true },
        "iothub:subscriptionId": { value: SUBSCRIPTION_ID },
        "iothub:pollingScheduleMs": { value: "50,50,100" },
        "e2e-hub-and-groups:resourceGroupName": { value: RESOURCE_GROUP },
        "e2e-hub-and-groups:hubName": { value: hubName },
        "e2e-hub-and-groups:groupCount": { value: "2" },
      });
      // The token is in the stack's config (encrypted in its file), as a user would have it.
      expect((await stack.run("config", "get", "iothub:accessToken", "--stack", stack.name)).stdout.trim()).toBe(TOKEN);

      succeeded(await up("create"));
      const keys = storedKeys("generated");
      expect(keys.length).toBeGreaterThanOrEqual(2);

      await config({ tag: "2", groupCount: "3" });
      succeeded(await step("preview", "preview", "--stack", stack.name, "--non-interactive", "--diff"));
      succeeded(await up("update"));

      // Another client rotates every key to a recognisable value; refresh brings them into the checkpoint.
      emulator.outOfBand.updateHub({
        ...ref,
        mutate: (hub) => {
          for (const p of hub.properties.authorizationPolicies as Policy[]) {
            p.primaryKey = recognisableKey(`${p.keyName}-1`);
            p.secondaryKey = recognisableKey(`${p.keyName}-2`);
          }
        },
      });
      const rotated = storedKeys("rotated");
      keys.push(...rotated);
      succeeded(await refresh("refresh"));

      // A failing operation, then an update refused with 412 after a change out of band.
      emulator.faults.failNextOperation({ hubName, code: "IotHubUnitsExceeded", message: "The units quota is exhausted" });
      await config({ tag: "3" });
      const failed = await up("failed operation");
      expect(failed.exitCode).not.toBe(0);
      expect(failed.stdout + failed.stderr).toMatch(/IotHubUnitsExceeded/);
      succeeded(await refresh("refresh after the failure"));
      emulator.outOfBand.updateHub({ ...ref, mutate: (hub) => void (hub.tags = { ...hub.tags, step: "portal" }) });
      await config({ tag: "4" });
      const refused = await up("412");
      expect(refused.exitCode).not.toBe(0);
      expect(refused.stdout + refused.stderr).toMatch(/PreconditionFailed \(412\)/);
      succeeded(await refresh("refresh after the 412"));
      succeeded(await up("repair"));

      // Not vacuous: the rotated keys are in the checkpoint as secrets, and only there.
      const exported = await stack.run("stack", "export", "--stack", stack.name);
      const revealed = await stack.run("stack", "export", "--stack", stack.name, "--show-secrets");
      const hub = (JSON.parse(revealed.stdout) as { deployment: { resources: { type: string; outputs?: { sharedAccessPolicies?: { plaintext: string } } }[] } }).deployment.resources.find((r) => r.type === HUB_TYPE);
      // A revealed secret is `{<secret signature>, plaintext: "<the value as JSON>"}`.
      const policies = JSON.parse(hub?.outputs?.sharedAccessPolicies?.plaintext ?? "[]") as Policy[];
      expect(policies.map((p) => p.primaryKey).sort()).toEqual(rotated.filter((k) => k.what.endsWith("primary key")).map((k) => k.value).sort());
      expect(exported.stdout).toContain("ciphertext");
      texts.push({ where: "pulumi stack export", text: exported.stdout });
      texts.push({ where: "pulumi stack output --json", text: (await stack.run("stack", "output", "--stack", stack.name, "--json")).stdout });

      succeeded(await step("destroy", "destroy", "--stack", stack.name, "--yes", "--non-interactive"));
      expect(emulator.outOfBand.getHub(ref)).toBeUndefined();

      // Every file of the local backend (checkpoints, history, backups) and the stack's config file.
      const backendDir = String(stack.env.PULUMI_BACKEND_URL).replace(/^file:\/\//, "");
      const files = (fs.readdirSync(backendDir, { recursive: true }) as string[]).map((f) => path.join(backendDir, f)).filter((f) => fs.statSync(f).isFile());
      expect(files.some((f) => f.includes(`${path.sep}history${path.sep}`))).toBe(true);
      for (const f of files) texts.push({ where: `backend file ${path.relative(backendDir, f)}`, text: fs.readFileSync(f, "utf8") });
      texts.push({ where: "the stack's config file", text: fs.readFileSync(path.join(stack.projectDir, `Pulumi.${stack.name}.yaml`), "utf8") });

      // The history holds the checkpoints from the rotation on: the keys were there to be leaked.
      expect(texts.filter((t) => t.where.startsWith("backend file") && t.text.includes("ciphertext")).length).toBeGreaterThan(3);
      const secrets: SecretValue[] = [{ what: "the static token", value: TOKEN }, { what: "the client secret", value: CLIENT_SECRET }, ...keys];
      expect(leaks(secrets, texts)).toEqual([]);
      // The known exception, kept visible: the SDK's debug trace carries the keys (never the token or client secret).
      expect(leaks(secrets.slice(0, 2), [{ where: "the SDK's RPC trace", text: sdkTrace.join("\n") }])).toEqual([]);
      expect(leaks(rotated, [{ where: "the SDK's RPC trace", text: sdkTrace.join("\n") }]).length).toBeGreaterThan(0);
    } finally {
      await stack.destroy().catch(() => undefined);
      await stack.remove();
    }
  }, LIFE_TIMEOUT_IN_MS);
});
