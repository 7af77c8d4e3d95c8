/**
 * The package as a user gets it: `npm pack`, the tarball installed into a fresh project outside this repository
 * (offline, tools/package/foreign-project.ts), a TypeScript program type-checked against the installed types, and
 * that program deployed and destroyed by the real Pulumi CLI against the emulator the tarball ships. The deploy
 * proves that the serialized dynamic provider loads its runtime by package name from the user's node_modules
 * (docs/PULUMI-DYNAMIC.md, "Serialization"; provider/shell.ts): nothing of this repository is reachable from there.
 */
import { execFileSync, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installForeignProject } from "../../tools/package/foreign-project";
import { packPackage } from "../../tools/package/pack";
import type { PackedPackage } from "../../tools/package/pack";
import { ConsumerGroup, IotHub } from "../../provider";
import { ok } from "../../tools/harness";
import { CliStack, GROUP_TYPE, HUB_TYPE, REPO_ROOT, describeWithCli, emulatorSettings } from "../e2e/cli";
import { RESOURCE_GROUP as WORLD_RESOURCE_GROUP, SUBSCRIPTION_ID as WORLD_SUBSCRIPTION_ID, startWorld } from "../iothub/world";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-0000000000fe";
const RESOURCE_GROUP = "rg-foreign";
const INSTALL_TIMEOUT_IN_MS = 300_000;

/** The user's program: every import by package name, one deliberate type error that the installed types must catch. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ConsumerGroup, IotHub } from "pulumi-iothub";
import type { IotHubArgs } from "pulumi-iothub";

const config = new pulumi.Config();
const sku: IotHubArgs["sku"] = { name: "S1", capacity: 1 };
const hub = new IotHub("foreign", {
  resourceGroupName: config.require("resourceGroupName"),
  location: "westeurope",
  sku,
  tags: { from: "tarball" },
});
new ConsumerGroup("reader", { hub, name: "reader" });

// @ts-expect-error the installed types know IotHubArgs: a SKU capacity is a number (unused if the types were any)
export const wrong: IotHubArgs["sku"] = { name: "S1", capacity: "two" };
export const hubName = hub.name;
export const hostName = hub.hostName;
`;

const FILES = {
  "Pulumi.yaml": "name: foreign-project\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n",
  "index.ts": PROGRAM,
  "tsconfig.json": `${JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "nodenext", moduleResolution: "nodenext", types: ["node"] }, files: ["index.ts"] }, null, 2)}\n`,
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-iothub-package-"));
const projectDir = path.join(work, "project");
let packed: PackedPackage | undefined;
let installed = false;

function packedOnce(): PackedPackage {
  return (packed ??= packPackage(path.join(work, "pack")));
}

function installedOnce(): string {
  if (!installed) {
    fs.mkdirSync(projectDir);
    installForeignProject({
      dir: projectDir,
      packed: packedOnce(),
      repoRoot: REPO_ROOT,
      dependencies: ["@pulumi/pulumi"],
      devDependencies: ["typescript", "@types/node"],
      files: FILES,
    });
    installed = true;
  }
  return projectDir;
}

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("the packed tarball", () => {
  test("carries the built provider, CLI and emulator, their types, the README, the license and the changelog, and nothing else", () => {
    const { files, packedBytes, unpackedBytes } = packedOnce();
    expect(files).toEqual(expect.arrayContaining([
      "package.json",
      "README.md",
      "dist/provider/index.js",
      "dist/provider/index.d.ts",
      "dist/provider/runtime.js",
      "dist/provider/arm/index.js",
      "dist/emulator/index.js",
      "dist/emulator/index.d.ts",
      "dist/emulator/main.js",
      "dist/provider/cli/main.js",
      "LICENSE",
      "CHANGELOG.md",
    ]));
    const outsideDist = files.filter((f) => !f.startsWith("dist/provider/") && !f.startsWith("dist/emulator/"));
    expect(outsideDist.sort()).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "package.json"]);
    const unwanted = files.filter((f) =>
      /(^|\/)(test|tests|__tests__|fixtures)\//.test(f) ||
      /\.(test|spec)\.[cm]?[jt]s/.test(f) ||
      /\.map$/.test(f) ||
      /(^|\/)\.pulumi\//.test(f) ||
      /(^|\/)Pulumi\.[^/]*\.yaml$/.test(f) ||
      /\.(pem|key|crt|pfx|p12)$/.test(f) ||
      /(^|\/)\.emulator-data\//.test(f) ||
      /\.ts$/.test(f) && !/\.d\.ts$/.test(f),
    );
    expect(unwanted).toEqual([]);
    // Every export of package.json points at a file the tarball carries.
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { exports: Record<string, string | Record<string, string>> };
    const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
    for (const target of targets) expect(files).toContain(target.replace(/^\.\//, ""));
    expect(packedBytes).toBeGreaterThan(0);
    expect(unpackedBytes).toBeGreaterThan(packedBytes);
  });

  test("its manifest is publishable: not private, with license, engines, keywords and a peer dependency on @pulumi/pulumi", () => {
    const manifest = JSON.parse(execFileSync("tar", ["-xOzf", packedOnce().tarball, "package/package.json"], { encoding: "utf8" })) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe("Apache-2.0");
    expect(manifest.engines).toEqual({ node: expect.any(String) });
    expect(manifest.keywords).toEqual(expect.arrayContaining(["pulumi", "azure", "iot-hub"]));
    expect(manifest.peerDependencies).toEqual({ "@pulumi/pulumi": expect.any(String) });
  });
});

describe("installed into a project outside the repository", () => {
  test(
    "installs offline, the program type-checks against the installed types (tsc --noEmit), and the iothub command is linked",
    () => {
      const dir = installedOnce();
      const installedPackage = path.join(dir, "node_modules", "pulumi-iothub");
      // A real copy from the tarball, not a link back into this repository.
      expect(fs.lstatSync(installedPackage).isSymbolicLink()).toBe(false);
      expect(fs.existsSync(path.join(installedPackage, "dist", "provider", "runtime.js"))).toBe(true);
      expect(fs.existsSync(path.join(installedPackage, "test"))).toBe(false);
      const tsc = path.join(dir, "node_modules", "typescript", "bin", "tsc");
      // Throws with tsc's diagnostics on any error, the unused @ts-expect-error included.
      execFileSync(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      // `npx iothub` works in the project: npm linked the package's bin (exit 0, else execFileSync throws).
      const help = execFileSync(path.join(dir, "node_modules", ".bin", "iothub"), ["--help"], { cwd: dir, encoding: "utf8" });
      expect(help).toMatch(/^Usage: iothub <command>/);
      expect(help).toMatch(/^ {2}import {2,}print a TypeScript snippet/m);
    },
    INSTALL_TIMEOUT_IN_MS,
  );
});

describe("the installed package through the dynamic-provider host (the harness; runs with or without a CLI)", () => {
  test(
    "up and destroy: the host, started in the project, loads the runtime from the installed tarball",
    async () => {
      const dir = installedOnce();
      const world = await startWorld();
      try {
        // The host runs from the project's own node_modules/@pulumi/pulumi, in the project's folder, which is outside
        // this repository: the serialized shells can only find `pulumi-iothub/runtime` in the installed copy.
        const stack = world.newStack({ programDir: dir, project: "foreign-project" });
        const program = () => {
          const hub = new IotHub("foreign", { resourceGroupName: WORLD_RESOURCE_GROUP, location: "westeurope", sku: { name: "S1", capacity: 1 } });
          new ConsumerGroup("reader", { hub, name: "reader" });
          return { hubName: hub.name };
        };
        const result = ok(await stack.up(program));
        expect(result.steps.filter((s) => s.op === "create")).toHaveLength(2);
        const hubName = String(result.outputs.hubName);
        expect(world.emulator.outOfBand.listConsumerGroups({ subscriptionId: WORLD_SUBSCRIPTION_ID, resourceGroup: WORLD_RESOURCE_GROUP, hubName }).sort())
          .toEqual(["$Default", "reader"]);
        await stack.destroy();
        expect(world.emulator.outOfBand.listHubs({ subscriptionId: WORLD_SUBSCRIPTION_ID, resourceGroup: WORLD_RESOURCE_GROUP })).toEqual([]);
      } finally {
        await world.close();
      }
    },
    INSTALL_TIMEOUT_IN_MS,
  );
});

/** The emulator the tarball ships, started as a user would: `npx iothub emulator`, through the bin link npm made. */
async function startShippedEmulator(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = path.join(dir, "node_modules", ".bin", "iothub");
  const child = spawn(bin, ["emulator", "--port", "0", "--provisioning-ms", "150"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`the shipped emulator exited with ${code}: ${out}`)));
    child.on("error", reject);
  });
  return { url, child };
}

