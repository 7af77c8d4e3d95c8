/**
 * End to end with the real `pulumi` CLI: `up`, `refresh --expect-no-changes`, `destroy` of every
 * `examples/<name>/Pulumi.yaml` against the local ARM emulator, with a local file backend (see pulumi-cli.ts for
 * the environment). Runs only when a `pulumi` binary is on PATH; otherwise the suite shows up as SKIPPED with the
 * reason, never as a silent pass. The CLI writes the stack's config file `Pulumi.<stack>.yaml` into the example
 * (the passphrase salt and the settings below); the suite removes it afterwards.
 *
 * Prerequisites when the CLI is present: `npm run build` (the provider host loads dist/), and `npm install` in each
 * example (its `pulumi-iothub` is a `file:` link to this repository).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEV_TOKEN, startEmulator, type RunningEmulator } from "../../emulator";
import { cliEnvironment, findPulumiOnPath, listExamples, pulumi } from "./pulumi-cli";

const EXAMPLES_DIR = path.resolve(__dirname, "..", "..", "examples");
const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000e2e0";
const RESOURCE_GROUP = "rg-e2e";
const STACK = "harness-e2e";
const EXAMPLE_TIMEOUT_IN_MS = 600_000;

const bin = findPulumiOnPath();
const examples = listExamples(EXAMPLES_DIR);

if (!bin) {
  const why = "no `pulumi` CLI on PATH (install it from https://www.pulumi.com/docs/install/ to run these)";
  console.warn(`test/e2e/pulumi-cli.test.ts SKIPPED: ${why}; examples not run: ${examples.join(", ") || "(none)"}`);
  describe.skip(`pulumi CLI end-to-end SKIPPED: ${why}`, () => {
    test.each(examples.length ? examples : ["(no examples)"])("examples/%s: up, refresh, destroy", () => {});
  });
} else {
  describe(`pulumi CLI end-to-end (${bin})`, () => {
    let emulator: RunningEmulator;
    let tmp: string;

    beforeAll(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-e2e-"));
      emulator = await startEmulator({ provisioningMs: 150 });
      await createResourceGroup(emulator.url);
    });
    afterAll(async () => {
      await emulator?.close();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    if (examples.length === 0) test.skip("SKIPPED: no examples/*/Pulumi.yaml", () => {});

    test.each(examples)("examples/%s: up, refresh without changes, destroy", async (name) => {
      const cwd = path.join(EXAMPLES_DIR, name);
      assertInstalled(cwd, name);
      const backend = fs.mkdtempSync(path.join(tmp, `${name}-backend-`));
      const stackConfig = path.join(cwd, `Pulumi.${STACK}.yaml`);
      if (fs.existsSync(stackConfig)) throw new Error(`${stackConfig} exists already (left from an interrupted run?); remove it`);
      const env = cliEnvironment(backend);
      const run = (...args: string[]) => pulumi(bin, args, { cwd, env });
      const project = /^name:\s*["']?([^"'\s#]+)/m.exec(fs.readFileSync(path.join(cwd, "Pulumi.yaml"), "utf8"))![1];
      const set = (key: string, value: string, secret = false) =>
        run("config", "set", "--stack", STACK, ...(secret ? ["--secret"] : ["--plaintext"]), key, value);
      const yes = ["--stack", STACK, "--non-interactive", "--yes"];

      try {
        await run("stack", "init", STACK, "--non-interactive");
        await set("iothub:armEndpoint", emulator.url);
        await set("iothub:accessToken", DEV_TOKEN, true);
        await set("iothub:subscriptionId", SUBSCRIPTION_ID);
        await set(`${project}:resourceGroupName`, RESOURCE_GROUP);

        await run("up", ...yes);
        await run("refresh", ...yes, "--expect-no-changes");
        // The token is stack config (encrypted), never part of the state.
        const exported = await run("stack", "export", "--stack", STACK);
        expect(exported.stdout).not.toContain(DEV_TOKEN);
        await run("destroy", ...yes);
        await run("stack", "rm", STACK, "--yes");
      } finally {
        fs.rmSync(stackConfig, { force: true });
      }
    }, EXAMPLE_TIMEOUT_IN_MS);
  });
}

function assertInstalled(cwd: string, name: string): void {
  for (const dep of ["@pulumi/pulumi", "pulumi-iothub"]) {
    try {
      require.resolve(`${dep}/package.json`, { paths: [cwd] });
    } catch {
      throw new Error(`examples/${name}: cannot resolve ${dep}; run \`npm install\` in examples/${name} (and \`npm run build\` at the root)`);
    }
  }
}

async function createResourceGroup(url: string): Promise<void> {
  const res = await fetch(`${url}/subscriptions/${SUBSCRIPTION_ID}/resourcegroups/${RESOURCE_GROUP}?api-version=2021-04-01`, {
    method: "PUT",
    headers: { authorization: `Bearer ${DEV_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ location: "westeurope" }),
  });
  if (res.status >= 300) throw new Error(`resource group PUT answered ${res.status}: ${await res.text()}`);
}
