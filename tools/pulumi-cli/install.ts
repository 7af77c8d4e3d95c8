/**
 * `npm run pulumi:install`: makes a compatible Pulumi CLI available to this repository's tools and tests.
 * Uses a compatible `pulumi` on PATH; else builds the pinned release from Go modules (the module in this folder:
 * go.mod pins github.com/pulumi/pulumi/pkg/v3 and sdk/v3) into tools/pulumi-cli/bin/, next to a link to the
 * dynamic-provider host that ships in @pulumi/pulumi. Idempotent: a built CLI of the pinned version is reused.
 * docs/PULUMI-CLI.md says what is built, why the Node.js language host is not, and how long it takes.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BUILT_BIN_DIR, PINNED_PULUMI_VERSION, TOOLS_DIR, findExecutable, locatePulumi } from "./locate";
import type { PulumiCli } from "./locate";

const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const DYNAMIC_PROVIDER_HOST = "pulumi-resource-pulumi-nodejs";
const PROGRESS_EVERY_IN_MS = 30_000;

/** What a caller gets when there is no CLI and it cannot be built: one sentence, no stack trace. */
export class PulumiUnavailableError extends Error {
  override name = "PulumiUnavailableError";
}

export interface EnsureOptions {
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Where a built CLI is looked for (default tools/pulumi-cli/bin/). */
  builtBinDir?: string;
}

/** A compatible CLI, building it when needed. Throws PulumiUnavailableError when there is none and no Go. */
export async function ensurePulumi(o: EnsureOptions = {}): Promise<PulumiCli> {
  const log = o.log ?? ((line: string) => console.log(line));
  const env = o.env ?? process.env;
  const binDir = o.builtBinDir ?? BUILT_BIN_DIR;
  const found = locatePulumi(env, binDir);
  if (found) {
    if (found.source === "built") linkDynamicProviderHost(binDir);
    return found;
  }
  const go = findExecutable("go", env.PATH);
  if (!go) {
    throw new PulumiUnavailableError(
      `no Pulumi CLI ${PINNED_PULUMI_VERSION} or newer 3.x on PATH, and no \`go\` to build one: install Go 1.25 or newer ` +
        `(then run \`npm run pulumi:install\`) or the Pulumi CLI (https://www.pulumi.com/docs/install/)`,
    );
  }
  log(`building the Pulumi CLI ${PINNED_PULUMI_VERSION} from Go modules into ${path.relative(process.cwd(), binDir) || "."} (a first build takes several minutes; later ones reuse Go's caches)`);
  await goBuild(go, env, log, binDir);
  linkDynamicProviderHost(binDir);
  const built = locatePulumi({ ...env, PATH: "" }, binDir);
  if (!built || built.version !== PINNED_PULUMI_VERSION) {
    throw new PulumiUnavailableError(`the built CLI at ${path.join(binDir, "pulumi")} does not report version ${PINNED_PULUMI_VERSION}`);
  }
  return built;
}

function goBuild(go: string, env: NodeJS.ProcessEnv, log: (line: string) => void, binDir: string): Promise<void> {
  const args = ["build", "-mod=readonly", "-o", binDir + path.sep, "-ldflags", `-s -w -X ${VERSION_VARIABLE}=v${PINNED_PULUMI_VERSION}`, CLI_PACKAGE];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, { cwd: TOOLS_DIR, env, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    const progress = setInterval(() => log(`  still building (${Math.round((Date.now() - started) / 1000)} s)…`), PROGRESS_EVERY_IN_MS);
    child.on("error", (e) => {
      clearInterval(progress);
      reject(new PulumiUnavailableError(`\`go ${args.join(" ")}\` could not start: ${e.message}`));
    });
    child.on("close", (code) => {
      clearInterval(progress);
      if (code === 0) {
        log(`  built in ${Math.round((Date.now() - started) / 1000)} s`);
        resolve();
      } else {
        reject(new PulumiUnavailableError(`\`go ${args.join(" ")}\` (in ${TOOLS_DIR}) failed with exit code ${code}: ${stderr.trim().split("\n").slice(-5).join(" | ")}`));
      }
    });
  });
}

/**
 * The engine looks for the bundled `pulumi-resource-pulumi-nodejs` next to the running `pulumi` (after PATH). The
 * script that ships in @pulumi/pulumi resolves the SDK from the program's directory, so one link serves every program.
 */
function linkDynamicProviderHost(binDir: string): void {
  const target = require.resolve(`@pulumi/pulumi/${DYNAMIC_PROVIDER_HOST}`, { paths: [TOOLS_DIR] });
  const link = path.join(binDir, DYNAMIC_PROVIDER_HOST);
  const relative = path.relative(binDir, target);
  try {
    if (fs.readlinkSync(link) === relative) return;
    fs.rmSync(link);
  } catch {
    // absent or not a link
  }
  fs.symlinkSync(relative, link);
}

export function describeCli(cli: PulumiCli): string {
  const origin = cli.source === "path" ? "from PATH" : "built from Go modules";
  const programs = cli.languageHost
    ? `Node.js programs run by its language host (${cli.languageHost})`
    : "no pulumi-language-nodejs: Node.js programs are served by the Automation API's in-process language server";
  return `pulumi ${cli.version} at ${cli.bin} (${origin}); ${programs}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  try {
    const cli = await ensurePulumi();
    console.log(`${describeCli(cli)}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    if (!(e instanceof PulumiUnavailableError)) throw e;
    console.error(`npm run pulumi:install: ${e.message}`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
