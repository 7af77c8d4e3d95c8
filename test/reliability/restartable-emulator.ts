/**
 * An emulator that keeps its state in a directory (`--data`, emulator/README.md "Start it") and can be stopped and
 * started again on the same port while a client is talking to it, as a restarted service would be.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

export class RestartableEmulator {
  private constructor(
    private running: RunningEmulator,
    private readonly options: EmulatorOptions,
  ) {}

  static async start(options: Omit<EmulatorOptions, "dataDir" | "port">): Promise<RestartableEmulator> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "iothub-fault-matrix-"));
    const first = await startEmulator({ ...options, dataDir });
    return new RestartableEmulator(first, { ...options, dataDir, port: Number(new URL(first.url).port) });
  }

  get current(): RunningEmulator {
    return this.running;
  }

  /** Stops it (connections in flight are cut), stays down for `downMs`, starts it again from its data directory. */
  async restart(downMs: number): Promise<void> {
    await this.running.close();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    this.running = await startEmulator(this.options);
  }

  async close(): Promise<void> {
    await this.running.close();
    fs.rmSync(this.options.dataDir ?? "", { recursive: true, force: true });
  }
}
