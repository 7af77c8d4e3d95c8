/**
 * A user session through the real dynamic-provider host: up → change → up → refresh → destroy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ok, Stack } from "../../tools/harness";
import { readStore, Toy } from "./fixtures/toy-provider";
import { tempDir } from "./fixtures/tmp";

const dir = tempDir("harness-lifecycle");
const store = path.join(dir, "store.json");
const stack = new Stack({ env: { TOY_STORE: store } });

afterAll(async () => {
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("up creates, a changed input updates, refresh reads back, destroy deletes", async () => {
  const first = ok(await stack.up(() => {
    const a = new Toy("a", { value: "one" });
    return { token: a.token, version: a.version };
  }));
  expect(first.steps).toEqual([{ urn: expect.stringContaining("::a"), op: "create" }]);
  expect(first.outputs).toEqual({ token: "token-of-toy-1-v1", version: 1 });
  const [created] = stack.resources();
  expect(created).toMatchObject({ id: "toy-1", type: "pulumi-nodejs:dynamic/toy:Toy", inputs: { value: "one", zone: "west" } });

  const second = ok(await stack.up(() => {
    const a = new Toy("a", { value: "two" });
    return { version: a.version };
  }));
  expect(second.steps.map((s) => s.op)).toEqual(["update"]);
  expect(second.outputs).toEqual({ version: 2 });

  const same = ok(await stack.up(() => {
    new Toy("a", { value: "two" });
  }));
  expect(same.steps.map((s) => s.op)).toEqual(["same"]);

  // Someone else changes the object; refresh picks it up.
  const s = readStore(store);
  s.objects["toy-1"].value = "changed elsewhere";
  fs.writeFileSync(store, JSON.stringify(s));
  const refreshed = ok(await stack.refresh());
  expect(refreshed.steps.map((x) => x.op)).toEqual(["update"]);
  expect(stack.resources()[0].outputs.value).toBe("changed elsewhere");

  await stack.destroy();
  expect(stack.resources()).toEqual([]);
  expect(readStore(store).objects).toEqual({});
});

test("refresh drops a resource whose Read answers no id (deleted outside Pulumi)", async () => {
  ok(await stack.up(() => void new Toy("gone", { value: "x" })));
  const s = readStore(store);
  s.objects = {};
  fs.writeFileSync(store, JSON.stringify(s));

  const refreshed = ok(await stack.refresh());

  expect(refreshed.steps).toEqual([{ urn: expect.stringContaining("::gone"), op: "delete" }]);
  expect(stack.resources()).toEqual([]);
});
