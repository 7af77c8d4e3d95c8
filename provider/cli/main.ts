#!/usr/bin/env node
/**
 * `iothub`: the package's command line for pipelines (docs/CLI.md). One small module per command under commands/;
 * this file dispatches, prints errors without stack traces, and turns the outcome into the exit codes a pipeline relies
 * on (io.ts). `main` takes its streams and environment, so tests run it in-process.
 */
import { isArmError } from "../arm/errors";
import { closeArmClients } from "../client-pool";
import { isFunctionArgumentError } from "../functions/target";
import type { Command } from "./command";
import { COMMON_HELP, contextFor } from "./command";
import { consumerGroupsCommand } from "./commands/consumer-groups";
import { EMULATOR_HELP, runEmulator } from "./commands/emulator";
import { exportDevicesCommand } from "./commands/export-devices";
import { importCommand } from "./commands/import";
import { keysCommand } from "./commands/keys";
import { listCommand } from "./commands/list";
import { showCommand } from "./commands/show";
import type { CliIo } from "./io";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from "./io";

const COMMANDS: Command[] = [listCommand, showCommand, keysCommand, consumerGroupsCommand, exportDevicesCommand, importCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), "emulator".length);
  const lines = [...COMMANDS.map((c) => [c.name, c.summary]), ["emulator", "run the local ARM emulator (flags: iothub emulator --help)"]]
    .map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
  return `Usage: iothub <command> [arguments] [flags]\n\nCommands:\n${lines.join("\n")}\n\n${COMMON_HELP}\n\nHelp on one command: iothub <command> --help`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(`${overview()}\n`);
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (name === "emulator") {
      await runEmulator(rest, io);
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)}; commands: ${[...COMMANDS.map((c) => c.name), "emulator"].join(", ")}`);
    const ctx = contextFor(command, rest, io);
    if (ctx === "help") {
      io.stdout.write(`${command.help}\n\n${COMMON_HELP}\n`);
      return EXIT_OK;
    }
    await command.run(ctx);
    return EXIT_OK;
  } catch (e) {
    return reportError(e, name, io);
  } finally {
    await closeArmClients();
  }
}

/** One line on stderr, never a stack trace for what can be expected; the exit code says which kind it was. */
function reportError(e: unknown, commandName: string | undefined, io: CliIo): number {
  const known = COMMANDS.some((c) => c.name === commandName);
  const prefix = `iothub${known ? ` ${commandName}` : ""}`;
  if (e instanceof UsageError || isFunctionArgumentError(e)) {
    const hint = commandName === "emulator" ? EMULATOR_HELP : `Run 'iothub ${known ? `${commandName} ` : ""}--help' for usage.`;
    io.stderr.write(`${prefix}: ${(e as Error).message}\n${hint}\n`);
    return EXIT_USAGE;
  }
  if (isArmError(e)) {
    // The message already reads `NotFound (404) ResourceNotFound: … [x-ms-request-id: …]`; the code is repeated first
    // so a script can match it, and the request id is added when the message lacks it.
    const requestId = e.requestId !== undefined && !e.message.includes(e.requestId) ? ` [x-ms-request-id: ${e.requestId}]` : "";
    io.stderr.write(`${prefix}: error ${e.code}: ${e.message}${requestId}\n`);
    return EXIT_FAILED;
  }
  if (e instanceof Error) {
    const { code } = e as { code?: unknown };
    const codePart = typeof code === "string" ? ` ${code}` : "";
    io.stderr.write(`${prefix}: error${codePart}: ${e.message}\n`);
    return EXIT_FAILED;
  }
  io.stderr.write(`${prefix}: error: ${String(e)}\n`);
  return EXIT_FAILED;
}

if (require.main === module) {
  void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
