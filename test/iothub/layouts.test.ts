/**
 * Where the serialized provider finds its runtime. The host evaluates the provider text without a
 * filename, so `require("pulumi-iothub/runtime")` resolves from the program's directory
 * (PULUMI-DYNAMIC-NOTES.md, last section). The README promises two layouts: a user's project with the
 * package in node_modules, and this repository's own top-level project.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { IotHub } from "../../provider";
import { ok } from "../harness";
import { RESOURCE_GROUP, startWorld, uniqueName } from "./world";
import type { World } from "./world";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
let world: World;
const dirs: string[] = [];
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function programDir(o: { linkPackage: boolean }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iothub-layout-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "a-users-program", dependencies: { "pulumi-iothub": "file:.." } }));
  // Every Pulumi program has @pulumi/pulumi installed: the engine starts the host from there.
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"), "dir");
  if (o.linkPackage) {
    // What `npm install` makes of a file: dependency: a symlink in node_modules.
    fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "pulumi-iothub"), "dir");
  }
  return dir;
}

const hub = (name: string) => () =>
  void new IotHub("hub", { name, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } });

test("a user's project with the package in node_modules: the runtime loads by package name", async () => {
  const stack = world.newStack({ programDir: programDir({ linkPackage: true }) });
  ok(await stack.up(hub(uniqueName("layout-user"))));
  ok(await stack.refresh());
  await stack.destroy();
  expect(stack.resources()).toEqual([]);
});

test("this repository's own project: the runtime loads from dist/ beside package.json", async () => {
  const stack = world.newStack({ programDir: REPO_ROOT });
  ok(await stack.up(hub(uniqueName("layout-repo"))));
  await stack.destroy();
  expect(stack.resources()).toEqual([]);
});

test("a project without the package fails with an error that says what to install", async () => {
  const stack = world.newStack({ programDir: programDir({ linkPackage: false }) });
  const result = await stack.preview(hub(uniqueName("layout-none")));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/cannot load pulumi-iothub\/runtime from .*add pulumi-iothub to the dependencies of the Pulumi program/);
});
