/**
 * Starts the real dynamic-provider host as the engine does (docs/PULUMI-DYNAMIC.md, "How the engine runs a
 * dynamic provider"): `pulumi-resource-pulumi-nodejs <engineAddress>` with cwd = the program's directory and the
 * project/stack variables in its environment; the first stdout line is the gRPC port.
 *
 * The launcher is a `sh` script that does not forward SIGTERM to its node child, so the host is spawned detached
 * (its own process group) and `close()` signals the whole group.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

/** Where the SDK ships the launcher script; resolved from this repository's node_modules. */
export const HOST_LAUNCHER = path.join(
  path.dirname(require.resolve("@pulumi/pulumi/package.json")),
  "pulumi-resource-pulumi-nodejs",
);

/** The host never dials the engine address for plain provider calls; any string works (docs/PULUMI-DYNAMIC.md). */
const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";
const PORT_TIMEOUT_IN_MS = 20_000;
const EXIT_GRACE_IN_MS = 2_000;
const GROUP_POLL_IN_MS = 20;

export interface HostOptions {
  programDir: string;
  project: string;
  stack: string;
  organization?: string;
  env?: Record<string, string>;
  /** Receives every chunk the host writes to stderr (diagnostics, `${e}: ${e.stack}` of failed calls). */
  onStderr?: (text: string) => void;
  /** Receives what the host writes to stdout after the port line (e.g. `console.log` in a provider). */
  onStdout?: (text: string) => void;
}

export interface RunningHost {
  /** "127.0.0.1:<port>" for a gRPC client. */
  address: string;
  pid: number;
  /** stderr of this host so far. */
  stderr(): string;
  /** Kills the host's process group; resolves when it has exited. Idempotent. */
  close(): Promise<void>;
}

/**
 * The environment the CLI gives a Node.js plugin: PULUMI_NODEJS_PROJECT / PULUMI_PROJECT are verified
 * (docs/PULUMI-DYNAMIC.md, "How the engine runs a dynamic provider"); the stack/organization variants follow the same
 * PULUMI_NODEJS_* / PULUMI_* pairing the CLI uses for Node.js plugins. The host itself reads only the project (for
 * `config.get("key")` without a namespace).
 */
export function hostEnvironment(o: HostOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_NODEJS_PROJECT: o.project,
    PULUMI_PROJECT: o.project,
    PULUMI_NODEJS_STACK: o.stack,
    PULUMI_STACK: o.stack,
    ...o.env,
  };
  if (o.organization) {
    env.PULUMI_NODEJS_ORGANIZATION = o.organization;
    env.PULUMI_ORGANIZATION = o.organization;
  }
  // jest sets these in its workers; the host is not a test process.
  delete env.JEST_WORKER_ID;
  return env;
}

export function startHost(o: HostOptions): Promise<RunningHost> {
  const child = spawn(HOST_LAUNCHER, [UNUSED_ENGINE_ADDRESS], {
    cwd: o.programDir,
    env: hostEnvironment(o),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    stderr += chunk;
    o.onStderr?.(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise<RunningHost>((resolve, reject) => {
    let stdout = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      killGroup(child);
      reject(new Error(`dynamic-provider host did not start (${why}); cwd=${o.programDir}\nhost stderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no port on stdout within ${PORT_TIMEOUT_IN_MS} ms`), PORT_TIMEOUT_IN_MS);
    child.once("error", (e) => fail(String(e)));
    const onEarlyExit = (code: number | null, signal: string | null) => fail(`exited with ${code ?? signal}`);
    child.once("exit", onEarlyExit);
    child.stdout!.setEncoding("utf8");
    let portSeen = false;
    child.stdout!.on("data", (chunk: string) => {
      if (portSeen) {
        o.onStdout?.(chunk);
        return;
      }
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      portSeen = true;
      const rest = stdout.slice(newline + 1);
      if (rest) o.onStdout?.(rest);
      const port = Number(stdout.slice(0, newline).trim());
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      if (!Number.isInteger(port) || port <= 0) {
        fail(`first stdout line is not a port: ${JSON.stringify(stdout.slice(0, newline))}`);
        return;
      }
      let closing: Promise<void> | undefined;
      resolve({
        address: `127.0.0.1:${port}`,
        pid: child.pid!,
        stderr: () => stderr,
        close: () => (closing ??= stop(child, exited)),
      });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  if (child.pid === undefined) return;
  // Signal the group even when `sh` has exited: its node child may still be alive in that group.
  try {
    process.kill(-child.pid, signal); // negative pid: the whole group created by `detached: true`
  } catch {
    // already gone
  }
}

/**
 * Living (not zombie) members of a process group. On Linux from /proc: a container's PID 1 may never reap the node
 * child once `sh` is gone, and a zombie still answers `kill(-pgid, 0)`. Elsewhere, `kill(-pgid, 0)`.
 */
export function processGroupMembers(pgid: number): number[] {
  if (!fs.existsSync("/proc/self/stat")) {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  return fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
    try {
      // "pid (comm) state ppid pgrp ...": comm may contain spaces, so split after the last ")".
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(pgrp) === pgid && state !== "Z" ? [Number(pid)] : [];
    } catch {
      return []; // exited while listing
    }
  });
}

async function waitForGroupExit(pgid: number, timeoutInMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutInMs;
  while (processGroupMembers(pgid).length > 0) {
    if (Date.now() > deadline) return false;
    await delay(GROUP_POLL_IN_MS);
  }
  return true;
}

/** SIGTERM to the group; SIGKILL if anything in it is still alive after the grace period. Resolves when all are gone. */
async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  killGroup(child, "SIGTERM");
  if (child.pid !== undefined && !(await waitForGroupExit(child.pid, EXIT_GRACE_IN_MS))) {
    killGroup(child, "SIGKILL");
    await waitForGroupExit(child.pid, EXIT_GRACE_IN_MS);
  }
  await exited; // `sh` is our child: node reaps it and emits "exit"
}
