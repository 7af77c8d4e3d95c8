/**
 * A fleet of hubs in one `pulumi up`, against ARM's per-subscription throttling as the emulator models it
 * (docs/RELIABILITY.md, "Throttling"), through the real dynamic-provider host (tools/harness):
 *  - 10 hubs × 20 consumer groups with ARM's bucket sizes, and
 *  - 50 hubs × 5 consumer groups with the buckets scaled down so that throttling binds.
 * Each is set against its minimum: the least time the buckets allow for the writes the fleet needs (every hub PUT
 * and group PUT, beyond what the bucket holds at the start, at the refill rate), and never less than one hub's
 * create (two emulator states). Figures: wall time / minimum, 429s the provider received, failed resources, and API
 * calls per resource (from the emulator's request journal).
 *
 * Run: npm run build && npm run bench:fleet   (TypeScript through ts-node: the harness runs from source)
 */
import { parseArgs } from "node:util";
import { startEmulator } from "../emulator";
import type { ThrottlingOptions } from "../emulator";
import { ConsumerGroup, IotHub } from "../provider";
import { emulatorStack } from "./emulator-stack";
import { writeBenchmarkSection } from "./markdown-section";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-0000000000fe";
const RESOURCE_GROUP = "rg-fleet";
/** ARM's documented buckets (the emulator's defaults). */
const ARM_BUCKETS = { reads: { capacity: 250, perSecond: 25 }, writes: { capacity: 200, perSecond: 10 }, deletes: { capacity: 200, perSecond: 10 } };
/** Small enough that 50 hubs × 5 groups (300 writes) must wait for refills. */
const SCALED_BUCKETS = { reads: { capacity: 60, perSecond: 15 }, writes: { capacity: 40, perSecond: 4 }, deletes: { capacity: 40, perSecond: 4 } };

interface Case {
  label: string;
  hubs: number;
  groupsPerHub: number;
  buckets: typeof ARM_BUCKETS;
}

interface Row {
  label: string;
  resources: number;
  wallMs: number;
  minimumMs: number;
  throttled: number;
  failed: number;
  callsPerResource: number;
}

/** The least time the writes bucket allows for the fleet's PUTs, and never less than one hub create. */
function minimumMs(c: Case, provisioningMs: number): number {
  const writes = c.hubs * (1 + c.groupsPerHub);
  const throttleBoundMs = (Math.max(0, writes - c.buckets.writes.capacity) / c.buckets.writes.perSecond) * 1000;
  return Math.max(throttleBoundMs, 2 * provisioningMs);
}

async function runCase(c: Case, provisioningMs: number, run: number): Promise<Row> {
  const emulator = await startEmulator({ provisioningMs, throttling: c.buckets as ThrottlingOptions });
  const stack = emulatorStack(emulator, "bench-fleet", SUBSCRIPTION_ID);
  try {
    emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP, location: "westeurope" });
    emulator.requests.clear();
    const started = performance.now();
    const result = await stack.up(() => {
      for (let h = 0; h < c.hubs; h++) {
        const hub = new IotHub(`hub-${h}`, {
          name: `fleet-${run}-${c.hubs}x${c.groupsPerHub}-${h}`,
          resourceGroupName: RESOURCE_GROUP,
          location: "westeurope",
          sku: { name: "S1" },
          eventHubs: { partitionCount: 2 },
          apiVersion: "2023-06-30",
        });
        for (let g = 0; g < c.groupsPerHub; g++) new ConsumerGroup(`hub-${h}-group-${g}`, { hub, name: `group-${g}` });
      }
    });
    const wallMs = performance.now() - started;
    const requests = emulator.requests.entries();
    const resources = c.hubs * (1 + c.groupsPerHub);
    return {
      label: c.label,
      resources,
      wallMs,
      minimumMs: minimumMs(c, provisioningMs),
      throttled: requests.filter((r) => r.status === 429).length,
      failed: new Set(result.errors.map((e) => e.urn)).size,
      callsPerResource: requests.length / resources,
    };
  } finally {
    await stack.close();
    await emulator.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "1" }, "provisioning-ms": { type: "string", default: "1000" } } });
  const runs = Number(values.runs);
  const provisioningMs = Number(values["provisioning-ms"]);
  const cases: Case[] = [
    { label: "10 hubs × 20 consumer groups, ARM's buckets", hubs: 10, groupsPerHub: 20, buckets: ARM_BUCKETS },
    { label: "50 hubs × 5 consumer groups, buckets scaled down", hubs: 50, groupsPerHub: 5, buckets: SCALED_BUCKETS },
  ];
  const rows: Row[] = [];
  for (let run = 0; run < runs; run++) for (const c of cases) rows.push(await runCase(c, provisioningMs, run));
  const bucketText = (b: typeof ARM_BUCKETS) =>
    `reads ${b.reads.capacity}+${b.reads.perSecond}/s, writes ${b.writes.capacity}+${b.writes.perSecond}/s, deletes ${b.deletes.capacity}+${b.deletes.perSecond}/s`;
  const table = [
    `Node ${process.version}, emulator with ${provisioningMs} ms per hub state, the provider's default polling, ${runs} run(s) each, one \`pulumi up\` through the real dynamic-provider host.`,
    `Buckets: ARM's (${bucketText(ARM_BUCKETS)}); scaled down (${bucketText(SCALED_BUCKETS)}).`,
    "",
    "| fleet | resources | wall time (s) | minimum (s) | wall / minimum | 429s received | failed resources | API calls per resource |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) =>
      `| ${r.label} | ${r.resources} | ${(r.wallMs / 1000).toFixed(1)} | ${(r.minimumMs / 1000).toFixed(1)} | ${(r.wallMs / r.minimumMs).toFixed(2)} | ${r.throttled} | ${r.failed} | ${r.callsPerResource.toFixed(2)} |`),
    "",
    "Minimum: the writes bucket's bound for the fleet's PUTs (beyond the bucket's start, at its refill rate), and never",
    "less than one hub create. The wall time also holds starting the host, each hub's create and the polling around it,",
    "and the provider's own reads (before each group's PUT it checks that the hub is Active and whether the group exists):",
    "at about two reads per group, 10 × 20 needs more reads than ARM's bucket holds, and the provider paces them at the",
    "refill rate instead of running into 429s.",
    "",
    "Rerun: `npm run build && npm run bench:fleet` (options `--runs`, `--provisioning-ms`).",
  ].join("\n");
  console.log(table);
  writeBenchmarkSection("A fleet in one up, under ARM throttling", table);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
