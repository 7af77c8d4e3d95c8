/**
 * Retries: which failures are retried, how long we wait (Retry-After forms, jittered backoff), and where it stops.
 */
import { API, HUB_PATH, caught, fakeTime, mockAgent, q, script, testClient } from "./helpers";
import { parseRetryAfter, retryAfterInMs } from "../../provider/arm";
import { backoffInMs, decideRetry } from "../../provider/arm/retry";

const get = { method: "GET" as const, path: HUB_PATH, apiVersion: API };
const busy = { error: { code: "TooManyRequests", message: "slow down" } };

function setup(maxAttempts?: number) {
  const agent = mockAgent();
  const time = fakeTime();
  const client = testClient(agent, time, maxAttempts ? { maxAttempts } : {});
  return { agent, time, client };
}

describe("Retry-After", () => {
  test("waits for Retry-After seconds on 429", async () => {
    const { agent, time, client } = setup();
    script(agent, [
      { method: "GET", path: q(HUB_PATH), status: 429, body: busy, headers: { "retry-after": "7" } },
      { method: "GET", path: q(HUB_PATH), body: { name: "hub1" } },
    ]);
    await expect(client.request(get)).resolves.toMatchObject({ status: 200, body: { name: "hub1" } });
    expect(time.waits).toEqual([7000]);
    agent.assertNoPendingInterceptors();
  });

  test("waits for a Retry-After HTTP date on 429", async () => {
    const { agent, time, client } = setup();
    script(agent, [
      { method: "GET", path: q(HUB_PATH), status: 429, body: busy, headers: { "retry-after": new Date(time.startedAt + 12_000).toUTCString() } },
      { method: "GET", path: q(HUB_PATH), body: {} },
    ]);
    await client.request(get);
    expect(time.waits).toEqual([12_000]);
  });

  test("without Retry-After, backs off exponentially with jitter", async () => {
    const { agent, time, client } = setup();
    script(agent, [
      { method: "GET", path: q(HUB_PATH), status: 429, body: busy },
      { method: "GET", path: q(HUB_PATH), status: 429, body: busy },
      { method: "GET", path: q(HUB_PATH), status: 429, body: busy },
      { method: "GET", path: q(HUB_PATH), body: {} },
    ]);
    await client.request(get);
    // random() = 0.5: half the step fixed plus a quarter → 750, 1500, 3000.
    expect(time.waits).toEqual([750, 1500, 3000]);
  });

  test("an absurd Retry-After is clamped to 120 s", async () => {
    const { agent, time, client } = setup();
    script(agent, [
      { method: "GET", path: q(HUB_PATH), status: 429, body: busy, headers: { "retry-after": "999999999" } },
      { method: "GET", path: q(HUB_PATH), body: {} },
    ]);
    await client.request(get);
    expect(time.waits).toEqual([120_000]);
  });

  test("retry-after-ms wins over Retry-After", async () => {
    const { agent, time, client } = setup();
    script(agent, [
      { method: "GET", path: q(HUB_PATH), status: 503, body: busy, headers: { "retry-after-ms": "250", "retry-after": "9" } },
      { method: "GET", path: q(HUB_PATH), body: {} },
    ]);
    await client.request(get);
    expect(time.waits).toEqual([250]);
  });

  test.each([
    ["5", 5000],
    ["0", 0],
    ["1.5", 1500],
    [" 3 ", 3000],
    ["Wed, 25 Nov 2026 20:00:30 GMT", 30_000],
    ["Wed, 25 Nov 2026 19:00:00 GMT", 0],
    ["-5", undefined],
    ["later", undefined],
    ["", undefined],
  ])("parses Retry-After %j as %p ms", (value, expected) => {
    expect(parseRetryAfter(value, Date.UTC(2026, 10, 25, 20, 0, 0))).toBe(expected);
  });

  test("x-ms-retry-after-ms is read too", () => {
    expect(retryAfterInMs({ "x-ms-retry-after-ms": "40" }, 0)).toBe(40);
    expect(retryAfterInMs({}, 0)).toBeUndefined();
  });
});

