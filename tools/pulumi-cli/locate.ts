/**
 * Where the Pulumi CLI of this repository's tools comes from, and how a Node.js program reaches the engine.
 *
 * The CLI: a `pulumi` on PATH whose version is compatible (same major, not older than the release we pin), else the
 * one `npm run pulumi:install` builds from Go modules into `tools/pulumi-cli/bin/` (docs/PULUMI-CLI.md, "Building").
 *
 * The program: with a `pulumi-language-nodejs` beside the CLI or on PATH, `pulumi up` runs the program itself, as in
 * users' pipelines. Without one, the program is served by the Automation API's in-process language server
 * (`--client`), which needs only the `pulumi` binary (docs/PULUMI-CLI.md, "Programs without a language host").
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The release of the CLI we build; the same as the `@pulumi/pulumi` devDependency. */
export const PINNED_PULUMI_VERSION = "3.248.0";

/** `tools/pulumi-cli/` in the repository (this file is compiled to dist/tools/pulumi-cli/, or run from source). */
export const TOOLS_DIR = findToolsDir(__dirname);
export const BUILT_BIN_DIR = path.join(TOOLS_DIR, "bin");
/** The repository's root folder. */
export const REPO_ROOT = path.resolve(TOOLS_DIR, "..", "..");

export interface PulumiCli {
  /** Absolute path of the `pulumi` executable. */
  bin: string;
  /** Its version without the leading `v`, e.g. "3.248.0". */
  version: string;
  /** "path": found on PATH; "built": built by `npm run pulumi:install`. */
  source: "path" | "built";
  /** `pulumi-language-nodejs` next to the CLI or on PATH; undefined when programs go through the Automation API. */
  languageHost: string | undefined;
}

/** The CLI to use, or undefined when neither a compatible one on PATH nor a built one exists. */
export function locatePulumi(env: NodeJS.ProcessEnv = process.env, builtBinDir = BUILT_BIN_DIR): PulumiCli | undefined {
  const candidates: { bin: string | undefined; source: PulumiCli["source"] }[] = [
    { bin: findExecutable("pulumi", env.PATH), source: "path" },
    { bin: executableIn(builtBinDir, "pulumi"), source: "built" },
  ];
  for (const { bin, source } of candidates) {
    if (!bin) continue;
    const version = cliVersion(bin);
    if (version && isCompatibleVersion(version)) {
      const languageHost = executableIn(path.dirname(bin), "pulumi-language-nodejs") ?? findExecutable("pulumi-language-nodejs", env.PATH);
      return { bin, version, source, languageHost };
    }
  }
  return undefined;
}

/** `pulumi version` without the `v`, or undefined when it does not run or prints no version. */
export function cliVersion(bin: string): string | undefined {
  try {
    const out = execFileSync(bin, ["version"], { encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    return /^v?(\d+\.\d+\.\d+\S*)/m.exec(out.trim())?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Same major version and not older than the pinned release: the engine talks to the `@pulumi/pulumi` SDK of this
 * repository over gRPC, and newer 3.x CLIs keep that protocol; older ones may lack what the SDK asks for.
 */
export function isCompatibleVersion(version: string): boolean {
  const have = parseVersion(version);
  const pinned = parseVersion(PINNED_PULUMI_VERSION);
  if (!have || !pinned || have[0] !== pinned[0]) return false;
  for (let i = 1; i < 3; i++) if (have[i] !== pinned[i]) return have[i] > pinned[i];
  return true;
}

function parseVersion(v: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? m.slice(1, 4).map(Number) : undefined;
}

export function findExecutable(name: string, searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const found = executableIn(dir, name);
    if (found) return found;
  }
  return undefined;
}

function executableIn(dir: string, name: string): string | undefined {
  const candidate = path.join(dir, name);
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return fs.statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function findToolsDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "tools", "pulumi-cli", "go.mod"))) return path.join(dir, "tools", "pulumi-cli");
    if (path.dirname(dir) === dir) return path.resolve(start, "..", "..", "tools", "pulumi-cli");
  }
}
