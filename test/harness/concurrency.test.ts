/**
 * Independent resources are created concurrently, as the engine runs independent steps in parallel; a resource
 * whose input is another's output waits for it (the SDK resolves the input before registering).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ok, Stack } from "../../tools/harness";
import { DynamicResource } from "./fixtures/dynamic";
import { tempDir } from "./fixtures/tmp";

const dir = tempDir("harness-concurrency");
const journal = path.join(dir, "journal.txt");
const stack = new Stack({ env: { TOY_JOURNAL: journal } });

afterAll(async () => {
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * "a" and "b" each wait until the other has started (up to 10 s), so they end at once when the host runs them
 * together and only after the 10 s when it runs them one after the other; "a-done" waits for nobody.
 */
const slow: pulumi.dynamic.ResourceProvider = {
  async create(inputs: { label: string }) {
    const fs = require("fs");
    fs.appendFileSync(process.env.TOY_JOURNAL, `start ${inputs.label}\n`);
    const partner = ({ a: "b", b: "a" } as Record<string, string>)[inputs.label];
    const started = () => fs.readFileSync(process.env.TOY_JOURNAL, "utf8").split("\n").includes(`start ${partner}`);
    for (const deadline = Date.now() + 10_000; partner !== undefined && !started() && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 10));
    }
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
