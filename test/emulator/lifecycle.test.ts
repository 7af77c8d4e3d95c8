import { EmulatorServer } from "../../emulator";
import { checkDelete, checkPut, normalizeEtag } from "../../emulator/preconditions";
import { Scheduler } from "../../emulator/lro/scheduler";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { optionsFromArgs, resolveConfiguration } from "../../emulator/configuration";
import { DEV_TOKEN } from "../../emulator";
import { hubBody, hubPath, SUB, RG, waitFor } from "./helpers";

/** Server states, timers after close, configuration checks, and the ETag validator as a unit. */

test("explicit server states: start once, close idempotent, no restart", async () => {
  const server = new EmulatorServer({ provisioningMs: 10 });
  expect(server.state).toBe("created");
  expect(() => server.url).toThrow(/created/);
  await expect(server.close()).rejects.toThrow(/created/);
  const url = await server.start();
  expect(server.state).toBe("listening");
  expect(server.url).toBe(url);
  await expect(server.start()).rejects.toThrow(/listening/);
  await server.close();
  expect(server.state).toBe("closed");
  await server.close();
  await expect(server.start()).rejects.toThrow(/closed/);
});

test("close() with an operation and a delayed request in flight leaves no timers and no open connection", async () => {
  const server = new EmulatorServer({ provisioningMs: 5_000 });
  const url = await server.start();
  server.outOfBand.createResourceGroup({ subscriptionId: SUB, name: RG });
  const auth = { authorization: `Bearer ${DEV_TOKEN}`, "content-type": "application/json" };
  const put = await fetch(`${url}${hubPath("closing-hub")}?api-version=2023-06-30`, { method: "PUT", headers: auth, body: JSON.stringify(hubBody("2023-06-30")) });
  expect(put.status).toBe(201);
  server.core.faults.add({ action: { kind: "delay", ms: 10_000 } });
  const pending = fetch(`${url}${hubPath("closing-hub")}?api-version=2023-06-30`, { headers: auth }).then(
    (r) => r.status,
    () => "dropped",
  );
  const scheduler = server.core.scheduler as Scheduler; // the default one, on real timers
  // the create's phase timer, and the delayed GET's sleep once that request has arrived
  await waitFor(() => scheduler.pendingTimers >= 2, { what: "the delayed request to arrive" });
  const started = Date.now();
  await server.close();
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(scheduler.pendingTimers).toBe(0);
  expect(await pending).toBe("dropped");
});

