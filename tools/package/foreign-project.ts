/**
 * A Node.js project outside this repository that installs the packed tarball as a user's project would, offline.
 *
 * `npm install <tarball>` would have to ask the registry which versions satisfy each range; this machine's npm cache
 * holds the tarballs `npm ci` fetched, not the registry's version lists. So the project gets a package-lock.json
 * that pins exactly what the repository's own lock pins for the package's dependencies (and their dependencies,
 * found the way Node resolves them), and `npm ci --offline` installs from the cache by integrity: the same versions
 * the repository is tested with, and no network.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PackedPackage } from "./pack";

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  peer?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

export interface ForeignProjectOptions {
  /** An empty folder outside the repository. */
  dir: string;
  packed: PackedPackage;
  /** The repository whose package-lock.json pins the versions. */
  repoRoot: string;
  /** Further dependencies of the user's project, at the version the repository's lock holds (e.g. "@pulumi/pulumi"). */
  dependencies: string[];
  devDependencies: string[];
  /** Files to write into the project (name → content). */
  files: Record<string, string>;
}

/** Writes the project, its package.json and lock, and runs `npm ci --offline`. Returns the npm output. */
export function installForeignProject(o: ForeignProjectOptions): string {
  const repoLock = JSON.parse(fs.readFileSync(path.join(o.repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const tarballName = path.basename(o.packed.tarball);
  fs.copyFileSync(o.packed.tarball, path.join(o.dir, tarballName));
  const manifest = JSON.parse(fs.readFileSync(path.join(o.repoRoot, "package.json"), "utf8")) as LockEntry & { name: string };

  const pinned = (name: string) => {
    const entry = repoLock.packages[`node_modules/${name}`];
    if (!entry?.version) throw new Error(`${name} is not in ${o.repoRoot}/package-lock.json at the top level`);
    return entry.version;
  };
  const dependencies: Record<string, string> = { [o.packed.name]: `file:${tarballName}` };
  for (const name of o.dependencies) dependencies[name] = pinned(name);
  const devDependencies: Record<string, string> = {};
  for (const name of o.devDependencies) devDependencies[name] = pinned(name);

  const packageEntry: LockEntry = {
    version: o.packed.version,
    resolved: `file:${tarballName}`,
    integrity: o.packed.integrity,
    license: manifest.license,
    dependencies: manifest.dependencies,
    peerDependencies: manifest.peerDependencies,
    engines: manifest.engines,
    // npm ci links a package's commands from the lock's `bin`, not from the installed package.json.
    ...(manifest.bin === undefined ? {} : { bin: manifest.bin }),
  };
  const packages: Record<string, LockEntry> = {
    "": { name: "foreign-project", dependencies, devDependencies },
    [`node_modules/${o.packed.name}`]: packageEntry,
  };
  const visit = (location: string, entry: LockEntry) => {
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const peer of Object.keys(entry.peerDependencies ?? {})) {
      // Optional peers (e.g. @pulumi/pulumi's typescript) only when the project itself asks for them.
      if (!entry.peerDependenciesMeta?.[peer]?.optional || peer in dependencies || peer in devDependencies) wanted[peer] = "*";
    }
    for (const name of Object.keys(wanted)) {
      const found = resolveInLock(repoLock.packages, location, name);
      if (!found) {
        if (name in (entry.optionalDependencies ?? {})) continue;
        throw new Error(`${name} (needed by ${location || "the project"}) is not in ${o.repoRoot}/package-lock.json`);
      }
      if (packages[found]) continue;
      const { dev: _dev, devOptional: _devOptional, peer: _peer, ...copy } = repoLock.packages[found];
      packages[found] = copy;
      visit(found, copy);
    }
  };
  visit("", { dependencies: Object.fromEntries([...o.dependencies, ...o.devDependencies].map((name) => [name, "*"])) });
  visit(`node_modules/${o.packed.name}`, packageEntry);

  fs.writeFileSync(path.join(o.dir, "package.json"), `${JSON.stringify({ name: "foreign-project", private: true, dependencies, devDependencies }, null, 2)}\n`);
  fs.writeFileSync(
    path.join(o.dir, "package-lock.json"),
    `${JSON.stringify({ name: "foreign-project", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  for (const [name, content] of Object.entries(o.files)) fs.writeFileSync(path.join(o.dir, name), content);
  return execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund"], { cwd: o.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Where Node would find `name` from a package installed at `location` ("" = the project), in the lock's layout:
 * `<location>/node_modules/<name>`, then the same from each enclosing package, up to the project's node_modules.
 */
export function resolveInLock(packages: Record<string, unknown>, location: string, name: string): string | undefined {
  for (let base = location; ; ) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const at = base.lastIndexOf("node_modules/");
    base = at <= 0 ? "" : base.slice(0, at - 1);
  }
}
