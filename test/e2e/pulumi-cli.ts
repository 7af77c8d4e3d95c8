/**
 * Running the real `pulumi` CLI for the end-to-end suite: finding it on PATH, the environment it gets, one command.
 *
 * Environment passed to every command (on top of the test process's own):
 * - PULUMI_BACKEND_URL=file://<tmp dir>: a local file backend, no login and no Pulumi Cloud.
 * - PULUMI_CONFIG_PASSPHRASE: the passphrase secrets provider of that backend (a fixed test value).
 * - PULUMI_SKIP_UPDATE_CHECK=true, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true: no network besides the emulator.
 * The emulator URL, its token and the subscription id go in as stack config (ARCHITECTURE.md section 4):
 * `iothub:armEndpoint`, `iothub:accessToken` (secret), `iothub:subscriptionId`.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The absolute path of `pulumi` on PATH, or undefined. */
export function findPulumiOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, process.platform === "win32" ? "pulumi.exe" : "pulumi");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function cliEnvironment(backendDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

export interface CliResult {
  stdout: string;
  stderr: string;
}

const CLI_TIMEOUT_IN_MS = 240_000;

/** Runs `pulumi <args>` in `cwd`; rejects with the command, its exit status and all of its output. */
export function pulumi(bin: string, args: string[], o: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { cwd: o.cwd, env: o.env, timeout: CLI_TIMEOUT_IN_MS, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`pulumi ${args.join(" ")} (in ${o.cwd}) failed: ${err.message}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

/** `examples/<name>` folders that hold a Pulumi.yaml. */
export function listExamples(examplesDir: string): string[] {
  if (!fs.existsSync(examplesDir)) return [];
  return fs
    .readdirSync(examplesDir)
    .filter((name) => fs.existsSync(path.join(examplesDir, name, "Pulumi.yaml")))
    .sort();
}