test("listening on every interface hands out a loopback URL", async () => {
  const server = new EmulatorServer({ host: "0.0.0.0" });
  try {
    const url = await server.start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/_emulator/health`)).status).toBe(200);
  } finally {
    await server.close();
  }
});

test("a port in use fails start() and leaves the server closed", async () => {
  const first = new EmulatorServer();
  const url = await first.start();
  const second = new EmulatorServer({ port: Number(new URL(url).port) });
  await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
  expect(second.state).toBe("closed");
  await first.close();
});

test.each([
  [{ port: -1 }, /port/],
  [{ provisioningMs: 1.5 }, /provisioningMs/],
  [{ pageSize: 0 }, /pageSize/],
  [{ token: "" }, /token/],
  [{ throttling: { writes: { capacity: 0 } } }, /throttling\.writes\.capacity/],
  [{ throttling: { writes: { capacity: 2.5 } } }, /throttling\.writes\.capacity must be an integer/],
  [{ throttling: { reads: { perSecond: 0 } } }, /throttling\.reads\.perSecond must be a number between 0\.001/],
  [{ throttling: { reads: { perSecond: Number.NaN } } }, /throttling\.reads\.perSecond/],
  [{ throttling: { puts: {} } as never }, /throttling knows reads, writes, deletes, not puts/],
  [{ clock: {} as never }, /clock must be an object with now\(\)/],
  [{ scheduler: { after: () => () => undefined } as never }, /scheduler must be an object with after\(\), sleep\(\), stop\(\)/],
])("configuration %j is refused", (options, message) => {
  expect(() => resolveConfiguration(options)).toThrow(message);
});

describe("ETag validator (preconditions.ts)", () => {
  test.each([
    ['"abc"', "abc"],
    ["abc", "abc"],
    ['W/"abc"', "abc"],
    ['""', undefined],
    ["", undefined],
    [undefined, undefined],
  ])("normalizeEtag(%j) = %j", (input, expected) => {
    expect(normalizeEtag(input)).toBe(expected);
  });

  test("PUT: If-None-Match with a specific etag only fails when it is the current one", () => {
    expect(checkPut({ ifNoneMatch: '"other"' }, "cur")).toBe("update");
    expect(() => checkPut({ ifNoneMatch: '"cur"' }, "cur")).toThrow();
  });

  test("DELETE: absent wins over any If-Match", () => {
    expect(checkDelete({ ifMatch: '"x"' }, undefined)).toBe("absent");
    expect(() => checkDelete({ ifMatch: '"x"' }, "y")).toThrow();
  });
});

test("Scheduler.sleep resolves false when stopped, and after() is a no-op once stopped", async () => {
  // jest's fake timers stand in for setTimeout: time passes by hand, and "it never ran" needs no real wait
  jest.useFakeTimers();
  try {
    const s = new Scheduler();
    const slept = s.sleep(10_000);
    s.stop();
    expect(await slept).toBe(false);
    let ran = false;
    s.after(0, () => (ran = true));
    jest.advanceTimersByTime(10_000);
    expect(ran).toBe(false);
    expect(s.pendingTimers).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  } finally {
    jest.useRealTimers();
  }
});

test("Scheduler: after() runs once its time has come and can be cancelled; sleep() resolves true", async () => {
  jest.useFakeTimers();
  try {
    const s = new Scheduler();
    const ran: string[] = [];
    s.after(100, () => ran.push("a"));
    const cancel = s.after(100, () => ran.push("cancelled"));
    cancel();
    const slept = s.sleep(50);
    jest.advanceTimersByTime(99);
    expect(ran).toEqual([]);
    expect(await slept).toBe(true);
    jest.advanceTimersByTime(1);
    expect(ran).toEqual(["a"]);
    expect(s.pendingTimers).toBe(0);
  } finally {
    jest.useRealTimers();
  }
});

describe("CLI flags (configuration.optionsFromArgs)", () => {
  test("every flag maps onto an option", () => {
    expect(
      optionsFromArgs(["--host", "0.0.0.0", "--port", "8443", "--token", "t", "--data", "d", "--provisioning-ms", "5", "--retry-after", "2", "--page-size", "7"]),
    ).toEqual({ host: "0.0.0.0", port: 8443, token: "t", dataDir: "d", provisioningMs: 5, retryAfterSeconds: 2, pageSize: 7, tls: undefined });
    expect(
      optionsFromArgs([
        "--reads-bucket", "3", "--reads-per-second", "1", "--writes-bucket", "4", "--writes-per-second", "2",
        "--deletes-bucket", "5", "--deletes-per-second", "3",
      ]).throttling,
    ).toEqual({ reads: { capacity: 3, perSecond: 1 }, writes: { capacity: 4, perSecond: 2 }, deletes: { capacity: 5, perSecond: 3 } });
    // one flag of a pair: the other keeps ARM's value
    const writesOnly = optionsFromArgs(["--writes-bucket", "3"]);
    expect(writesOnly.throttling).toEqual({ writes: { capacity: 3, perSecond: undefined } });
    expect(resolveConfiguration(writesOnly).throttling).toEqual({
      reads: { capacity: 250, perSecond: 25 },
      writes: { capacity: 3, perSecond: 10 },
      deletes: { capacity: 200, perSecond: 10 },
    });
    expect(optionsFromArgs([]).throttling).toBeUndefined();
  });

  test("--cert/--key read the files; bad numbers and lone --key are refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "iothub-args-"));
    try {
      writeFileSync(join(dir, "c.pem"), "CERT");
      writeFileSync(join(dir, "k.pem"), "KEY");
      const o = optionsFromArgs(["--cert", join(dir, "c.pem"), "--key", join(dir, "k.pem")]);
      expect(o.tls?.cert.toString()).toBe("CERT");
      expect(o.tls?.key.toString()).toBe("KEY");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => optionsFromArgs(["--key", "k.pem"])).toThrow(/go together/);
    expect(() => optionsFromArgs(["--page-size", "1.5"])).toThrow(/--page-size needs an integer/);
    expect(() => optionsFromArgs(["--retry-after", ""])).toThrow(/--retry-after needs an integer/);
    expect(optionsFromArgs(["--reads-per-second", "2.5"]).throttling).toEqual({ reads: { capacity: undefined, perSecond: 2.5 } });
    expect(() => optionsFromArgs(["--reads-per-second", "fast"])).toThrow(/--reads-per-second needs a number/);
    expect(() => optionsFromArgs(["--reads-bucket", "2.5"])).toThrow(/--reads-bucket needs an integer/);
    expect(() => resolveConfiguration(optionsFromArgs(["--deletes-bucket", "0"]))).toThrow(/throttling\.deletes\.capacity must be an integer between 1/);
  });
});
