/**
 * Replacement and deletion order as the engine does them: create-before-delete by default, delete-before-replace
 * when asked, and resources dropped from the program deleted dependents first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ok, Stack } from "../../tools/harness";
import { readStore, Toy } from "./fixtures/toy-provider";
import { tempDir } from "./fixtures/tmp";

const dir = tempDir("harness-replace");
const store = path.join(dir, "store.json");
const stack = new Stack({ env: { TOY_STORE: store } });

afterAll(async () => {
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writes(): string[] {
  return readStore(store)
    .calls.filter((c) => ["create", "update", "delete"].includes(c.method))
    .map((c) => `${c.method} ${c.id ?? c.news?.value}`);
}

function clearCalls(): void {
  fs.writeFileSync(store, JSON.stringify({ ...readStore(store), calls: [] }));
}

test("a replacing change creates the new object before deleting the old one", async () => {
  ok(await stack.up(() => void new Toy("a", { value: "v", zone: "west" })));
  clearCalls();

  const result = ok(await stack.up(() => void new Toy("a", { value: "v", zone: "east" })));

  expect(result.steps.map((s) => s.op)).toEqual(["replace"]);
  expect(writes()).toEqual(["create v", "delete toy-1"]);
  expect(stack.resources().map((r) => r.id)).toEqual(["toy-2"]);
});

test("deleteBeforeReplace deletes the old object first", async () => {
  clearCalls();
  ok(await stack.up(() => void new Toy("a", { value: "v", zone: "north" }, { deleteBeforeReplace: true })));
  expect(writes()).toEqual(["delete toy-2", "create v"]);
});

test("resources no longer in the program are deleted, dependents first", async () => {
  ok(await stack.up(() => {
    const a = new Toy("a", { value: "v", zone: "north" });
    const b = new Toy("b", { value: a.token });
    new Toy("c", { value: b.token });
  }));
  clearCalls();

  const result = ok(await stack.up(() => {}));

  const [a, b, c] = ["a", "b", "c"].map((n) => result.steps.find((s) => s.urn.endsWith(`::${n}`))!.op);
  expect([a, b, c]).toEqual(["delete", "delete", "delete"]);
  expect(writes()).toEqual(["delete toy-5", "delete toy-4", "delete toy-3"]);
  expect(stack.resources()).toEqual([]);
});

test("ignoreChanges keeps the old input value: no update", async () => {
  ok(await stack.up(() => void new Toy("i", { value: "first" })));
  clearCalls();
  const result = ok(await stack.up(() => void new Toy("i", { value: "second" }, { ignoreChanges: ["value"] })));
  expect(result.steps.map((s) => s.op)).toEqual(["same"]);
  expect(writes()).toEqual([]);
  await stack.destroy();
});

const pendingStore = path.join(dir, "pending.json");

test("an old copy whose delete failed is deleted at the start of the next up, before any registration", async () => {
  const own = new Stack({ env: { TOY_STORE: pendingStore } });
  try {
    ok(await own.up(() => void new Toy("p", { value: "v", zone: "west", name: "pending" })));
    const oldId = own.resources()[0].id;
    fs.writeFileSync(pendingStore, JSON.stringify({ ...readStore(pendingStore), failNextDelete: [oldId] }));
    const failed = await own.up(() => void new Toy("p", { value: "v", zone: "east", name: "pending" }));
    expect(failed.errors.map((e) => e.message)).toEqual([expect.stringContaining(`${oldId} could not be deleted this time`)]);
    expect(own.resources().filter((r) => r.pendingDelete).map((r) => r.id)).toEqual([oldId]);

    fs.writeFileSync(pendingStore, JSON.stringify({ ...readStore(pendingStore), calls: [] }));
    const next = ok(await own.up(() => void new Toy("p", { value: "v", zone: "east", name: "pending" })));
    expect(next.steps.map((s) => s.op).sort()).toEqual(["delete", "same"]);
    expect(readStore(pendingStore).calls.map((c) => c.method)[0]).toBe("delete");
    expect(own.resources().some((r) => r.pendingDelete)).toBe(false);
    expect(readStore(pendingStore).objects[oldId]).toBeUndefined();
    await own.destroy();
  } finally {
    await own.close();
  }
});
