/**
 * Benchmark: long-running operations (create, update, delete of a hub) with our ARM client vs the poller of
 * @azure/arm-iothub, against the emulator over HTTPS, on the same durations. Reports API calls and how long after
 * the emulator finished each client noticed. Writes the "ARM client: long-running operations" section of
 * BENCHMARKS.md.
 *
 * Time is scaled by `--scale`: an operation that really lasts D runs in the emulator for D / scale, our client runs
 * on a clock going `scale` times faster (so its own schedule, in real seconds, is what runs), and the SDK polls every
 * 2 s / scale. Durations are those known for the real service (docs/IOTHUB-ARM.md, "Long-running operations"), each
 * spread over ±`--spread` across the runs (bench/lro/durations.ts), the same for both clients. Retry-After is 0 (the
 * recorded IoT Hub 201/202s carry none, same section), so each client follows its own schedule.
 *
 * Every request's round trip counts `scale` times in the real-scale figures, for both clients alike: on a busy machine
 * (10–40 ms a request) a large scale would bury the difference between the schedules, hence the default of 5.
 *
 * Usage: npm run build && node dist/bench/lro.js [--runs 8] [--scale 5] [--spread 0.3]
 */
import { parseArgs } from "node:util";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { IotHubClient } from "@azure/arm-iothub";
import { DEV_TOKEN, startEmulator, type RunningEmulator } from "../emulator";
import { ArmClient, deleteHubAndWait, getHub, putHubAndWait, realClock, staticTokenCredential, type Clock, type HubRef } from "../provider/arm";
import { CountingAgent, countingPolicy } from "./lro/counting";
import { watchCompletion } from "./lro/completion";
import { spreadDurationsInMs } from "./lro/durations";
import { PhaseScheduler } from "./lro/phase-scheduler";
import { localhostCertificate } from "../tools/tls/localhost-certificate";
import { writeBenchmarkSection } from "./markdown-section";

const SUB = "00000000-0000-0000-0000-00000000be9c";
const RG = "rg-bench-lro";
const API = "2023-06-30";
/**
 * Real durations: create and delete as recorded (docs/IOTHUB-ARM.md, "Long-running operations"); no update is
 * recorded, 75 s is the assumption the provider makes too (provider/arm/constants.ts).
 */
const USUAL_REAL_DURATION_IN_MS: Record<OperationName, number> = { create: 150_000, update: 75_000, delete: 30_000 };
/** Hub states each operation passes through in the emulator (emulator/lro/phases.ts). */
const PHASES: Record<OperationName, number> = { create: 2, update: 1, delete: 1 };
const EMULATOR_PROVISIONING_MS = 1000;
const SEED = 20_261_130;
/** @azure/core-lro's POLL_INTERVAL_IN_MS, the SDK's default when no Retry-After is sent. */
const SDK_DEFAULT_INTERVAL_IN_MS = 2000;
const HEADING = "ARM client: long-running operations";

type OperationName = "create" | "update" | "delete";
type ClientName = "ours" | "sdk";
const OPERATIONS: readonly OperationName[] = ["create", "update", "delete"];

interface Sample {
  calls: number;
  noticedAfterInMs: number;
  totalInMs: number;
}

/** Runs one operation: what the client does, and which emulator state means "finished". */
interface Driver {
  calls(): number;
  create(name: string): Promise<void>;
  update(name: string): Promise<void>;
  remove(name: string): Promise<void>;
  close(): Promise<void>;
}

const BODY = { location: "westus", sku: { name: "S1", capacity: 1 } };

/** Real time running `scale` times faster: our client's schedule, in real-service milliseconds, unchanged. */
function fastClock(scale: number): Clock {
  const startedAt = performance.now();
  const origin = Date.now();
  return { now: () => origin + (performance.now() - startedAt) * scale, delay: (ms, signal) => realClock.delay(ms / scale, signal) };
}

function oursDriver(url: string, ca: string, scale: number): Driver {
  const agent = new CountingAgent({ connect: { ca } });
  const clock = fastClock(scale);
  // No pollingScheduleInMs: the default, per-operation schedules are what is measured.
  const client = new ArmClient({ endpoint: url, credential: staticTokenCredential(DEV_TOKEN, url), dispatcher: agent, now: clock.now, delay: clock.delay });
  const ref = (name: string): HubRef => ({ subscriptionId: SUB, resourceGroup: RG, name, apiVersion: API });
  return {
    calls: () => agent.calls,
    create: async (name) => void (await putHubAndWait(client, ref(name), BODY, { ifNoneMatch: "*" })),
    update: async (name) => {
      const hub = await getHub(client, ref(name));
      await putHubAndWait(client, ref(name), { ...hub, tags: { bench: String(Date.now()) } }, { ifMatch: hub.etag });
    },
    remove: async (name) => void (await deleteHubAndWait(client, ref(name))),
    close: async () => {
      await client.close();
      await agent.close();
    },
  };
}

