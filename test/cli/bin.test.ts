/**
 * The built `iothub` as a pipeline runs it: a child process of `node dist/provider/cli/main.js` (the file package.json's
 * `bin` names; `npm run build` first). `iothub emulator` serves until SIGTERM, and the exit codes 0, 1 and 2 reach the
 * shell, with errors on one line of stderr and no stack trace.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEV_TOKEN } from "../../emulator";
import { SUBSCRIPTION_ID } from "./helpers";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { bin: Record<string, string>; files: string[] };
const BIN = path.join(REPO_ROOT, manifest.bin.iothub);

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("package.json's bin is the built CLI, shipped by `files`, with a node shebang", () => {
  expect(manifest.bin.iothub).toBe("dist/provider/cli/main.js");
  expect(manifest.files.some((f) => manifest.bin.iothub.startsWith(`${f}/`))).toBe(true);
  expect(fs.readFileSync(BIN, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
});

test("the CLI starts without loading the Pulumi SDK (it needs no engine, and the SDK takes seconds to load)", async () => {
  const script = `require(${JSON.stringify(BIN)}); process.stdout.write(String(Object.keys(require.cache).filter((k) => k.includes("@pulumi")).length))`;
  const loaded = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(out));
  });
  expect(loaded).toBe("0");
});

test("iothub emulator serves until SIGTERM; list, a 404 and a usage error exit 0, 1 and 2", async () => {
  const emulator = spawn(process.execPath, [BIN, "emulator", "--port", "0", "--page-size", "1", "--provisioning-ms", "50"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      emulator.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
        if (match) resolve(match[1]);
      });
      emulator.on("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
    });
    const env = { IOTHUB_ACCESS_TOKEN: DEV_TOKEN, AZURE_SUBSCRIPTION_ID: SUBSCRIPTION_ID };

    const listed = await run(["list", "--endpoint", url, "-o", "json"], env);
    expect(listed).toEqual({ code: 0, stdout: "[]\n", stderr: "" });

    const missing = await run(["show", "rg/no-such-hub", "--endpoint", url], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/^iothub show: error \w+: NotFound \(404\) .*\[x-ms-request-id: [0-9a-f-]{36}\]\n$/);

    const usage = await run(["show"], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^iothub show: expected RESOURCE_GROUP\/HUB/);
    for (const r of [missing, usage]) expect(r.stderr).not.toMatch(/^\s+at /m);
  } finally {
    const exited = new Promise<number | null>((resolve) => emulator.on("exit", (code) => resolve(code)));
    emulator.kill("SIGTERM");
    expect(await exited).toBe(0);
  }
});
