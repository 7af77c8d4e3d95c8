/**
 * Failures as `pulumi up` shows them: partial failures recorded and converged by the next up, providers that
 * capture what cannot be serialized, and outs the host cannot marshal.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ok, Stack } from "../../tools/harness";
import { readStore, Toy } from "./fixtures/toy-provider";
import { DynamicResource } from "./fixtures/dynamic";
import { tempDir } from "./fixtures/tmp";

const dir = tempDir("harness-failures");
const store = path.join(dir, "store.json");
const stack = new Stack({ env: { TOY_STORE: store } });

afterAll(async () => {
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("partial failure (ErrorResourceInitFailed)", () => {
  afterAll(() => stack.destroy());

  test("is recorded in state with the provider's id and properties, and the next up updates it", async () => {
    const program = () => {
      const a = new Toy("a", { value: "one", flaky: true, name: "flaky-a" });
      return { version: a.version };
    };
    const failed = await stack.up(program);

    expect(failed.errors).toEqual([
      {
        urn: expect.stringContaining("::a"),
        message: expect.stringContaining("toy-1 did not become ready"),
        partial: { id: "toy-1", properties: expect.objectContaining({ value: "one", version: 1 }), reasons: ["not ready yet"] },
      },
    ]);
    const [recorded] = stack.resources();
    expect(recorded).toMatchObject({ id: "toy-1", initErrors: ["not ready yet"], outputs: { token: "token-of-toy-1-v1" } });
    expect(recorded.inputs.__provider).toEqual(expect.any(String));

    // Same program, same inputs: the engine updates a resource with init errors.
    const converged = ok(await stack.up(program));
    expect(converged.steps.map((s) => s.op)).toEqual(["update"]);
    expect(converged.outputs).toEqual({ version: 2 });
    expect(stack.resources()[0].initErrors).toEqual([]);
    expect(Object.keys(readStore(store).objects)).toEqual(["toy-1"]);
  });
});

describe("providers that capture what cannot be serialized", () => {
  test("a class instance with #private fields serializes, then every call fails in the host", async () => {
    class Counter {
      #count = 0;
      next(): number {
        return ++this.#count;
      }
    }
    const counter = new Counter();
    const provider: pulumi.dynamic.ResourceProvider = {
      async create() {
        return { id: `c-${counter.next()}`, outs: {} };
      },
    };
    const result = await stack.up(() => {
      new DynamicResource(provider, "private-fields", {});
    });
    expect(result.errors).toHaveLength(1);
    // The serialized class text loses the class body that declares `#count`: the host cannot even load it.
    expect(result.errors[0].message).toMatch(/^Check .*private-fields: .*Private field '#count' must be declared in an enclosing class/);
    expect(result.hostStderr).toContain("SyntaxError: Private field '#count'");
    expect(stack.resources()).toEqual([]);
  });

  test("a captured object with a native handle is serialized as an empty shell and create fails", async () => {
    const hash = crypto.createHash("sha256");
    const provider: pulumi.dynamic.ResourceProvider = {
      async create() {
        return { id: hash.update("x").digest("hex"), outs: {} };
      },
    };
    const result = await stack.up(() => {
      new DynamicResource(provider, "native-handle", {});
    });
    expect(result.errors).toEqual([{ urn: expect.stringContaining("::native-handle"), message: expect.stringMatching(/^Create .*is not a function/) }]);
    expect(stack.resources()).toEqual([]);
  });
});

test("outs containing undefined fail in the host after create, with an explanation", async () => {
  const provider: pulumi.dynamic.ResourceProvider = {
    async create() {
      return { id: "u-1", outs: { missing: undefined } };
    },
  };
  const result = await stack.up(() => {
    new DynamicResource(provider, "undefined-outs", { missing: undefined });
  });
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toContain("Unexpected struct type.");
  expect(result.errors[0].message).toContain("orphan");
  expect(stack.resources()).toEqual([]);
});

test("check failures and program exceptions are step errors, and nothing is created", async () => {
  const invalid = await stack.up(() => {
    new Toy("bad", { value: 42 as unknown as string });
  });
  expect(invalid.errors).toEqual([{ urn: expect.stringContaining("::bad"), message: "check failed: value: value must be a string" }]);

  const thrown = await stack.up(() => {
    throw new Error("the program broke");
  });
  expect(thrown.errors).toEqual([{ urn: "", message: "the program broke" }]);
  expect(stack.resources()).toEqual([]);
});

test("a failed step on an existing resource keeps its old state, and nothing is deleted after a failure", async () => {
  ok(await stack.up(() => {
    new Toy("kept", { value: "v1" });
    new Toy("other", { value: "o" });
  }));
  const before = stack.resources();

  const result = await stack.up(() => {
    new Toy("kept", { value: 7 as unknown as string }); // check fails; "other" is no longer declared
  });

  expect(result.errors).toEqual([{ urn: expect.stringContaining("::kept"), message: expect.stringContaining("check failed") }]);
  expect(result.steps).toEqual([]);
  expect(stack.resources().map((r) => [r.name, r.id]).sort()).toEqual(before.map((r) => [r.name, r.id]).sort());
  await stack.destroy();
});
