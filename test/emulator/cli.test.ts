import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import https from "node:https";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEV_TOKEN } from "../../emulator";
import { localhostCertificate } from "../../tools/tls/localhost-certificate";
import { waitFor } from "./helpers";

/**
 * The CLI as `npm run emulator` runs it: `node dist/emulator/main.js`. It needs the build (`npm test` builds first
 * through `pretest`; run `npm run build` before `npx jest` alone). Each test stops its own child by pid.
 */
const MAIN = resolve(__dirname, "../../dist/emulator/main.js");

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGTERM");
});

function run(args: string[]): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string>; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [MAIN, ...args]);
  children.push(child);
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const firstLine = new Promise<string>((resolveLine, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf("\n");
      if (newline >= 0) resolveLine(out.slice(0, newline));
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  firstLine.catch(() => undefined); // tests of bad flags never read it
  const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, firstLine, exit, stderr: () => err };
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does it in pretest)`);
});

test("--port 0 prints exactly `listening on http://127.0.0.1:<port>` and serves until SIGTERM", async () => {
  const { child, firstLine, exit } = run(["--port", "0", "--provisioning-ms", "10"]);
  const line = await firstLine;
  expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
  const url = line.replace("listening on ", "");
  const r = await fetch(`${url}/subscriptions/s/resourcegroups/g?api-version=2021-04-01`, {
    method: "PUT",
    headers: { authorization: `Bearer ${DEV_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ location: "westus" }),
  });
  expect(r.status).toBe(201);
  child.kill("SIGTERM");
  expect(await exit).toBe(0);
});

test("--token, --cert/--key, --data, --page-size, --retry-after are honoured", async () => {
  const dir = mkdtempSync(join(tmpdir(), "iothub-cli-"));
  let stop = async (): Promise<void> => undefined;
  try {
    const tls = await localhostCertificate();
    writeFileSync(join(dir, "cert.pem"), tls.cert);
    writeFileSync(join(dir, "key.pem"), tls.key);
    const { child, firstLine, exit } = run([
      "--port", "0", "--token", "cli-token", "--cert", join(dir, "cert.pem"), "--key", join(dir, "key.pem"),
      "--data", join(dir, "state"), "--page-size", "1", "--retry-after", "3", "--provisioning-ms", "5",
    ]);
    stop = async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exit;
    };
    const line = await firstLine;
    expect(line).toMatch(/^listening on https:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace("listening on ", "");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies asserted field by field
    const call = (method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, unknown>; body: any }> =>
      new Promise((resolveCall, reject) => {
        const req = https.request(`${url}${path}`, {
          method,
          ca: tls.cert, // trusted per request, never globally
          headers: { authorization: "Bearer cli-token", "content-type": "application/json" },
        }, (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => resolveCall({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
        });
        req.on("error", reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
      });
    expect((await call("PUT", "/subscriptions/s/resourcegroups/g?api-version=2021-04-01", { location: "westus" })).status).toBe(201);
    const hubs = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Devices/IotHubs";
    for (const name of ["cli-hub-1", "cli-hub-2"]) {
      expect((await call("PUT", `${hubs}/${name}?api-version=2023-06-30`, { location: "westus", sku: { name: "S1", capacity: 1 } })).status).toBe(201);
    }
    const page = await call("GET", `${hubs}?api-version=2023-06-30`);
    expect(page.body.value).toHaveLength(1); // --page-size 1
    expect(page.body.nextLink).toContain("$skiptoken=1");
    for (const name of ["cli-hub-1", "cli-hub-2"]) {
      await waitFor(async () => (await call("GET", `${hubs}/${name}?api-version=2023-06-30`)).body.properties.state === "Active", {
        what: `${name} to be Active`,
      });
    }
    const del = await call("DELETE", `${hubs}/cli-hub-1?api-version=2023-06-30`);
    expect(del.status).toBe(202);
    expect(del.headers["retry-after"]).toBe("3");
    expect((await call("GET", "/subscriptions/s/resourcegroups/g?api-version=2021-04-01")).status).toBe(200);
    const wrongToken = await fetch(`${url.replace("https", "http")}/x`).catch(() => "no plain http");
    expect(wrongToken).toBe("no plain http"); // TLS only
    expect(existsSync(join(dir, "state", "iothub-emulator-state.json"))).toBe(true);
    child.kill("SIGTERM");
    expect(await exit).toBe(0); // stopped before its data dir is removed
  } finally {
    await stop(); // the child must be gone before its data dir is removed
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--writes-bucket and --writes-per-second scale the write bucket down", async () => {
  const { child, firstLine, exit } = run(["--port", "0", "--writes-bucket", "2", "--writes-per-second", "1"]);
  const url = (await firstLine).replace("listening on ", "");
  const put = (name: string): Promise<Response> =>
    fetch(`${url}/subscriptions/s/resourcegroups/${name}?api-version=2021-04-01`, {
      method: "PUT",
      headers: { authorization: `Bearer ${DEV_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ location: "westus" }),
    });
  const answers = [await put("g1"), await put("g2"), await put("g3")];
  expect(answers.map((r) => r.status)).toEqual([201, 201, 429]);
  expect(answers.map((r) => r.headers.get("x-ms-ratelimit-remaining-subscription-writes"))).toEqual(["1", "0", "0"]);
  expect(Number(answers[2].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  child.kill("SIGTERM");
  expect(await exit).toBe(0);
});

test.each([
  [["--port", "abc"], /--port needs an integer/],
  [["--writes-bucket", "0"], /throttling\.writes\.capacity must be an integer between 1/],
  [["--cert", "only.pem"], /--cert and --key go together/],
  [["--bogus"], /Unknown option/],
])("bad flags %j exit 2 with usage", async (args, message) => {
  const { exit, stderr } = run(args);
  expect(await exit).toBe(2);
  expect(stderr()).toMatch(message);
  expect(stderr()).toContain("Usage: npm run emulator");
});