function sdkDriver(url: string, ca: string, scale: number): Driver {
  const credential: TokenCredential = {
    getToken: async (): Promise<AccessToken> => ({ token: DEV_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  const counter = countingPolicy();
  const client = new IotHubClient(credential, SUB, {
    endpoint: url,
    tlsOptions: { ca },
    additionalPolicies: [{ policy: counter.policy, position: "perRetry" }],
  });
  const poll = { updateIntervalInMs: SDK_DEFAULT_INTERVAL_IN_MS / scale };
  return {
    calls: counter.calls,
    create: async (name) => void (await client.iotHubResource.beginCreateOrUpdateAndWait(RG, name, BODY, poll)),
    update: async (name) => {
      const hub = await client.iotHubResource.get(RG, name);
      await client.iotHubResource.beginCreateOrUpdateAndWait(RG, name, { ...hub, tags: { bench: String(Date.now()) } }, { ...poll, ifMatch: hub.etag });
    },
    remove: async (name) => void (await client.iotHubResource.beginDeleteAndWait(RG, name, poll)),
    close: async () => undefined,
  };
}

async function measure(emulator: RunningEmulator, driver: Driver, op: OperationName, name: string): Promise<Sample> {
  const watcher = watchCompletion(emulator, { subscriptionId: SUB, resourceGroup: RG, name }, op === "delete" ? "gone" : "active");
  const callsBefore = driver.calls();
  const startedAt = performance.now();
  try {
    await (op === "create" ? driver.create(name) : op === "update" ? driver.update(name) : driver.remove(name));
    const returnedAt = performance.now();
    // The watcher looks every 2 ms, so it may report a moment after the client returned; wait for it briefly.
    const finishedAt = await Promise.race([watcher.done, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 1000))]);
    return { calls: driver.calls() - callsBefore, noticedAfterInMs: returnedAt - finishedAt, totalInMs: returnedAt - startedAt };
  } finally {
    watcher.stop();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface BenchOptions {
  runs: number;
  scale: number;
  spread: number;
}

function options(): BenchOptions {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "8" }, scale: { type: "string", default: "5" }, spread: { type: "string", default: "0.3" } },
  });
  const o = { runs: Number(values.runs), scale: Number(values.scale), spread: Number(values.spread) };
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error(`--runs must be an integer >= 1; got ${values.runs}`);
  if (!(o.scale >= 1 && o.scale <= 100)) throw new Error(`--scale must be a number from 1 to 100; got ${values.scale}`);
  if (!(o.spread >= 0 && o.spread < 1)) throw new Error(`--spread must be a fraction from 0 to below 1; got ${values.spread}`);
  return o;
}

