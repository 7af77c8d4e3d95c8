/**
 * Size of the `__provider` text the SDK stores in every resource's state, measured with the SDK's
 * own serializer exactly as `pulumi.dynamic.Resource` calls it (docs/PULUMI-DYNAMIC.md, "Serialization":
 * `serializeFunction(() => provider, { allowSecrets: true })`), side by side with the naive design
 * whose methods call the logic directly. Target for the shells: at most 16 KB.
 *
 * Run: npm run build && node dist/bench/provider-size.js
 */
import * as pulumi from "@pulumi/pulumi";
import * as runtime from "../provider/runtime";
import { providerShell } from "../provider/shell";
import { writeBenchmarkSection } from "./markdown-section";

const TARGET_BYTES = 16 * 1024;

async function serializedBytes(provider: pulumi.dynamic.ResourceProvider): Promise<number | string> {
  try {
    const closure = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    return Buffer.byteLength(closure.text, "utf8");
  } catch (e) {
    return `fails: ${(e as Error).message.split("\n")[0].slice(0, 80)}`;
  }
}

/** What a provider that captures its logic directly would store (the design we avoid). */
function naive(kind: "iotHub" | "consumerGroup"): pulumi.dynamic.ResourceProvider {
  return {
    check: (olds, news) => runtime[kind].check(olds, news),
    diff: (id, olds, news) => runtime[kind].diff(id, olds, news),
    create: (inputs) => runtime[kind].create(inputs),
    read: (id, props) => runtime[kind].read(id, props),
    update: (id, olds, news) => runtime[kind].update(id, olds, news),
    delete: (id, props) => runtime[kind].delete(id, props),
  };
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const kind of ["iotHub", "consumerGroup"] as const) {
    const shell = await serializedBytes(providerShell(kind));
    const direct = await serializedBytes(naive(kind));
    const verdict = typeof shell === "number" && shell <= TARGET_BYTES ? "within target" : "OVER TARGET";
    rows.push(`| ${kind} | ${shell} | ${direct} | ${verdict} |`);
  }
  const table = [
    `Node ${process.version}, @pulumi/pulumi ${require("@pulumi/pulumi/package.json").version}, built JavaScript (dist/).`,
    "",
    "| resource | shell `__provider` (bytes) | logic captured directly (bytes) | target ≤ 16 KB |",
    "|---|---:|---:|---|",
    ...rows,
    "",
    "The shell loads `pulumi-iothub/runtime` at call time, so this is all that each resource's state carries.",
    "",
    "Rerun: `npm run build && node dist/bench/provider-size.js`.",
  ].join("\n");
  console.log(table);
  writeBenchmarkSection("Provider text stored in state", table);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
