/**
 * CLI: `npm run emulator -- --port 0 [--host] [--token] [--cert --key] [--data] [--provisioning-ms] [--retry-after]
 * [--page-size] [--reads-bucket] [--reads-per-second] [--writes-bucket] [--writes-per-second] [--deletes-bucket]
 * [--deletes-per-second]`. Prints exactly one line, `listening on http(s)://<host>:<port>`, then serves until
 * SIGINT/SIGTERM.
 */
import { optionsFromArgs, USAGE } from "./configuration";
import { EmulatorServer } from "./server";

async function main(): Promise<void> {
  let server: EmulatorServer;
  try {
    server = new EmulatorServer(optionsFromArgs(process.argv.slice(2)));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const url = await server.start();
  process.stdout.write(`listening on ${url}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`iothub-emulator: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
