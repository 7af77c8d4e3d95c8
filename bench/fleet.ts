/**
 * A fleet of hubs in one `pulumi up`, against ARM's per-subscription throttling as the emulator models it
 * (docs/RELIABILITY.md, "Throttling"), each fleet twice: through the real dynamic-provider host driven by the test
 * harness (tools/harness), and through the real `pulumi` CLI with a local file backend (test/e2e/cli.ts, the
 * program test/e2e/fixtures/fleet):
 *  - 10 hubs × 20 consumer groups with ARM's bucket sizes, and
 *  - 50 hubs × 5 consumer groups with the buckets scaled down so that throttling binds.
 * Each is set against its minimum: the least time the buckets allow for the writes the fleet needs (every hub PUT
 * and group PUT, beyond what the bucket holds at the start, at the refill rate), and never less than one hub's
 * create (two emulator states). Figures: wall time / minimum, 429s the provider received, failed resources, and API
 * calls per resource (from the emulator's request journal).
 *
 * Run: npm run build && npm run bench:fleet   (TypeScript through ts-node: the harness runs from source)
 *      options: --runs N, --provisioning-ms N, --via harness|cli|both (default both)
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../emulator";
import type { RunningEmulator, ThrottlingOptions } from "../emulator";
import { ConsumerGroup, IotHub } from "../provider";
import { CliStack, GROUP_TYPE, HUB_TYPE, REPO_ROOT, emulatorSettings, projectCopy, removeProjectCopies } from "../test/e2e/cli";
import { locatePulumi, type PulumiCli } from "../tools/pulumi-cli/locate";
import { emulatorStack } from "./emulator-stack";
import { writeBenchmarkSection } from "./markdown-section";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-0000000000fe";
const RESOURCE_GROUP = "rg-fleet";
const FLEET_PROGRAM = path.join(REPO_ROOT, "test", "e2e", "fixtures", "fleet");
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

type Way = "harness" | "real CLI";

/** One `pulumi up` of the fleet: its wall time and how many of its resources did not end up in the stack. */
type Deploy = (c: Case, emulator: RunningEmulator, namePrefix: string) => Promise<{ wallMs: number; failed: number }>;

