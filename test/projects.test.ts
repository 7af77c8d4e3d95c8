/**
 * The Pulumi projects this repository ships, run as the engine runs them (test/harness) against the
 * emulator: the example under examples/, from a user's project layout, and the top-level project
 * (hubs from stack config), from this repository.
 */
import * as path from "node:path";
import { ok } from "../tools/harness";
import { REPO_ROOT, RESOURCE_GROUP, SUBSCRIPTION_ID, startWorld, uniqueName, userProgramDir } from "./iothub/world";
import type { World } from "./iothub/world";

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

/** Runs a program file's top level anew on each step, as each `pulumi up` does; its exports are the stack outputs. */
function programFile(file: string): () => unknown {
  return () => {
    let exported: unknown;
    jest.isolateModules(() => {
      exported = require(file);
    });
    return exported;
  };
}

test("examples/hub-with-consumer-groups: up, refresh without changes, destroy", async () => {
  const example = path.join(REPO_ROOT, "examples", "hub-with-consumer-groups");
  const stack = world.newStack({
    programDir: userProgramDir({ linkPackage: true, files: [path.join(example, "Pulumi.yaml")] }),
    project: "hub-with-consumer-groups",
    config: { "hub-with-consumer-groups:resourceGroupName": RESOURCE_GROUP },
  });
  const program = programFile(path.join(example, "index.ts"));
  const result = ok(await stack.up(program));
  expect(result.steps.filter((s) => s.op === "create")).toHaveLength(4);
  const hubName = String(result.outputs.hubName);
  expect(hubName).toMatch(/^telemetry-[a-z0-9]{7}$/);
  expect(result.outputs.hostName).toBe(`${hubName}.azure-devices.net`);
  expect(result.outputs.serviceConnectionString).toMatch(new RegExp(`^HostName=${hubName}\\.azure-devices\\.net;SharedAccessKeyName=service;SharedAccessKey=`));
  expect(world.emulator.outOfBand.listConsumerGroups({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, hubName }).sort())
    .toEqual(["$Default", "alerts", "analytics", "archive"]);

  // The consumer groups changed the hub's etag after its create, so refresh records the new etag;
  // nothing the program manages drifted, so the next up has nothing to do.
  const before = stack.resources().find((r) => r.name === "telemetry")?.outputs;
  const refreshed = ok(await stack.refresh());
  const changed = refreshed.steps.filter((s) => s.op !== "same").map((s) => s.urn.split("::").pop());
  expect(changed).toEqual(["telemetry"]);
  const after = stack.resources().find((r) => r.name === "telemetry")?.outputs ?? {};
  expect(Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before?.[k]))).toEqual(["etag"]);
  expect(ok(await stack.up(program)).steps.every((s) => s.op === "same")).toBe(true);
  await stack.destroy();
  expect(world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: hubName })).toBeUndefined();
});

test("the top-level project: hubs and consumer groups from stack config", async () => {
  const first = uniqueName("cfg-a");
  const second = uniqueName("cfg-b");
  const hubs = JSON.stringify([
    { name: first, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" }, consumerGroups: ["analytics", "archive"] },
    { name: second, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "B1" }, apiVersion: "2023-06-30" },
  ]);
  const stack = world.newStack({ programDir: REPO_ROOT, project: "iothub-stack", config: { "iothub-stack:hubs": hubs } });
  const program = programFile(path.join(REPO_ROOT, "index.ts"));
  const result = ok(await stack.up(program));
  expect(result.outputs.hostNames).toEqual([`${first}.azure-devices.net`, `${second}.azure-devices.net`]);
  expect(world.emulator.outOfBand.listConsumerGroups({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, hubName: first }).sort())
    .toEqual(["$Default", "analytics", "archive"]);
  expect(world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: second })?.sku.tier).toBe("Basic");
  expect(ok(await stack.up(program)).steps.every((s) => s.op === "same")).toBe(true);
  await stack.destroy();
  expect(stack.resources()).toEqual([]);
});
