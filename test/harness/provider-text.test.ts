/**
 * The `__provider` text the host runs is the one the SDK produced (`dynamic.Resource` serializes the provider with
 * `serializeFunction(() => provider, { allowSecrets: true })`, @pulumi/pulumi dynamic/index.js); the harness only
 * carries it from the RegisterResourceRequest to the host and into state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ok, Stack } from "../../tools/harness";
import { Toy, toyProvider } from "./fixtures/toy-provider";
import { tempDir } from "./fixtures/tmp";

const { serializeFunction } = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
  serializeFunction(f: () => unknown, o: { allowSecrets: boolean }): Promise<{ text: string; containsSecrets: boolean }>;
};

const dir = tempDir("harness-provider-text");
const stack = new Stack({ env: { TOY_STORE: path.join(dir, "store.json") } });

afterAll(async () => {
  await stack.destroy();
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("inputs and outputs in state carry the SDK's serialized provider text", async () => {
  ok(await stack.up(() => {
    new Toy("a", { value: "one" });
  }));
  // Exactly dynamic/index.js: a closure over a variable named `provider` (the name is part of the text).
  const provider = toyProvider;
  const sdkText = (await serializeFunction(() => provider, { allowSecrets: true })).text;

  const [a] = stack.resources();
  expect(a.inputs.__provider).toBe(sdkText);
  expect(a.outputs.__provider).toBe(sdkText); // merged into every output set by the host
  expect(sdkText).toContain("exports.handler");
});
