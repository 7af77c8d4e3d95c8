/**
 * `npm pack` of this repository, as a registry would receive it: the tarball, its size packed and unpacked, and the
 * files it carries. Packs the dist/ already built (`--ignore-scripts`: the `prepare` build is not repeated), so run
 * `npm run build` first. Used by the package test (test/package/) and `npm run bench:package`.
 */
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface PackedPackage {
  /** Absolute path of the .tgz. */
  tarball: string;
  name: string;
  version: string;
  /** Bytes of the .tgz. */
  packedBytes: number;
  /** Bytes of all files once unpacked. */
  unpackedBytes: number;
  /** Paths inside the package, e.g. "dist/provider/index.js". */
  files: string[];
  /** `sha512-<base64>`, as a package-lock.json records it. */
  integrity: string;
}

interface NpmPackJson {
  name: string;
  version: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

/** The folder holding this repository's package.json (this file runs from tools/package/ or dist/tools/package/). */
export function packageRoot(start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-iothub") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pulumi-iothub package.json above ${start}`);
  }
}

/** Packs the package into `destinationDir` (created if missing). */
export function packPackage(destinationDir: string, root = packageRoot()): PackedPackage {
  if (!fs.existsSync(path.join(root, "dist", "provider", "index.js"))) throw new Error(`${root}/dist is not built: run \`npm run build\``);
  fs.mkdirSync(destinationDir, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destinationDir], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [info] = JSON.parse(out) as NpmPackJson[];
  const tarball = path.join(destinationDir, info.filename);
  return {
    tarball,
    name: info.name,
    version: info.version,
    packedBytes: info.size,
    unpackedBytes: info.unpackedSize,
    files: info.files.map((f) => f.path).sort(),
    integrity: `sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`,
  };
}
