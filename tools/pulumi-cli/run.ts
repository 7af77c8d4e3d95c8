/**
 * Runs one `pulumi` command the way this repository's tools and tests need it: offline (local file backend,
 * passphrase secrets, no update check, no plugin downloads), with the CLI's folder first on PATH so the engine finds
 * its bundled plugins, and — when the CLI has no Node.js language host — program operations through
 * inline-program.ts (docs/PULUMI-CLI.md).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./locate";
import type { PulumiCli } from "./locate";

const PROGRAM_OPERATIONS = new Set(["up", "update", "preview", "refresh", "destroy"]);

/** The variables that keep the CLI offline (names as in the CLI's sources, docs/PULUMI-CLI.md "Offline"). */
export function offlineEnvironment(o: { backendDir: string; passphrase: string; base?: NodeJS.ProcessEnv }): NodeJS.ProcessEnv {
  return {
    ...(o.base ?? process.env),
    PULUMI_BACKEND_URL: `file://${o.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: o.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * Run in a process group of its own, so `kill()` reaches the inline driver and the CLI together (tests that kill
   * a `pulumi up` mid-way). Default false: the command stays in the caller's group, so a Ctrl-C in a terminal reaches
   * the CLI, which then cancels gracefully.
   */
  ownProcessGroup?: boolean;
  /** Receives the command's stdout and stderr as they arrive (progress for a person watching). */
  onOutput?: (text: string) => void;
  timeoutInMs?: number;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunningCommand {
  child: ChildProcess;
  /**
   * Signals the command: its whole process group with `ownProcessGroup`, else the child alone. Plugins the CLI
   * started are not reached either way: the engine gives each a process group of its own.
   */
  kill(signal?: NodeJS.Signals): void;
  /** Settles when the command exits: resolves whatever its exit code (see `runPulumi` for the throwing form). */
  done: Promise<CliResult>;
}

/** `pulumi <args>`, or the inline-program driver for a program operation when the CLI has no language host. */
export function startPulumi(cli: PulumiCli, args: readonly string[], o: RunOptions): RunningCommand {
  const env = { ...o.env, PATH: [path.dirname(cli.bin), o.env.PATH ?? ""].join(path.delimiter) };
  const viaDriver = !cli.languageHost && PROGRAM_OPERATIONS.has(args[0]);
  const [file, argv] = viaDriver
    ? [process.execPath, [inlineDriverPath(), ...(args[0] === "update" ? ["up", ...args.slice(1)] : args)]]
    : [cli.bin, [...args]];
  const child = spawn(file, argv, { cwd: o.cwd, env, detached: o.ownProcessGroup ?? false, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => {
    stdout += c.toString();
    o.onOutput?.(c.toString());
  });
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
    o.onOutput?.(c.toString());
  });
  const kill = (signal: NodeJS.Signals = "SIGKILL") => {
    try {
      process.kill(o.ownProcessGroup ? -child.pid! : child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const timer = o.timeoutInMs ? setTimeout(() => kill(), o.timeoutInMs) : undefined;
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: code ?? (signal ? 128 : 1) });
    });
  });
  return { child, kill, done };
}

/** Runs to the end; rejects with the command, its exit code and all of its output when it fails. */
export async function runPulumi(cli: PulumiCli, args: readonly string[], o: RunOptions): Promise<CliResult> {
  const result = await startPulumi(cli, args, o).done;
  if (result.exitCode !== 0) {
    throw new Error(`pulumi ${args.join(" ")} (in ${o.cwd}) exited with ${result.exitCode}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
  return result;
}

/** The compiled driver: beside this file in dist/, or dist/ of the repository when this runs from source (tests). */
function inlineDriverPath(): string {
  const beside = path.join(__dirname, "inline-program.js");
  if (fs.existsSync(beside)) return beside;
  const built = path.join(REPO_ROOT, "dist", "tools", "pulumi-cli", "inline-program.js");
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\``);
  return built;
}
