/**
 * Local ARM emulator of Microsoft.Devices (IoT Hub resource provider). Public API: ARCHITECTURE.md §1.
 */
import type { EmulatorOptions } from "./configuration";
import type { FaultInjector } from "./faults";
import type { RequestJournal } from "./journal";
import type { OutOfBand } from "./out-of-band";
import { EmulatorServer } from "./server";

export { DEV_TOKEN } from "./constants";
export type { EmulatorOptions, RateLimitKind, ThrottlingOptions, TokenBucketOptions, TokenGrant } from "./configuration";
export type { EmulatorClock } from "./clock";
export type { ClientGrant } from "./aad";
export type { EmulatorScheduler } from "./lro/scheduler";
export type { FaultInjector, FaultRule } from "./faults";
export type { OutOfBand } from "./out-of-band";
export type { JournalEntry, RequestJournal } from "./journal";
export { API_2016, API_2023 } from "./api-versions";
export { EmulatorServer } from "./server";

export interface RunningEmulator {
  /** "http(s)://127.0.0.1:<port>" (no trailing slash) */
  url: string;
  faults: FaultInjector;
  /** another client's writes, as the real service would see them */
  outOfBand: OutOfBand;
  /** The ARM requests answered so far (method, path, conditional headers, status), oldest first. */
  requests: RequestJournal;
  close(): Promise<void>;
}

export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const server = new EmulatorServer(options);
  const url = await server.start();
  return {
    url,
    faults: server.core.faults,
    outOfBand: server.outOfBand,
    requests: server.core.journal,
    close: () => server.close(),
  };
}
