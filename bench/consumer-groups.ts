/**
 * Wall time of the consumer-group case that fails elsewhere: one new hub and 20 D2C consumer groups in
 * the same `pulumi up`, through the real dynamic-provider host (test/harness) against the emulator,
 * side by side with
 *  - the emulator's serialized minimum: the hub create polled every 10 ms, then the 20 consumer-group
 *    PUTs one after another, straight over HTTP with no waits (the emulator refuses overlapping writes
 *    while the hub transitions, so nothing can be faster), and
 *  - the naive way: the 20 PUTs fired at once as soon as the create is accepted, as tools without a
 *    per-hub lock do (docs/IOTHUB-ARM.md, "409 while not Active"): how many fail with 409.
 *
 * Run: npm run build && npm run bench:groups   (TypeScript through ts-node: the harness lives in test/)
 */
import { parseArgs } from "node:util";
import { DEV_TOKEN, startEmulator } from "../emulator";
import type { RunningEmulator } from "../emulator";
import { ConsumerGroup, IotHub } from "../provider";
import { emulatorStack } from "./emulator-stack";
import { writeBenchmarkSection } from "./markdown-section";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-0000000000be";
const RESOURCE_GROUP = "rg-bench";
const API_VERSION = "2023-06-30";
const GROUPS = Array.from({ length: 20 }, (_, i) => `group-${i + 1}`);

async function arm(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${emulator.url}${path}?api-version=${API_VERSION}`, {
    method,
    headers: { authorization: `Bearer ${DEV_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const hubPath = (name: string) => `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Devices/IotHubs/${name}`;
const hubBody = { location: "westeurope", sku: { name: "S1", capacity: 1 }, properties: { eventHubEndpoints: { events: { partitionCount: 2, retentionTimeInDays: 1 } } } };
const groupPut = (emulator: RunningEmulator, hub: string, group: string) =>
  arm(emulator, "PUT", `${hubPath(hub)}/eventHubEndpoints/events/ConsumerGroups/${group}`, { properties: { name: group } });

async function serializedMinimumMs(emulator: RunningEmulator, hub: string): Promise<number> {
  const started = performance.now();
  await arm(emulator, "PUT", hubPath(hub), hubBody);
  for (;;) {
    const got = await arm(emulator, "GET", hubPath(hub));
    if ((got.body as { properties?: { state?: string } }).properties?.state === "Active") break;
    await new Promise((r) => setTimeout(r, 10));
  }
  for (const group of GROUPS) {
    const res = await groupPut(emulator, hub, group);
    if (res.status !== 200) throw new Error(`baseline PUT ${group} answered ${res.status}`);
  }
  return performance.now() - started;
}

async function naiveFailures(emulator: RunningEmulator, hub: string): Promise<number> {
  await arm(emulator, "PUT", hubPath(hub), hubBody);
  const results = await Promise.all(GROUPS.map((g) => groupPut(emulator, hub, g)));
  return results.filter((r) => r.status === 409).length;
}

async function providerMs(emulator: RunningEmulator, hub: string): Promise<{ ms: number; failures: number }> {
  const stack = emulatorStack(emulator, "bench-groups", SUBSCRIPTION_ID);
  try {
    const started = performance.now();
    const result = await stack.up(() => {
      const resource = new IotHub("hub", { name: hub, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" }, eventHubs: { partitionCount: 2 }, apiVersion: API_VERSION });
      for (const group of GROUPS) new ConsumerGroup(group, { hub: resource, name: group });
    });
    const ms = performance.now() - started;
    await stack.destroy();
    return { ms, failures: result.errors.length };
  } finally {
    await stack.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, "provisioning-ms": { type: "string", default: "1000" } } });
  const runs = Number(values.runs);
  const provisioningMs = Number(values["provisioning-ms"]);
  const emulator = await startEmulator({ provisioningMs });
  await arm(emulator, "PUT", `/subscriptions/${SUBSCRIPTION_ID}/resourcegroups/${RESOURCE_GROUP}`, { location: "westeurope" });
  const rows: { minimum: number; provider: number; failures: number; naive409: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const minimum = await serializedMinimumMs(emulator, `bench-min-${i}`);
      const provider = await providerMs(emulator, `bench-pulumi-${i}`);
      const naive409 = await naiveFailures(emulator, `bench-naive-${i}`);
      rows.push({ minimum, provider: provider.ms, failures: provider.failures, naive409 });
    }
  } finally {
    await emulator.close();
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const table = [
    `Node ${process.version}, emulator with ${provisioningMs} ms per hub state (a create is Accepted + Activating = ${2 * provisioningMs} ms), api-version ${API_VERSION}, ${runs} run(s).`,
    "",
    "| way | wall time, mean (ms) | failed writes |",
    "|---|---:|---:|",
    `| emulator's serialized minimum (create polled every 10 ms, then 20 PUTs in a row, raw HTTP) | ${mean(rows.map((r) => r.minimum)).toFixed(0)} | 0 |`,
    `| this provider: \`pulumi up\` of 1 hub + 20 ConsumerGroup through the real host | ${mean(rows.map((r) => r.provider)).toFixed(0)} | ${rows.reduce((a, r) => a + r.failures, 0)} |`,
    `| naive: 20 PUTs at once right after the create is accepted | — | ${mean(rows.map((r) => r.naive409)).toFixed(1)} of 20 answered 409 IH409002 |`,
    "",
    "The provider's time includes starting the dynamic-provider host, gRPC, the serialized provider loading its runtime,",
    "and its polling schedule (first status poll after 1 s), which is what the gap to the minimum is made of.",
    "",
    "Rerun: `npm run build && npm run bench:groups` (options `--runs`, `--provisioning-ms`).",
  ].join("\n");
  console.log(table);
  writeBenchmarkSection("Consumer groups: 1 hub + 20 groups in one up", table);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
