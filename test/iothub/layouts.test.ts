/**
 * Where the serialized provider finds its runtime. The host evaluates the provider text without a
 * filename, so `require("pulumi-iothub/runtime")` resolves from the program's directory
 * (docs/PULUMI-DYNAMIC.md, "Serialization"). The README promises two layouts: a user's project with the
 * package in node_modules, and this repository's own top-level project.
 */
import { IotHub } from "../../provider";
import { ok } from "../../tools/harness";
import { REPO_ROOT, RESOURCE_GROUP, startWorld, uniqueName, userProgramDir } from "./world";
import type { World } from "./world";

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const hub = (name: string) => () =>
  void new IotHub("hub", { name, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } });

test("a user's project with the package in node_modules: the runtime loads by package name", async () => {
  const stack = world.newStack({ programDir: userProgramDir({ linkPackage: true }) });
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
  const stack = world.newStack({ programDir: userProgramDir({ linkPackage: false }) });
  const result = await stack.preview(hub(uniqueName("layout-none")));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/cannot load pulumi-iothub\/runtime from .*add pulumi-iothub to the dependencies of the Pulumi program/);
});
