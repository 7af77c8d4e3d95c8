/**
 * Independent resources are created concurrently, as the engine runs independent steps in parallel; a resource
 * whose input is another's output waits for it (the SDK resolves the input before registering).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ok, Stack } from "./index";
import { DynamicResource } from "./fixtures/dynamic";
import { tempDir } from "./fixtures/tmp";

const dir = tempDir("harness-concurrency");
const journal = path.join(dir, "journal.txt");
const stack = new Stack({ env: { TOY_JOURNAL: journal } });

afterAll(async () => {
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Each create takes 1 s: long enough that two started together overlap even on a loaded CI machine. */
const slow: pulumi.dynamic.ResourceProvider = {
  async create(inputs: { label: string }) {
    const fs = require("fs");
    fs.appendFileSync(process.env.TOY_JOURNAL, `start ${inputs.label}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    fs.appendFileSync(process.env.TOY_JOURNAL, `end ${inputs.label}\n`);
    return { id: inputs.label, outs: { label: inputs.label, done: `${inputs.label}-done` } };
  },
};

test("two independent creates overlap; the dependent one starts after its source ended", async () => {
  ok(await stack.up(() => {
    const a = new DynamicResource(slow, "a", { label: "a", done: undefined });
    new DynamicResource(slow, "b", { label: "b" });
    new DynamicResource(slow, "c", { label: (a as unknown as { done: pulumi.Output<string> }).done });
  }));
  const lines = fs.readFileSync(journal, "utf8").trim().split("\n");
  expect(lines.slice(0, 2).sort()).toEqual(["start a", "start b"]);
  expect(lines.indexOf("start a-done")).toBeGreaterThan(lines.indexOf("end a"));
  await stack.destroy();
});
