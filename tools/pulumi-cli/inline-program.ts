/**
 * `pulumi up|preview|refresh|destroy` of a Node.js project for a CLI that has no `pulumi-language-nodejs` beside it:
 * the Automation API starts its in-process language server, and the real `pulumi` CLI (first on PATH) runs the
 * operation against it with `--client` (docs/PULUMI-CLI.md, "Programs without a language host"). Everything else —
 * the engine, the state, the dynamic-provider host — is the CLI's own.
 *
 *   node dist/tools/pulumi-cli/inline-program.js <up|preview|refresh|destroy> --stack NAME [flags]   (cwd: the project)
 *
 * The program is the project's `main` (Pulumi.yaml; TypeScript through ts-node, transpile only), required once in this
 * process as the language host would run it; its exports are the stack outputs. The Automation API is loaded from
 * the project's own @pulumi/pulumi so the program and the language server share one SDK.
 */
import * as fs from "node:fs";
import * as path from "node:path";

type Operation = "up" | "preview" | "refresh" | "destroy";
const OPERATIONS: readonly Operation[] = ["up", "preview", "refresh", "destroy"];

/** The CLI flags this driver understands: the Automation API option each becomes ("" = implied), per operation. */
const BOOLEAN_FLAGS: Record<string, { option: string; operations: readonly Operation[] }> = {
  "--expect-no-changes": { option: "expectNoChanges", operations: OPERATIONS },
  "--diff": { option: "diff", operations: ["up", "preview"] },
  "--refresh": { option: "refresh", operations: ["up", "preview", "destroy"] },
  "--clear-pending-creates": { option: "clearPendingCreates", operations: ["refresh"] },
  "--preview-only": { option: "previewOnly", operations: ["refresh", "destroy"] },
  "--skip-preview": { option: "", operations: ["up", "refresh", "destroy"] },
  "--yes": { option: "", operations: ["up", "refresh", "destroy"] },
  "--non-interactive": { option: "", operations: OPERATIONS },
};
const VALUE_FLAGS: Record<string, readonly Operation[]> = { "--stack": OPERATIONS, "--parallel": OPERATIONS, "--target": OPERATIONS, "--event-log": OPERATIONS };

export interface ParsedArgs {
  operation: Operation;
  stack: string;
  options: Record<string, unknown>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [operation, ...rest] = argv;
  if (!OPERATIONS.includes(operation as Operation)) {
    throw new Error(`the operation must be one of ${OPERATIONS.join(", ")}; got ${JSON.stringify(operation ?? "")}`);
  }
  const options: Record<string, unknown> = {};
  let stack: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inlineValue] = rest[i].split(/=(.*)/s, 2);
    const allowed = BOOLEAN_FLAGS[flag]?.operations ?? VALUE_FLAGS[flag];
    if (!allowed?.includes(operation as Operation)) {
      const supported = [...Object.keys(BOOLEAN_FLAGS), ...Object.keys(VALUE_FLAGS)].filter((f) => (BOOLEAN_FLAGS[f]?.operations ?? VALUE_FLAGS[f]).includes(operation as Operation));
      throw new Error(`unsupported flag ${JSON.stringify(rest[i])} for ${operation} without a language host; supported: ${supported.join(" ")}`);
    }
    if (flag in BOOLEAN_FLAGS) {
      const { option } = BOOLEAN_FLAGS[flag];
      if (option) options[option] = inlineValue === undefined ? true : inlineValue !== "false";
      continue;
    }
    const value = inlineValue ?? rest[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--stack") stack = value;
    else if (flag === "--parallel") options.parallel = Number(value);
    else if (flag === "--event-log") options.eventLog = value;
    else options.target = [...((options.target as string[] | undefined) ?? []), value];
  }
  if (!stack) throw new Error("--stack NAME is required");
  return { operation: operation as Operation, stack, options };
}

/** Top-level `name:` and `main:` of Pulumi.yaml (a full YAML parser is not needed for two scalar keys). */
export function readProject(projectDir: string): { name: string; main: string } {
  const text = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  const scalar = (key: string) => new RegExp(`^${key}:\\s*["']?([^"'#\\s]+)`, "m").exec(text)?.[1];
  const name = scalar("name");
  if (!name) throw new Error(`${path.join(projectDir, "Pulumi.yaml")} has no top-level name`);
  return { name, main: scalar("main") ?? "." };
}

async function main(): Promise<void> {
  const projectDir = process.cwd();
  const { operation, stack: stackName, options } = parseArgs(process.argv.slice(2));
  const project = readProject(projectDir);
  const tsconfig = path.join(projectDir, "tsconfig.json");
  require("ts-node").register({ transpileOnly: true, project: fs.existsSync(tsconfig) ? tsconfig : undefined, skipProject: !fs.existsSync(tsconfig) });

  const automation: typeof import("@pulumi/pulumi/automation") = require(require.resolve("@pulumi/pulumi/automation", { paths: [projectDir] }));
  const program = async () => {
    const exported: Record<string, unknown> = require(path.resolve(projectDir, project.main));
    const { default: _default, __esModule: _esModule, ...outputs } = exported;
    return outputs;
  };
  // workDir = the project: the engine starts the dynamic-provider host there, so require() in providers resolves
  // from the project's node_modules as with the language host.
  const stack = await automation.LocalWorkspace.selectStack({ stackName, projectName: project.name, program }, { workDir: projectDir });
  const streams = { onOutput: (s: string) => process.stdout.write(s), onError: (s: string) => process.stderr.write(s) };
  // --event-log FILE: the engine's events as JSON lines, as the CLI's own flag writes them.
  const { eventLog, ...rest } = options;
  const events = typeof eventLog === "string" ? { onEvent: (e: unknown) => fs.appendFileSync(eventLog, `${JSON.stringify(e)}\n`) } : {};
  // This process serves the program to the CLI, so it must outlive it. A Ctrl-C in a terminal reaches the CLI too
  // (same process group), which cancels gracefully; a SIGTERM sent here alone is passed on (as the SIGINT the
  // Automation API sends on abort).
  const cancel = new AbortController();
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => cancel.abort());
  const all = { ...rest, ...streams, ...events, signal: cancel.signal };
  const run: Record<Operation, () => Promise<unknown>> = {
    up: () => stack.up(all),
    preview: () => stack.preview(all),
    refresh: () => stack.refresh(all),
    destroy: () => stack.destroy(all),
  };
  await run[operation]();
}

if (require.main === module) {
  main().catch((e: unknown) => {
    // The CLI's own output and errors were streamed already; a CommandError's message would repeat all of it.
    const exit = (e as { commandResult?: { code?: number } }).commandResult?.code;
    if (exit === undefined) console.error(`inline-program: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(exit ?? 1);
  });
}
