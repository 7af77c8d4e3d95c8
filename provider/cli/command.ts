/**
 * One CLI command: its flags (node's `util.parseArgs`), its help text and its work. The flags every hub command shares,
 * and how they become the settings the resources use (provider/settings.ts, with the flags in place of stack config).
 */
import type { ParseArgsConfig } from "node:util";
import { parseArgs } from "node:util";
import { API_VERSIONS } from "../arm/iothub/api-versions";
import type { ApiVersion } from "../arm/iothub/api-versions";
import type { FunctionScope, FunctionTarget } from "../functions/target";
import { targetFor } from "../functions/target";
import { CONFIG_KEYS, resolveSettings } from "../settings";
import type { CliIo } from "./io";
import { UsageError } from "./io";
import type { OutputFormat } from "./output";
import { OUTPUT_FORMATS } from "./output";

export type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

export interface CommandContext {
  io: CliIo;
  /** The command's own flags and the common ones, as parsed. */
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
  output: OutputFormat;
  scope: FunctionScope;
  /** The ARM client for the settings (built on first use: a usage error never needs one). */
  target(): FunctionTarget;
  /** A progress line on stderr (never on stdout, which scripts parse). */
  progress(line: string): void;
}

export interface Command {
  name: string;
  /** One line, for `iothub --help`. */
  summary: string;
  /** The synopsis and the command's own flags, for `iothub <command> --help`. */
  help: string;
  flags: FlagOptions;
  run(ctx: CommandContext): Promise<void>;
}

export const COMMON_FLAGS: FlagOptions = {
  subscription: { type: "string" },
  endpoint: { type: "string" },
  "api-version": { type: "string" },
  output: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
};

export const COMMON_HELP = `Common flags:
  --subscription ID      subscription (default: AZURE_SUBSCRIPTION_ID, then ARM_SUBSCRIPTION_ID)
  --endpoint URL         ARM endpoint, e.g. the emulator's URL (default: IOTHUB_ARM_ENDPOINT, then the cloud of
                         ARM_ENVIRONMENT / AZURE_ENVIRONMENT, then https://management.azure.com)
  --api-version V        Microsoft.Devices api-version: ${API_VERSIONS.join(" or ")} (default ${API_VERSIONS[0]})
  -o, --output FORMAT    table (default) or json (stable shapes, docs/CLI.md)
  -h, --help             this help
Settings are read as the provider reads them, with these flags in place of stack config: Pulumi stack config
(${CONFIG_KEYS.subscriptionId}, ${CONFIG_KEYS.armEndpoint}, …) is only available inside a Pulumi program, so
outside one use the flags or the environment. Credentials: IOTHUB_ACCESS_TOKEN (a static token, loopback endpoints
only: the emulator), else Azure's DefaultAzureCredential (AZURE_CLIENT_ID, az login, managed identity, …).
Exit codes: 0 ok, 1 Azure or runtime error (code and x-ms-request-id on stderr), 2 usage error.`;

/** Parses a command's flags strictly; unknown flags and missing values are usage errors. */
export function contextFor(command: Command, args: string[], io: CliIo): CommandContext | "help" {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...COMMON_FLAGS, ...command.flags }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const flags = parsed.values as CommandContext["flags"];
  if (flags.help) return "help";
  const output = (flags.output ?? "table") as OutputFormat;
  if (!OUTPUT_FORMATS.includes(output)) throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(", ")}; got ${JSON.stringify(flags.output)}`);
  const overrides: Record<string, string | undefined> = {
    [CONFIG_KEYS.subscriptionId]: stringFlag(flags.subscription),
    [CONFIG_KEYS.armEndpoint]: stringFlag(flags.endpoint),
  };
  let target: FunctionTarget | undefined;
  return {
    io,
    flags,
    positionals: parsed.positionals,
    output,
    scope: { subscriptionId: stringFlag(flags.subscription), apiVersion: stringFlag(flags["api-version"]) as ApiVersion | undefined },
    target: () => (target ??= targetFor(resolveSettings(io.env, { get: (key) => overrides[key] }))),
    progress: (line) => void io.stderr.write(`${line}\n`),
  };
}

function stringFlag(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** `RG/HUB` → its two parts; anything else is a usage error. */
export function hubAddressOf(ctx: CommandContext, index = 0): { resourceGroupName: string; name: string } {
  const address = ctx.positionals[index];
  const parts = address?.split("/") ?? [];
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
    throw new UsageError(`expected RESOURCE_GROUP/HUB as argument ${index + 1}; got ${address === undefined ? "nothing" : JSON.stringify(address)}`);
  }
  return { resourceGroupName: parts[0], name: parts[1] };
}

/** Refuses positional arguments beyond what the command takes. */
export function expectPositionals(ctx: CommandContext, count: number): void {
  if (ctx.positionals.length > count) throw new UsageError(`unexpected argument ${JSON.stringify(ctx.positionals[count])}`);
}