interface Row {
  label: string;
  way: Way;
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

/** Through the harness: the program runs in this process, the provider in the real dynamic-provider host. */
const upThroughHarness: Deploy = async (c, emulator, namePrefix) => {
  const stack = emulatorStack(emulator, "bench-fleet", SUBSCRIPTION_ID);
  try {
    emulator.requests.clear();
    const started = performance.now();
    const result = await stack.up(() => {
      for (let h = 0; h < c.hubs; h++) {
        const hub = new IotHub(`hub-${h}`, {
          name: `${namePrefix}-${h}`,
          resourceGroupName: RESOURCE_GROUP,
          location: "westeurope",
          sku: { name: "S1" },
          eventHubs: { partitionCount: 2 },
          apiVersion: "2023-06-30",
        });
        for (let g = 0; g < c.groupsPerHub; g++) new ConsumerGroup(`hub-${h}-group-${g}`, { hub, name: `group-${g}` });
      }
    });
    return { wallMs: performance.now() - started, failed: new Set(result.errors.map((e) => e.urn)).size };
  } finally {
    await stack.close();
  }
};

/**
 * Through the real CLI: `pulumi up --skip-preview` of test/e2e/fixtures/fleet (the same resources), so the wall time
 * also holds starting the CLI and compiling the TypeScript program. A failed resource is one missing from the stack's
 * state afterwards.
 */
function upThroughCli(cli: PulumiCli): Deploy {
  return async (c, emulator, namePrefix) => {
    const stack = new CliStack(cli, projectCopy(FLEET_PROGRAM), "fleet");
    try {
      await stack.init({
        ...emulatorSettings(emulator.url, SUBSCRIPTION_ID),
        "bench-fleet:resourceGroupName": { value: RESOURCE_GROUP },
        "bench-fleet:namePrefix": { value: namePrefix },
        "bench-fleet:hubs": { value: String(c.hubs) },
        "bench-fleet:groupsPerHub": { value: String(c.groupsPerHub) },
      });
      emulator.requests.clear();
      const started = performance.now();
      const result = await stack.start(...stack.upArgs("--skip-preview")).done;
      const wallMs = performance.now() - started;
      if (result.exitCode !== 0) console.error(`pulumi up exited with ${result.exitCode}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
      const deployed = (await stack.resources(HUB_TYPE)).length + (await stack.resources(GROUP_TYPE)).length;
      return { wallMs, failed: c.hubs * (1 + c.groupsPerHub) - deployed };
    } finally {
      await stack.remove();
      removeProjectCopies();
    }
  };
}

async function runCase(c: Case, way: Way, deploy: Deploy, provisioningMs: number, run: number): Promise<Row> {
  const emulator = await startEmulator({ provisioningMs, throttling: c.buckets as ThrottlingOptions });
  try {
    emulator.outOfBand.createResourceGroup({ subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP, location: "westeurope" });
    const { wallMs, failed } = await deploy(c, emulator, `fleet-${run}-${c.hubs}x${c.groupsPerHub}`);
    const requests = emulator.requests.entries();
    const resources = c.hubs * (1 + c.groupsPerHub);
    const row = {
      label: c.label,
      way,
      resources,
      wallMs,
      minimumMs: minimumMs(c, provisioningMs),
      throttled: requests.filter((r) => r.status === 429).length,
      failed,
      callsPerResource: requests.length / resources,
    };
    console.log(`${c.label}, ${way}: ${(wallMs / 1000).toFixed(1)} s, ${row.throttled} 429s, ${failed} failed`);
    return row;
  } finally {
    await emulator.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "1" }, "provisioning-ms": { type: "string", default: "1000" }, via: { type: "string", default: "both" } },
  });
  const runs = Number(values.runs);
  const provisioningMs = Number(values["provisioning-ms"]);
  if (!["harness", "cli", "both"].includes(values.via!)) throw new Error(`--via must be harness, cli or both; got ${values.via}`);
  const cli = values.via === "harness" ? undefined : locatePulumi();
  if (values.via !== "harness" && !cli) throw new Error("no Pulumi CLI for the real-CLI rows: run `npm run pulumi:install`, or pass --via harness");
  const ways: [Way, Deploy][] = [
    ...(values.via !== "cli" ? [["harness", upThroughHarness] as [Way, Deploy]] : []),
    ...(cli ? [["real CLI", upThroughCli(cli)] as [Way, Deploy]] : []),
  ];
  const cases: Case[] = [
    { label: "10 hubs × 20 consumer groups, ARM's buckets", hubs: 10, groupsPerHub: 20, buckets: ARM_BUCKETS },
    { label: "50 hubs × 5 consumer groups, buckets scaled down", hubs: 50, groupsPerHub: 5, buckets: SCALED_BUCKETS },
  ];
  const rows: Row[] = [];
  for (let run = 0; run < runs; run++) for (const c of cases) for (const [way, deploy] of ways) rows.push(await runCase(c, way, deploy, provisioningMs, run));
  const bucketText = (b: typeof ARM_BUCKETS) =>
    `reads ${b.reads.capacity}+${b.reads.perSecond}/s, writes ${b.writes.capacity}+${b.writes.perSecond}/s, deletes ${b.deletes.capacity}+${b.deletes.perSecond}/s`;
  const table = [
    `Node ${process.version}, emulator with ${provisioningMs} ms per hub state, the provider's default polling, ${runs} run(s) each, one \`pulumi up\` per row, ` +
      "measured on a shared 2-core machine while other work ran (wall times are noisy; 429s, failures and calls are not).",
    "- harness: the program runs in the benchmark's process (tools/harness), the provider in the real dynamic-provider host;",
    `- real CLI: \`pulumi up --skip-preview\` of the same resources (test/e2e/fixtures/fleet) with a local file backend${cli ? `, pulumi ${cli.version}` : ""}; its wall time also holds starting the CLI and compiling the TypeScript program.`,
    "",
    `Buckets: ARM's (${bucketText(ARM_BUCKETS)}); scaled down (${bucketText(SCALED_BUCKETS)}).`,
    "",
    "| fleet | way | resources | wall time (s) | minimum (s) | wall / minimum | 429s received | failed resources | API calls per resource |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) =>
      `| ${r.label} | ${r.way} | ${r.resources} | ${(r.wallMs / 1000).toFixed(1)} | ${(r.minimumMs / 1000).toFixed(1)} | ${(r.wallMs / r.minimumMs).toFixed(2)} | ${r.throttled} | ${r.failed} | ${r.callsPerResource.toFixed(2)} |`),
    "",
    "Minimum: the writes bucket's bound for the fleet's PUTs (beyond the bucket's start, at its refill rate), and never",
    "less than one hub create. The wall time also holds starting the host, each hub's create and the polling around it,",
    "and the provider's own reads (before each group's PUT it checks that the hub is Active and whether the group exists):",
    "at about two reads per group, 10 × 20 needs more reads than ARM's bucket holds, and the provider paces them at the",
    "refill rate instead of running into 429s.",
    "",
    "Through the real CLI the same fleet takes longer (the CLI and its engine start, the program is compiled, and the",
    "engine writes the stack's checkpoint to the file backend as resources complete) and, on the scaled-down buckets,",
    "meets fewer 429s, presumably because its requests arrive less bunched; it fails no resource either.",
    "",
    "Rerun: `npm run build && npm run bench:fleet` (options `--runs`, `--provisioning-ms`, `--via harness|cli|both`).",
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