async function main(): Promise<void> {
  const o = options();
  const durations = Object.fromEntries(
    OPERATIONS.map((op, i) => [op, spreadDurationsInMs(USUAL_REAL_DURATION_IN_MS[op], o.spread, o.runs, SEED + i)]),
  ) as Record<OperationName, number[]>;
  const tls = await localhostCertificate();
  const scheduler = new PhaseScheduler(EMULATOR_PROVISIONING_MS);
  const emulator = await startEmulator({ tls, provisioningMs: EMULATOR_PROVISIONING_MS, retryAfterSeconds: 0, scheduler });
  const drivers: Record<ClientName, Driver> = { ours: oursDriver(emulator.url, tls.cert, o.scale), sdk: sdkDriver(emulator.url, tls.cert, o.scale) };
  const samples = new Map<string, Sample[]>();
  try {
    emulator.outOfBand.createResourceGroup({ subscriptionId: SUB, name: RG });
    for (let run = 0; run < o.runs; run++) {
      // Alternate which client goes first, so neither always meets a freshly idle machine.
      const order: ClientName[] = run % 2 === 0 ? ["ours", "sdk"] : ["sdk", "ours"];
      for (const clientName of order) {
        const name = `bench-${clientName}-${run + 1}`;
        for (const op of OPERATIONS) {
          scheduler.phaseInMs = Math.round(durations[op][run] / o.scale / PHASES[op]);
          const sample = await measure(emulator, drivers[clientName], op, name);
          const key = `${op}|${clientName}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          console.log(
            `run ${run + 1} ${clientName} ${op} (${(durations[op][run] / 1000).toFixed(0)} s real): ${sample.calls} calls, ` +
              `noticed after ${((sample.noticedAfterInMs * o.scale) / 1000).toFixed(2)} s real`,
          );
        }
      }
    }
  } finally {
    await drivers.ours.close();
    await drivers.sdk.close();
    await emulator.close();
  }
  writeBenchmarkSection(HEADING, report(samples, o));
  console.log(`wrote section "${HEADING}" of BENCHMARKS.md`);
}

function report(samples: Map<string, Sample[]>, o: BenchOptions): string {
  const realSeconds = (benchMs: number) => ((benchMs * o.scale) / 1000).toFixed(2);
  const rows = [
    "| operation (usual real duration) | API calls, provider/arm: mean / max | API calls, SDK: mean / max | noticed after, provider/arm: mean / worst (s) | noticed after, SDK: mean / worst (s) |",
    "|---|---:|---:|---:|---:|",
  ];
  for (const op of OPERATIONS) {
    const ours = samples.get(`${op}|ours`) ?? [];
    const sdk = samples.get(`${op}|sdk`) ?? [];
    const calls = (list: Sample[]) => `${mean(list.map((s) => s.calls)).toFixed(1)} / ${Math.max(...list.map((s) => s.calls))}`;
    const late = (list: Sample[]) => `${realSeconds(mean(list.map((s) => s.noticedAfterInMs)))} / ${realSeconds(Math.max(...list.map((s) => s.noticedAfterInMs)))}`;
    const usual = USUAL_REAL_DURATION_IN_MS[op] / 1000;
    rows.push(`| ${op} (${usual} s ± ${Math.round(o.spread * 100)} %) | ${calls(ours)} | ${calls(sdk)} | ${late(ours)} | ${late(sdk)} |`);
  }
  const percent = Math.round(o.spread * 100);
  return [
    `Node ${process.version}, emulator over HTTPS (self-signed certificate trusted through each client's options), api-version ${API}, ${o.runs} runs; ` +
      "measured on a shared 2-core machine while other work ran, so single figures are noisy.",
    `Durations are the real service's (docs/IOTHUB-ARM.md, "Long-running operations"): a create about 150 s and a delete about 30 s as recorded; ` +
      `no update is recorded, 75 s is an assumption (the provider's too). Each run draws every operation's duration from usual ± ${percent} % ` +
      `(one run per slice of that range, shuffled, the same durations for both clients). Time runs ${o.scale} times faster: the emulator's hub ` +
      `phases last the drawn duration / ${o.scale}, our client runs on a clock ${o.scale} times faster and the SDK polls every 2 s / ${o.scale}; ` +
      "latencies below are scaled back to real seconds. Retry-After is 0, as real IoT Hub 201/202 answers carry none (same section), so each client follows its own schedule: " +
      "provider/arm its per-operation schedule (docs/RELIABILITY.md, \"Polling\"), @azure/arm-iothub its fixed 2 s (`updateIntervalInMs`, @azure/core-lro's default).",
    "",
    ...rows,
    "",
    "API calls count every HTTP request of the operation: the PUT/DELETE, every poll, the GET that reads the hub afterwards " +
      "(and the update's preceding GET for its etag, for both clients). \"Noticed after\" is the time from the operation really finishing in the emulator " +
      "(the hub back to Active, or gone, seen in-process every 2 ms, i.e. within " +
      `${((2 * o.scale) / 1000).toFixed(2)} s of real time) to the client's call returning, so it includes the last poll's round trip and the final read, ` +
      `each counting ${o.scale} times its duration once scaled back (10–40 ms a request on this machine, for both clients alike).`,
    "Expected from the arithmetic in `provider/arm/constants.ts` (checked in test/arm/polling-schedule.test.ts): " +
      "at most 1.5 s late (0.75 s on average) once the usual duration is near, against 2 s (1 s) for the fixed poller, " +
      "for about two thirds of its calls on a create and an update and five sixths on a short delete.",
    "",
    "Rerun: `npm run build && npm run bench:lro` (or `node dist/bench/lro.js --runs 8 --scale 5 --spread 0.3`).",
  ].join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