async function control<T>(url: string, operation: string, body: unknown): Promise<T | undefined> {
  const res = await fetch(`${url}/_emulator/outOfBand/${operation}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  if (!res.ok) throw new Error(`${operation}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : ((await res.json()) as { result: T }).result;
}

describeWithCli("the installed package deployed by the real Pulumi CLI", (cli) => {
  test(
    "pulumi up creates the hub and its consumer group in the shipped emulator, pulumi destroy removes them",
    async () => {
      const dir = installedOnce();
      const { url, child } = await startShippedEmulator(dir);
      const stack = new CliStack(cli, dir, `foreign-${Math.random().toString(36).slice(2, 8)}`);
      try {
        await control(url, "createResourceGroup", { subscriptionId: SUBSCRIPTION_ID, name: RESOURCE_GROUP });
        await stack.init({
          ...emulatorSettings(url, SUBSCRIPTION_ID),
          "iothub:pollingScheduleMs": { value: "50,50,100" },
          "foreign-project:resourceGroupName": { value: RESOURCE_GROUP },
        });
        await stack.up();
        const outputs = await stack.outputs();
        const hubName = String(outputs.hubName);
        expect(outputs.hostName).toBe(`${hubName}.azure-devices.net`);
        expect(await control(url, "listHubs", { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP })).toEqual([hubName]);
        expect(((await control<string[]>(url, "listConsumerGroups", { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, hubName })) ?? []).sort())
          .toEqual(["$Default", "reader"]);
        // What the state carries is the shell, which loads the runtime by package name at call time.
        const [hub] = await stack.resources(HUB_TYPE);
        expect(String(hub.inputs?.__provider)).toContain("pulumi-iothub");
        expect(await stack.resources(GROUP_TYPE)).toHaveLength(1);

        await stack.destroy();
        expect(await control(url, "listHubs", { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP })).toEqual([]);
      } finally {
        await stack.destroy().catch(() => undefined);
        await stack.remove();
        child.kill();
      }
    },
    INSTALL_TIMEOUT_IN_MS * 2,
  );
});
