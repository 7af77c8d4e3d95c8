/**
 * Preview with inputs not yet known: check and diff receive the engine's unknown sentinel and must
 * neither fail nor compare it as a string.
 */
import { IotHub } from "../../provider";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, startWorld, uniqueName } from "./world";
import type { World } from "./world";

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

test("a hub whose inputs come from another hub's outputs previews as a create, and nothing is created", async () => {
  const first = uniqueName("prev-a");
  const result = ok(await world.stack.preview(() => {
    const a = new IotHub("a", { name: first, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } });
    new IotHub("b", {
      name: a.hostName.apply((h) => h.split(".")[0] + "-b"),
      resourceGroupName: RESOURCE_GROUP,
      location: "westeurope",
      sku: { name: "S1" },
      tags: { peer: a.eventHubEndpoint },
      eventHubs: { partitionCount: a.eventHubPartitionCount },
    });
  }));
  expect(result.steps.map((s) => s.op)).toEqual(["create", "create"]);
  expect(world.emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name: first })).toBeUndefined();
});

test("an existing hub with an input that is unknown in preview shows an update, not a replacement", async () => {
  const a = uniqueName("prev-x");
  const b = uniqueName("prev-y");
  const program = (team: string) => () => {
    const hubA = new IotHub("a", { name: a, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" }, tags: { team } });
    new IotHub("b", { name: b, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" }, tags: { peerEtag: hubA.etag } });
  };
  ok(await world.stack.up(program("one")));
  // Hub a changes, so its etag is unknown until the update runs; b's tags depend on it.
  const preview = ok(await world.stack.preview(program("two")));
  const ops = Object.fromEntries(preview.steps.map((s) => [s.urn.split("::").pop(), s.op]));
  expect(ops).toEqual({ a: "update", b: "update" });
  await world.stack.destroy();
});
