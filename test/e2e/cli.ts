/**
 * The real Pulumi CLI for the end-to-end suites: finding it, skipping (or failing, in CI) when it is absent, a
 * project's working copy, and one stack driven through `pulumi` commands with an offline environment
 * (tools/pulumi-cli/run.ts). docs/PULUMI-CLI.md describes the CLI and how programs reach it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEV_TOKEN, startEmulator } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import { locatePulumi } from "../../tools/pulumi-cli/locate";
import type { PulumiCli } from "../../tools/pulumi-cli/locate";
import { offlineEnvironment, runPulumi, startPulumi } from "../../tools/pulumi-cli/run";
import type { CliResult, RunningCommand } from "../../tools/pulumi-cli/run";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** Set (to anything but "" or "0") by .ci/run: a missing CLI then fails the suites instead of skipping them. */
export const REQUIRE_CLI_VARIABLE = "IOTHUB_E2E_REQUIRE_CLI";
const PASSPHRASE = "e2e-test-passphrase";
const COMMAND_TIMEOUT_IN_MS = 300_000;

const required = !["", "0", undefined].includes(process.env[REQUIRE_CLI_VARIABLE]);
const cli = locatePulumi();

/**
 * `describe` with the CLI, or a visibly skipped describe that says why (a warning too); with REQUIRE_CLI_VARIABLE set,
 * a failing test instead, so a broken CLI build cannot hide behind a skip.
 */
export function describeWithCli(name: string, body: (cli: PulumiCli) => void): void {
  if (cli) {
    const via = cli.languageHost ? "its Node.js language host" : "the Automation API's language server";
    describe(`${name} [pulumi ${cli.version}, programs via ${via}]`, () => body(cli));
    return;
  }
  const why = "no Pulumi CLI: run `npm run pulumi:install` (it needs Go 1.25+, or a pulumi 3.248+ on PATH)";
  if (required) {
    describe(name, () => {
      test(`requires the Pulumi CLI (${REQUIRE_CLI_VARIABLE} is set)`, () => {
        throw new Error(`${why}; ${REQUIRE_CLI_VARIABLE} is set, so the end-to-end suite may not be skipped`);
      });
    });
    return;
  }
  console.warn(`${name} SKIPPED: ${why}`);
  describe.skip(`${name} SKIPPED: ${why}`, () => {
    test("(needs the CLI)", () => undefined);
  });
}

const copies: string[] = [];

/**
 * A working copy of a Pulumi project in a temporary folder, laid out as `npm install` leaves a user's project: its
 * files copied, and node_modules holding @pulumi/pulumi, TypeScript and this package (linked, as a `file:`
 * dependency is). Tests may edit the copy's program. Removed by removeProjectCopies().
 */
