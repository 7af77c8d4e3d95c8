import { optionsFromArgs, USAGE } from "../../../emulator/configuration";
import { startEmulator } from "../../../emulator";
import type { CliIo } from "../io";
import { UsageError } from "../io";

/**
 * `iothub emulator [flags]`: the local emulator for users who installed the package, with the flags of
 * `npm run emulator` (emulator/configuration.ts parses them). Prints `listening on <url>` and serves until SIGINT or
 * SIGTERM. It takes none of the common flags: it is the endpoint, not a client of one.
 */
export const EMULATOR_HELP = USAGE.replace("npm run emulator --", "iothub emulator");

export async function runEmulator(args: string[], io: CliIo): Promise<void> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(`${EMULATOR_HELP}\n`);
    return;
  }
  let options;
  try {
    options = optionsFromArgs(args);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const emulator = await startEmulator(options);
  io.stdout.write(`listening on ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await emulator.close();
}