describe("what is retried", () => {
  test.each([408, 429, 500, 502, 503, 504])("GET is retried on %i", async (status) => {
    const { agent, client } = setup();
    script(agent, [
      { method: "GET", path: q(HUB_PATH), status, body: { error: { code: "X", message: "transient" } } },
      { method: "GET", path: q(HUB_PATH), body: { ok: true } },
    ]);
    await expect(client.request(get)).resolves.toMatchObject({ body: { ok: true } });
    agent.assertNoPendingInterceptors();
  });

  test.each([400, 401, 403, 404, 409, 412])("%i is not retried", async (status) => {
    const { agent, client } = setup();
    script(agent, [{ method: "GET", path: q(HUB_PATH), status, body: { error: { code: "X", message: "final" } } }]);
    const error = await caught(() => client.request(get));
    expect(error.statusCode).toBe(status);
    expect(error.attempts).toBe(1);
    agent.assertNoPendingInterceptors();
  });

  test.each(["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "UND_ERR_SOCKET"])("GET is retried on network error %s", async (code) => {
    const { agent, client } = setup();
    script(agent, [
      { method: "GET", path: q(HUB_PATH), errorCode: code },
      { method: "GET", path: q(HUB_PATH), body: { ok: true } },
    ]);
    await expect(client.request(get)).resolves.toMatchObject({ body: { ok: true } });
    agent.assertNoPendingInterceptors();
  });

  test.each<[string, Record<string, unknown>, number]>([
    ["a reset after the request left (it may have been carried out)", { errorCode: "ECONNRESET" }, 1],
    ["a refused connection (nothing was sent)", { errorCode: "ECONNREFUSED" }, 0],
    ["an answered 503", { status: 503, body: {} }, 0],
  ])("a PUT's final 412 after %s counts its unanswered attempts", async (_what, first, unanswered) => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), ...first },
      { method: "PUT", path: q(HUB_PATH), status: 412, body: { code: 412001, httpStatusCode: "PreconditionFailed", message: "errorcode: IH412001." } },
    ]);
    const error = await caught(() => client.request({ ...get, method: "PUT", body: {}, ifNoneMatch: "*" }));
    expect(error.statusCode).toBe(412);
    expect(error.attempts).toBe(2);
    expect(error.unansweredAttempts).toBe(unanswered);
  });

  test("PUT (idempotent) is retried on 500", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 500, body: {} },
      { method: "PUT", path: q(HUB_PATH), status: 201, body: {} },
    ]);
    await expect(client.request({ ...get, method: "PUT", body: {} })).resolves.toMatchObject({ status: 201 });
  });

  test("attempts are bounded: 4 by default, then the last error with its attempt count", async () => {
    const { agent, time, client } = setup();
    const steps = [1, 2, 3, 4].map(() => ({ method: "GET", path: q(HUB_PATH), status: 503, body: { error: { code: "ServiceUnavailable", message: "down" } } }));
    script(agent, steps);
    const error = await caught(() => client.request(get));
    expect(error.code).toBe("ServiceUnavailable");
    expect(error.statusCode).toBe(503);
    expect(error.attempts).toBe(4);
    expect(time.waits).toHaveLength(3);
    agent.assertNoPendingInterceptors();
  });

  test("maxAttempts: 1 disables retries; network failure becomes an ArmError with the code", async () => {
    const { agent, client } = setup(1);
    script(agent, [{ method: "GET", path: q(HUB_PATH), errorCode: "ECONNRESET" }]);
    const error = await caught(() => client.request(get));
    expect(error.name).toBe("ArmError");
    expect(error.code).toBe("ECONNRESET");
    expect(error.statusCode).toBe(0);
    agent.assertNoPendingInterceptors();
  });

  test("one x-ms-client-request-id (a uuid) for all attempts of a call", async () => {
    const { agent, client } = setup();
    const arrived = script(agent, [
      { method: "GET", path: q(HUB_PATH), status: 500, body: {} },
      { method: "GET", path: q(HUB_PATH), body: {} },
    ]);
    await client.request(get);
    const ids = arrived.map((s) => s.headers["x-ms-client-request-id"]);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);
  });
});

describe("POST is not blindly retried", () => {
  const post = { method: "POST" as const, path: `${HUB_PATH}/exportDevices`, apiVersion: API, body: { exportBlobContainerUri: "x", excludeKeys: true } };

  test.each([429, 500, 503])("POST answered %i is not retried", async (status) => {
    const { agent, time, client } = setup();
    script(agent, [{ method: "POST", path: q(post.path), status, body: { error: { code: "X", message: "no" } }, headers: { "retry-after": "1" } }]);
    const error = await caught(() => client.request(post));
    expect(error.statusCode).toBe(status);
    expect(time.waits).toEqual([]);
    agent.assertNoPendingInterceptors();
  });

  test("POST with a connection reset is not retried (it may have started a job)", async () => {
    const { agent, client } = setup();
    script(agent, [{ method: "POST", path: q(post.path), errorCode: "ECONNRESET" }]);
    expect((await caught(() => client.request(post))).code).toBe("ECONNRESET");
    agent.assertNoPendingInterceptors();
  });

  test("POST refused at connect (nothing was sent) is retried", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "POST", path: q(post.path), errorCode: "ECONNREFUSED" },
      { method: "POST", path: q(post.path), body: { jobId: "j1" } },
    ]);
    await expect(client.request(post)).resolves.toMatchObject({ body: { jobId: "j1" } });
  });

  test("POST marked idempotent (a read such as listkeys) is retried", async () => {
    const { agent, client } = setup();
    script(agent, [
      { method: "POST", path: q(post.path), status: 503, body: {} },
      { method: "POST", path: q(post.path), body: {} },
    ]);
    await expect(client.request({ ...post, idempotent: true })).resolves.toMatchObject({ status: 200 });
  });
});

describe("decideRetry (pure)", () => {
  const base = { maxAttempts: 4, idempotent: true, nowInMs: 0, random: () => 0 };
  test("returns plain values", () => {
    expect(decideRetry({ ...base, attempt: 1, status: 503, headers: { "retry-after": "2" } })).toEqual({ retryAfterInMs: 2000 });
    expect(decideRetry({ ...base, attempt: 4, status: 503 })).toBe("skip");
    expect(decideRetry({ ...base, attempt: 1, networkCode: "EINVAL" })).toBe("skip");
    expect(decideRetry({ ...base, attempt: 1, networkCode: undefined })).toBe("skip");
  });
  test("backoff is capped at 30 s and jittered between half and full step", () => {
    expect(backoffInMs(1, () => 0)).toBe(500);
    expect(backoffInMs(1, () => 1)).toBe(1000);
    expect(backoffInMs(20, () => 1)).toBe(30_000);
  });
});
