/**
 * `npm start` as a newcomer runs it (tools/start.ts): the top-level project deployed with the real CLI to the
 * emulator, a second run with no changes, then `npm start -- destroy`. The stack, the state folder and the port are
 * the test's own (IOTHUB_START_STACK, IOTHUB_START_STATE_DIR, IOTHUB_EMULATOR_PORT), so a user's `dev` stack is
 * never touched.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { DEV_TOKEN } from "../../emulator";
import { REPO_ROOT, describeWithCli } from "./cli";

const START = path.join(REPO_ROOT, "dist", "tools", "start.js");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function npmStart(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [START, ...args], { cwd: REPO_ROOT, env, timeout: 300_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describeWithCli("npm start", () => {
  test("deploys the top-level project to the emulator, converges on a second run, and destroys", async () => {
    const stack = `start-${Math.random().toString(36).slice(2, 8)}`;
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "npm-start-"));
    const env = { ...process.env, IOTHUB_START_STACK: stack, IOTHUB_START_STATE_DIR: stateDir, IOTHUB_EMULATOR_PORT: String(await freePort()) };
    try {
      const first = await npmStart(env);
      expect(first).toMatchObject({ code: 0 });
      expect(first.output).toMatch(/\+ 4 created/);
      expect(first.output).toMatch(/hostNames\s+\["iothub-dev-telemetry\.azure-devices\.net"\]/);
      expect(first.output).toMatch(/What next/);
      expect(fs.existsSync(path.join(stateDir, ".emulator-data"))).toBe(true);
      expect(fs.existsSync(path.join(stateDir, ".pulumi"))).toBe(true);

      const second = await npmStart(env);
      expect(second).toMatchObject({ code: 0 });
      expect(second.output).toMatch(/4 unchanged/);
      expect(second.output).not.toMatch(/created|updated|deleted/);

      for (const run of [first, second]) {
        expect(run.output).not.toContain(DEV_TOKEN);
        expect(run.output).not.toMatch(/SharedAccessKey=/);
      }

      const destroyed = await npmStart(env, "destroy");
      expect(destroyed).toMatchObject({ code: 0 });
      expect(destroyed.output).toMatch(/- 4 deleted/);
    } finally {
      fs.rmSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), { force: true });
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  }, 600_000);
});
