/**
 * The host is started as the engine starts it: cwd = the program directory (where `require()` in the serialized
 * provider resolves), the project and stack in its environment, the port on the first stdout line; it is stopped
 * with its whole process group (docs/PULUMI-DYNAMIC.md, "How the engine runs a dynamic provider").
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { ok, processGroupMembers, Stack, startHost } from "../../tools/harness";
import { DynamicResource } from "./fixtures/dynamic";
import { makeProgramDir } from "./fixtures/program-dir";

const programDir = makeProgramDir({
  project: "toy-program",
  packages: { "toy-helper": `exports.greet = (name) => "hello " + name;\n` },
});

afterAll(() => fs.rmSync(programDir, { recursive: true, force: true }));

interface Probe {
  greeting: pulumi.Output<string>;
  cwd: pulumi.Output<string>;
  project: pulumi.Output<string>;
  stack: pulumi.Output<string>;
}

const provider: pulumi.dynamic.ResourceProvider = {
  async create() {
    // Resolved at call time, from the host's cwd: plain JS only (the host has no ts-node).
    const { greet } = require("toy-helper");
    console.log("provider says hi");
    return {
      id: "h-1",
      outs: {
        greeting: greet("host"),
        cwd: process.cwd(),
        project: process.env.PULUMI_NODEJS_PROJECT ?? "",
        stack: process.env.PULUMI_NODEJS_STACK ?? "",
      },
    };
  },
};

test("require() in the provider resolves from programDir; project (from Pulumi.yaml) and stack are in the env", async () => {
  const stack = new Stack({ programDir, stack: "dev" });
  try {
    const result = ok(await stack.up(() => {
      const r = new DynamicResource(provider, "h", { greeting: undefined, cwd: undefined, project: undefined, stack: undefined }) as unknown as Probe;
      return { greeting: r.greeting, cwd: r.cwd, project: r.project, stack: r.stack };
    }));
    expect(result.outputs).toEqual({ greeting: "hello host", cwd: fs.realpathSync(programDir), project: "toy-program", stack: "dev" });
    expect(stack.hostStdout()).toContain("provider says hi");
    await stack.destroy();
  } finally {
    await stack.close();
  }
});

test("the same provider run from another directory cannot find the package, as under the CLI", async () => {
  const stack = new Stack({ stack: "dev" }); // default programDir: the repository root, which has no toy-helper
  try {
    const result = await stack.up(() => {
      new DynamicResource(provider, "h", { greeting: undefined });
    });
    expect(result.errors).toEqual([{ urn: expect.stringContaining("::h"), message: expect.stringContaining("Cannot find module 'toy-helper'") }]);
  } finally {
    await stack.close();
  }
});

(process.platform === "linux" ? test : test.skip)("close() stops the launcher and the node host: the whole process group", async () => {
  const host = await startHost({ programDir, project: "toy-program", stack: "dev" });
  expect(host.address).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(processGroupMembers(host.pid)).toHaveLength(2); // sh launcher + node host
  await host.close();
  expect(processGroupMembers(host.pid)).toEqual([]);
});
