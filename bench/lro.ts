/**
 * Benchmark: long-running operations (create, update, delete of a hub) with our ARM client vs the poller of
 * @azure/arm-iothub, against the emulator over HTTPS, on the same timings. Reports API calls and how long after
 * the emulator finished each client noticed. Writes the "ARM client: long-running operations" section of
 * BENCHMARKS.md.
 *
 * Time is scaled: a real create takes ~150 s and a delete ~30 s (docs/IOTHUB-ARM.md, "Long-running operations"). The
 * emulator's phases last `--phase-ms` each (create = 2 phases, update = 1, delete = 1), and both clients' polling
 * intervals are divided by the same factor (150 s / create duration), so the counts are what a real 150 s create would
 * cost and the latencies scale back by that factor. Retry-After is 0 (the recorded IoT Hub 201/202s carry none, same
 * section), so each client follows its own schedule.
 *
 * Usage: npm run build && node dist/bench/lro.js [--runs 3] [--phase-ms 2500]
 */
import { parseArgs } from "node:util";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { IotHubClient } from "@azure/arm-iothub";
import { DEV_TOKEN, startEmulator, type RunningEmulator } from "../emulator";
import {
  ArmClient,
  DEFAULT_POLLING_SCHEDULE_IN_MS,
  deleteHubAndWait,
  getHub,
  putHubAndWait,
  staticTokenCredential,
  type HubRef,
} from "../provider/arm";
import { CountingAgent, countingPolicy } from "./lro/counting";
import { watchCompletion } from "./lro/completion";
import { localhostCertificate } from "../tools/tls/localhost-certificate";
import { writeBenchmarkSection } from "./markdown-section";

const SUB = "00000000-0000-0000-0000-00000000be9c";
const RG = "rg-bench-lro";
const API = "2023-06-30";
const REAL_CREATE_IN_MS = 150_000;
/** @azure/core-lro's POLL_INTERVAL_IN_MS, the SDK's default when no Retry-After is sent. */
const SDK_DEFAULT_INTERVAL_IN_MS = 2000;
const HEADING = "ARM client: long-running operations";

type OperationName = "create" | "update" | "delete";
type ClientName = "ours" | "sdk";

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

function oursDriver(url: string, ca: string, scale: number): Driver {
  const agent = new CountingAgent({ connect: { ca } });
  const client = new ArmClient({
    endpoint: url,
    credential: staticTokenCredential(DEV_TOKEN, url),
    dispatcher: agent,
    pollingScheduleInMs: DEFAULT_POLLING_SCHEDULE_IN_MS.map((ms) => ms / scale),
  });
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

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, "phase-ms": { type: "string", default: "2500" } } });
  const runs = Number(values.runs);
  const phaseInMs = Number(values["phase-ms"]);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(phaseInMs) || phaseInMs < 100) {
    throw new Error("--runs must be an integer >= 1 and --phase-ms an integer >= 100");
  }
  const scale = REAL_CREATE_IN_MS / (2 * phaseInMs);
  const tls = await localhostCertificate();
  const emulator = await startEmulator({ tls, provisioningMs: phaseInMs, retryAfterSeconds: 0 });
  const drivers: Record<ClientName, Driver> = { ours: oursDriver(emulator.url, tls.cert, scale), sdk: sdkDriver(emulator.url, tls.cert, scale) };
  const samples = new Map<string, Sample[]>();
  try {
    const setup = new ArmClient({ endpoint: emulator.url, credential: staticTokenCredential(DEV_TOKEN, emulator.url), dispatcher: new CountingAgent({ connect: { ca: tls.cert } }) });
    await setup.request({ method: "PUT", path: `/subscriptions/${SUB}/resourceGroups/${RG}`, apiVersion: "2021-04-01", body: { location: "westus" } });
    await setup.close();
    for (let run = 1; run <= runs; run++) {
      for (const clientName of ["ours", "sdk"] as const) {
        const name = `bench-${clientName}-${run}`;
        for (const op of ["create", "update", "delete"] as const) {
          const sample = await measure(emulator, drivers[clientName], op, name);
          const key = `${op}|${clientName}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          console.log(`run ${run} ${clientName} ${op}: ${sample.calls} calls, noticed after ${sample.noticedAfterInMs.toFixed(0)} ms, total ${sample.totalInMs.toFixed(0)} ms`);
        }
      }
    }
  } finally {
    await drivers.ours.close();
    await drivers.sdk.close();
    await emulator.close();
  }
  writeBenchmarkSection(HEADING, report(samples, { runs, phaseInMs, scale }));
  console.log(`wrote section "${HEADING}" of BENCHMARKS.md`);
}

function report(samples: Map<string, Sample[]>, o: { runs: number; phaseInMs: number; scale: number }): string {
  const label: Record<ClientName, string> = {
    ours: `provider/arm (schedule ${DEFAULT_POLLING_SCHEDULE_IN_MS.map((ms) => ms / 1000).join(", ")} s, then repeats)`,
    sdk: `@azure/arm-iothub poller (fixed ${SDK_DEFAULT_INTERVAL_IN_MS / 1000} s)`,
  };
  const phases: Record<OperationName, number> = { create: 2, update: 1, delete: 1 };
  const rows = ["| operation (≈ real duration) | client | API calls | noticed after, mean / max (ms) | ≈ real scale (s) |", "|---|---|---:|---:|---:|"];
  for (const op of ["create", "update", "delete"] as const) {
    for (const clientName of ["ours", "sdk"] as const) {
      const list = samples.get(`${op}|${clientName}`) ?? [];
      const late = list.map((s) => s.noticedAfterInMs);
      const realDuration = ((phases[op] * o.phaseInMs * o.scale) / 1000).toFixed(0);
      rows.push(
        `| ${op} (${realDuration} s) | ${label[clientName]} | ${mean(list.map((s) => s.calls)).toFixed(1)} | ` +
          `${mean(late).toFixed(0)} / ${Math.max(...late).toFixed(0)} | ${((mean(late) * o.scale) / 1000).toFixed(1)} |`,
      );
    }
  }
  return [
    `Node ${process.version}, emulator over HTTPS (self-signed certificate trusted through each client's options), api-version ${API}, ${o.runs} run(s).`,
    `Each emulator phase lasts ${o.phaseInMs} ms (create = 2 phases, update and delete = 1); both clients' polling intervals are divided by ${o.scale.toFixed(0)}, ` +
      `so a create stands for a real ~150 s one (docs/IOTHUB-ARM.md, "Long-running operations"). Retry-After is 0, as real IoT Hub 201/202 answers carry none (same section), so each client follows its own schedule.`,
    "",
    ...rows,
    "",
    "API calls count every HTTP request of the operation: the PUT/DELETE, every poll, the final GET of a create/update " +
      "(the update's preceding GET for its etag is included for both clients). \"Noticed after\" is the time from the emulator " +
      "finishing (seen in-process, every 2 ms) to the client's call returning; the last column scales it back to real time.",
    "Expected from the arithmetic in `provider/arm/constants.ts`: for a real 150 s create, 34 polls and at most 5 s late, against 75 polls and at most 2 s late for a fixed 2 s poll " +
      "(the SDK also polls once right after the first response).",
    "",
    "Rerun: `npm run build && npm run bench:lro` (or `node dist/bench/lro.js --runs 3 --phase-ms 2500`).",
  ].join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
