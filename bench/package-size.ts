/**
 * Size of the package as `npm pack` produces it (tools/package/pack.ts): packed, unpacked, file count, and the share
 * of each part. Writes its section of BENCHMARKS.md.
 *
 * Run: npm run build && npm run bench:package
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot, packPackage } from "../tools/package/pack";
import { writeBenchmarkSection } from "./markdown-section";

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-package-"));
  try {
    const packed = packPackage(dir);
    const root = packageRoot();
    const parts = new Map<string, { files: number; bytes: number }>();
    for (const file of packed.files) {
      const part = file.startsWith("dist/") ? file.split("/").slice(0, 2).join("/") : file;
      const sum = parts.get(part) ?? { files: 0, bytes: 0 };
      sum.files++;
      sum.bytes += fs.statSync(path.join(root, file)).size;
      parts.set(part, sum);
    }
    const table = [
      `\`npm pack\` of ${packed.name}@${packed.version} (npm ${process.env.npm_config_user_agent?.split(" ")[0]?.replace("npm/", "") ?? "?"}, Node ${process.version}); \`files\` in package.json decides what is in it.`,
      "",
      "| tarball | files | packed | unpacked |",
      "|---|---:|---:|---:|",
      `| ${path.basename(packed.tarball)} | ${packed.files.length} | ${kib(packed.packedBytes)} | ${kib(packed.unpackedBytes)} |`,
      "",
      "| part | files | unpacked |",
      "|---|---:|---:|",
      ...[...parts].sort((a, b) => b[1].bytes - a[1].bytes).map(([part, s]) => `| ${part} | ${s.files} | ${kib(s.bytes)} |`),
      "",
      "No tests, source maps, Pulumi state or certificates (test/package/tarball.test.ts checks the list). Dependencies",
      "installed with it are not counted.",
      "",
      "Rerun: `npm run build && npm run bench:package`.",
    ].join("\n");
    console.log(table);
    writeBenchmarkSection("Package size", table);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