export function projectCopy(sourceDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${path.basename(sourceDir)}-`));
  copies.push(dir);
  for (const file of fs.readdirSync(sourceDir)) {
    if (/^(Pulumi\.yaml|package\.json|tsconfig\.json|.*\.ts)$/.test(file)) fs.copyFileSync(path.join(sourceDir, file), path.join(dir, file));
  }
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const dep of ["@pulumi", "@types", "typescript", "ts-node"]) {
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", dep), path.join(modules, dep), "dir");
  }
  fs.symlinkSync(REPO_ROOT, path.join(modules, "pulumi-iothub"), "dir");
  return dir;
}

export function removeProjectCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface ConfigValue {
  value: unknown;
  secret?: boolean;
}

/** One stack of one project, with its own local file backend; every command is the real CLI. */
export class CliStack {
  readonly env: NodeJS.ProcessEnv;
  private readonly backendDir: string;

  constructor(
    readonly cli: PulumiCli,
    readonly projectDir: string,
    readonly name: string,
  ) {
    this.backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-backend-"));
    this.env = offlineEnvironment({ backendDir: this.backendDir, passphrase: PASSPHRASE });
  }

  /** `pulumi <args>`; rejects with the whole output on a non-zero exit. */
  async run(...args: string[]): Promise<CliResult> {
    const started = Date.now();
    try {
      return await runPulumi(this.cli, args, { cwd: this.projectDir, env: this.env, timeoutInMs: COMMAND_TIMEOUT_IN_MS });
    } finally {
      if (process.env.E2E_TIMINGS) process.stderr.write(`${Date.now() - started} ms: pulumi ${args.slice(0, 2).join(" ")}\n`);
    }
  }

  /** Starts `pulumi <args>` and returns at once (to kill it mid-way, or to see a failure's output). */
  start(...args: string[]): RunningCommand {
    return startPulumi(this.cli, args, { cwd: this.projectDir, env: this.env, timeoutInMs: COMMAND_TIMEOUT_IN_MS, ownProcessGroup: true });
  }

  /**
   * `stack init`, then every setting in one `config set-all` (objects as objects, secrets encrypted). The values
   * travel on the command line (and into a failing command's error): test values and the emulator's public dev
   * token only.
   */
  async init(config: Record<string, ConfigValue>): Promise<void> {
    await this.run("stack", "init", this.name, "--non-interactive");
    await this.setConfig(config);
  }

  async setConfig(config: Record<string, ConfigValue>): Promise<void> {
    const json: Record<string, unknown> = {};
    for (const [key, { value, secret }] of Object.entries(config)) {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      json[key] = { value: text, secret: secret ?? false, ...(typeof value === "object" && value !== null ? { objectValue: value } : {}) };
    }
    await this.run("config", "set-all", "--stack", this.name, "--json", JSON.stringify(json));
  }

  up(...flags: string[]): Promise<CliResult> {
    return this.run(...this.upArgs(...flags));
  }

  upArgs(...flags: string[]): string[] {
    return ["up", "--stack", this.name, "--yes", "--non-interactive", ...flags];
  }

  preview(...flags: string[]): Promise<CliResult> {
    return this.run("preview", "--stack", this.name, "--non-interactive", ...flags);
  }

  refresh(...flags: string[]): Promise<CliResult> {
    return this.run("refresh", "--stack", this.name, "--yes", "--non-interactive", ...flags);
  }

  destroy(...flags: string[]): Promise<CliResult> {
    return this.run("destroy", "--stack", this.name, "--yes", "--non-interactive", ...flags);
  }

  /** The checkpoint as `pulumi stack export` prints it (secrets as ciphertext), as text and parsed. */
  async exportState(): Promise<{ text: string; deployment: Deployment }> {
    const { stdout } = await this.run("stack", "export", "--stack", this.name);
    return { text: stdout, deployment: (JSON.parse(stdout) as { deployment: Deployment }).deployment };
  }

  /** The stored resources of a type, as exported. */
  async resources(type: string): Promise<StateResource[]> {
    const { deployment } = await this.exportState();
    return (deployment.resources ?? []).filter((r) => r.type === type);
  }

  async outputs(showSecrets = false): Promise<Record<string, unknown>> {
    const { stdout } = await this.run("stack", "output", "--stack", this.name, "--json", ...(showSecrets ? ["--show-secrets"] : []));
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  /** Removes the stack (whatever it still holds), its config file, and the backend folder. */
  async remove(): Promise<void> {
    await this.run("stack", "rm", this.name, "--yes", "--force").catch(() => undefined);
    fs.rmSync(path.join(this.projectDir, `Pulumi.${this.name}.yaml`), { force: true });
    fs.rmSync(this.backendDir, { recursive: true, force: true });
  }
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface Deployment {
  /** Absent once the stack is empty. */
  resources?: StateResource[];
  pending_operations?: { resource: StateResource; type: string }[];
}

export const HUB_TYPE = "pulumi-nodejs:dynamic/iothub:IotHub";
export const GROUP_TYPE = "pulumi-nodejs:dynamic/iothub:ConsumerGroup";

/** The settings that point a stack at the emulator (README, "The emulator"). */
export function emulatorSettings(url: string, subscriptionId: string): Record<string, ConfigValue> {
  return {
    "iothub:armEndpoint": { value: url },
    "iothub:accessToken": { value: DEV_TOKEN, secret: true },
    "iothub:subscriptionId": { value: subscriptionId },
  };
}

/**
 * The engine's steps for our resources from an `--event-log` file (JSON lines of engine events): one op per
 * resource, as the harness reports them. A replacement's several events ("create-replacement", "replace",
 * "delete-replaced") become "replace"; on refresh the engine reports "same" or "update" (outputs changed).
 */
export function stepsFromEventLog(file: string): { name: string; op: string }[] {
  const ops = new Map<string, Set<string>>();
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as { resOutputsEvent?: { metadata: { op: string; urn: string; type: string } } };
    const meta = event.resOutputsEvent?.metadata;
    if (!meta || !meta.type.startsWith("pulumi-nodejs:dynamic/")) continue;
    const name = meta.urn.split("::").pop()!;
    ops.set(name, new Set([...(ops.get(name) ?? []), meta.op]));
  }
  return [...ops].map(([name, seen]) => ({
    name,
    op: ["replace", "create-replacement", "delete-replaced"].some((o) => seen.has(o)) ? "replace" : [...seen].join("+"),
  }));
}

/** An emulator with one resource group, for one suite. */
export async function emulatorWithGroup(o: { subscriptionId: string; resourceGroup: string; provisioningMs: number }): Promise<RunningEmulator> {
  const emulator = await startEmulator({ provisioningMs: o.provisioningMs });
  emulator.outOfBand.createResourceGroup({ subscriptionId: o.subscriptionId, name: o.resourceGroup });
  return emulator;
}

/**
 * Kills every process whose working directory is `dir` and returns how many. The engine starts plugins (the
 * dynamic-provider host) in process groups of their own, so killing the CLI's group leaves them running, as it
 * would on a CI runner; a test that kills the CLI cleans them up with this (Linux: /proc).
 */
export function killProcessesIn(dir: string): number {
  const real = fs.realpathSync(dir);
  let killed = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`) !== real || Number(pid) === process.pid) continue;
      process.kill(Number(pid), "SIGKILL");
      killed++;
    } catch {
      // gone, or not ours to read
    }
  }
  return killed;
}
