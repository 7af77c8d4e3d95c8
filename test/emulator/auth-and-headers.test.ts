import { startEmulator } from "../../emulator";
import { hubBody, hubPath, RG, SUB, uniqueHubName, useEmulator, V2023 } from "./helpers";

/** Auth, the ARM headers on every answer and api-version handling (docs/IOTHUB-ARM.md, "Errors"; emulator/README.md,
 * "Wire format"). */
const { arm } = useEmulator();

beforeAll(() => arm().createGroup());

describe("auth: 401 with WWW-Authenticate and the ARM envelope; nothing changed", () => {
  test.each([
    ["no Authorization header", null, undefined, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."],
    ["a Basic header", null, "Basic Zm9vOmJhcg==", "AuthenticationFailedInvalidHeader", "Authentication failed. The 'Authorization' header is provided in an invalid format."],
    ["a wrong bearer token", "not-the-token", undefined, "InvalidAuthenticationToken", "The access token is invalid."],
  ])("%s", async (_why, token, authorization, code, message) => {
    const a = arm();
    const name = uniqueHubName("auth");
    const headers = authorization ? { authorization } : undefined;
    for (const [method, body] of [["PUT", hubBody(V2023)], ["GET", undefined], ["DELETE", undefined]] as const) {
      const r = await a.call(method, hubPath(name), { token, headers, body });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code, message } });
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer authorization_uri="https:\/\/login\.microsoftonline\.com\/common"/);
      expect(r.headers.get("x-ms-request-id")).toBeTruthy();
    }
    expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name })).toBeUndefined();
  });

  test("a request without a valid token gets 401 before any injected fault, which stays armed", async () => {
    const a = arm();
    a.emulator.faults.add({ method: "GET", path: "/resourcegroups/", action: { kind: "status", status: 500 } });
    const path = `/subscriptions/${SUB}/resourcegroups/${RG}`;
    expect((await a.call("GET", path, { apiVersion: "2021-04-01", token: null })).status).toBe(401);
    expect((await a.call("GET", path, { apiVersion: "2021-04-01" })).status).toBe(500);
    expect((await a.call("GET", path, { apiVersion: "2021-04-01" })).status).toBe(200);
  });

  test("a custom token replaces the dev token", async () => {
    const emulator = await startEmulator({ token: "s3cret" });
    try {
      const ok = await fetch(`${emulator.url}/subscriptions/s/resourcegroups/g?api-version=2021-04-01`, { headers: { authorization: "Bearer s3cret" } });
      expect(ok.status).toBe(404); // authenticated, group missing
      const dev = await fetch(`${emulator.url}/subscriptions/s/resourcegroups/g?api-version=2021-04-01`, { headers: { authorization: "Bearer iothub-emulator-dev-token" } });
      expect(dev.status).toBe(401);
    } finally {
      await emulator.close();
    }
  });
});

describe("headers on every answer", () => {
  test("request, correlation and routing ids; the client's correlation id is echoed", async () => {
    const a = arm();
    const r1 = await a.call("GET", hubPath("nohub"));
    const r2 = await a.call("GET", hubPath("nohub"));
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(r1.headers.get("x-ms-request-id")).toMatch(guid);
    expect(r1.headers.get("x-ms-request-id")).not.toBe(r2.headers.get("x-ms-request-id"));
    expect(r1.headers.get("x-ms-correlation-request-id")).toMatch(guid);
    expect(r1.headers.get("x-ms-correlation-request-id")).not.toBe(r1.headers.get("x-ms-request-id"));
    expect(r1.headers.get("x-ms-routing-request-id")).toMatch(/^EMULATOR:\d{8}T\d{6}Z:[0-9a-f-]{36}$/);
    const mine = "11111111-2222-3333-4444-555555555555";
    const r3 = await a.call("GET", hubPath("nohub"), { headers: { "x-ms-correlation-request-id": mine } });
    expect(r3.headers.get("x-ms-correlation-request-id")).toBe(mine);
  });

  test("rate-limit headers: reads on GET, writes on PUT/POST, deletes on DELETE, each counting down (throttling.test.ts has the exact counts)", async () => {
    const a = arm();
    const sub = "00000000-0000-0000-0000-00000000ab1e";
    await a.createGroup(RG, sub);
    const path = hubPath(uniqueHubName("rl"), sub);
    const read1 = Number((await a.call("GET", path)).headers.get("x-ms-ratelimit-remaining-subscription-reads"));
    const read2 = Number((await a.call("GET", path)).headers.get("x-ms-ratelimit-remaining-subscription-reads"));
    expect(read1).toBe(249); // ARM's read bucket, 250 tokens, less this one
    // On the real clock the bucket refills (25/s) between two requests, so the second is one lower unless a whole
    // token came back meanwhile; throttling.test.ts counts exactly on a clock it moves by hand.
    expect(read2).toBeGreaterThanOrEqual(read1 - 1);
    expect(read2).toBeLessThanOrEqual(read1);
    const write = await a.call("POST", `/subscriptions/${sub}/providers/Microsoft.Devices/checkNameAvailability`, { body: { name: "abc" } });
    const writes = Number(write.headers.get("x-ms-ratelimit-remaining-subscription-writes"));
    expect([198, 199]).toContain(writes); // the group PUT took one, this one another (less any refill, 10/s)
    expect(write.headers.get("x-ms-ratelimit-remaining-subscription-reads")).toBeNull();
    const del = await a.call("DELETE", path);
    expect(del.headers.get("x-ms-ratelimit-remaining-subscription-deletes")).toBe("199");
    expect(del.headers.get("x-ms-ratelimit-remaining-subscription-writes")).toBeNull();
  });
});

describe("api-version", () => {
  test("missing → 400 MissingApiVersionParameter", async () => {
    const r = await arm().call("GET", hubPath("anyhub"), { apiVersion: null });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: { code: "MissingApiVersionParameter", message: "The api-version query parameter (?api-version=) is required for all requests." } });
  });

  test("malformed → 400 InvalidApiVersionParameter", async () => {
    const r = await arm().call("GET", hubPath("anyhub"), { apiVersion: "latest" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("InvalidApiVersionParameter");
    expect(r.body.error.message).toBe("The api-version 'latest' is invalid. The supported versions are '2016-02-03, 2023-06-30'.");
  });

  test.each(["2099-01-01", "2021-07-02", "2023-06-30-preview"])("well-formed but unsupported %s → 400 NoRegisteredProviderFound, nothing created", async (v) => {
    const a = arm();
    const name = uniqueHubName("ver");
    const r = await a.call("PUT", hubPath(name), { apiVersion: v, body: hubBody(V2023) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("NoRegisteredProviderFound");
    expect(r.body.error.message).toContain(`API version '${v}' for type 'IotHubs'. The supported api-versions are '2016-02-03, 2023-06-30'.`);
    expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name })).toBeUndefined();
  });

  test("resource groups take any well-formed api-version", async () => {
    const r = await arm().call("GET", `/subscriptions/${SUB}/resourcegroups/${RG}`, { apiVersion: "2019-10-01" });
    expect(r.status).toBe(200);
  });
});

describe("unknown routes and bodies", () => {
  test("unknown path → ARM 404; wrong method → 405 with Allow", async () => {
    const a = arm();
    const unknown = await a.call("GET", `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("InvalidResourceType");
    const wrong = await a.call("POST", hubPath("anyhub"));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, PUT, PATCH, DELETE");
  });

  test("a body that is not JSON → 400 InvalidRequestContent", async () => {
    const r = await arm().call("PUT", hubPath(uniqueHubName("json")), { body: "{nope" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("InvalidRequestContent");
  });
});
