/**
 * Preview through the real host: only Check and Diff run, and an input that depends on an output not known yet
 * reaches the provider as the engine's unknown sentinel (docs/PULUMI-DYNAMIC.md, "Preview and unknowns").
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ok, Stack, UNKNOWN } from "../../tools/harness";
import { readStore, Toy } from "./fixtures/toy-provider";
import { tempDir } from "./fixtures/tmp";

const dir = tempDir("harness-preview");
const store = path.join(dir, "store.json");
const stack = new Stack({ env: { TOY_STORE: store } });

afterAll(async () => {
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function program(value: string) {
  return () => {
    const a = new Toy("a", { value });
    const b = new Toy("b", { value: a.token }); // b's input is a's output
    return { aToken: a.token, bValue: b.value };
  };
}

const methods = () => readStore(store).calls.map((c) => c.method);
test("a first preview checks both resources with the dependent input unknown and creates nothing", async () => {
  const result = ok(await stack.preview(program("one")));

  expect(result.steps.map((s) => s.op)).toEqual(["create", "create"]);
  expect(readStore(store).calls).toEqual([
    { method: "check", olds: {}, news: { value: "one" } },
    { method: "check", olds: {}, news: { value: UNKNOWN } },
  ]);
  expect(readStore(store).objects).toEqual({});
  expect(stack.resources()).toEqual([]);
  // Outputs not known before the update are undefined, as `pulumi preview` shows "output<string>".
  expect(result.outputs).toEqual({ aToken: undefined, bValue: undefined });
});

test("after an up, a preview that changes the source passes the sentinel to the dependent's Diff", async () => {
  ok(await stack.up(program("one")));
  fs.writeFileSync(store, JSON.stringify({ ...readStore(store), calls: [] }));

  const result = ok(await stack.preview(program("two")));

  expect(result.steps.map((s) => s.op)).toEqual(["update", "update"]);
  const diffs = readStore(store).calls.filter((c) => c.method === "diff");
  expect(diffs.map((d) => d.news?.value)).toEqual(["two", UNKNOWN]);
  expect(diffs[1].olds?.value).toBe("token-of-toy-1-v1"); // Diff's olds are the old outputs
  expect(methods()).not.toContain("update");
  expect(methods()).not.toContain("create");
  expect(stack.resources().map((r) => r.outputs.value)).toEqual(["one", "token-of-toy-1-v1"]);
});
