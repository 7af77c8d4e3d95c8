/**
 * Credentials: static tokens only for loopback, the endpoint-derived scope, token reuse until near expiry,
 * and DefaultAzureCredential built lazily.
 */
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { cachingCredential, scopeForEndpoint, staticTokenCredential, ArmClient, ARM_ENDPOINTS } from "../../provider/arm";

test("a static token is refused for a real cloud endpoint, even over https", () => {
  for (const endpoint of Object.values(ARM_ENDPOINTS)) {
    expect(() => staticTokenCredential("dev", endpoint)).toThrow(expect.objectContaining({ code: "InsecureTransport" }));
  }
  expect(() => staticTokenCredential("dev", "https://127.0.0.1.evil.example")).toThrow(/loopback/);
});

test("a static token works for loopback and keeps the token out of its printable state", async () => {
  const credential = staticTokenCredential("dev-token", "https://127.0.0.1:8443");
  await expect(credential.getToken("x")).resolves.toMatchObject({ token: "dev-token" });
  expect(JSON.stringify(credential)).not.toContain("dev-token");
  expect(Object.values(credential).join()).not.toContain("dev-token");
});

test("scope is <endpoint origin>/.default", () => {
  expect(scopeForEndpoint(ARM_ENDPOINTS.public)).toBe("https://management.azure.com/.default");
  expect(scopeForEndpoint("https://management.usgovcloudapi.net/")).toBe("https://management.usgovcloudapi.net/.default");
});

function countingCredential(lifetimeInMs: number, now: () => number, fail = false) {
  const calls: string[] = [];
  const credential: TokenCredential = {
    getToken: async (scopes) => {
      calls.push(String(scopes));
      if (fail) throw new Error("AADSTS: refresh failed");
      return { token: `t${calls.length}`, expiresOnTimestamp: now() + lifetimeInMs } as AccessToken;
    },
  };
  return { credential, calls };
}

test("reuses a token until 5 minutes before it expires, then fetches a new one", async () => {
  let t = 0;
  const now = () => t;
  const inner = countingCredential(60 * 60_000, now);
  const cached = cachingCredential(inner.credential, { now });
  expect((await cached.getToken("s"))?.token).toBe("t1");
  t = 54 * 60_000;
  expect((await cached.getToken("s"))?.token).toBe("t1");
  t = 55 * 60_000;
  expect((await cached.getToken("s"))?.token).toBe("t2");
  expect(inner.calls).toHaveLength(2);
});

test("concurrent callers share one token request", async () => {
  const inner = countingCredential(3_600_000, Date.now);
  const cached = cachingCredential(inner.credential);
  const tokens = await Promise.all([cached.getToken("s"), cached.getToken("s"), cached.getToken("s")]);
  expect(tokens.map((x) => x?.token)).toEqual(["t1", "t1", "t1"]);
  expect(inner.calls).toHaveLength(1);
});

test("one caller aborting stops only its own wait: the shared token request goes on for the others", async () => {
  let release!: (t: { token: string; expiresOnTimestamp: number }) => void;
  const seenSignals: unknown[] = [];
  const inner: TokenCredential = {
    getToken: (_scopes, options) => {
      seenSignals.push(options?.abortSignal);
      return new Promise((resolve) => (release = resolve));
    },
  };
  const cached = cachingCredential(inner);
  const controller = new AbortController();
  const aborted = cached.getToken("s", { abortSignal: controller.signal });
  const patient = cached.getToken("s");
  controller.abort();
  await expect(aborted).rejects.toThrow(/aborted/);
  release({ token: "t1", expiresOnTimestamp: Date.now() + 3_600_000 });
  expect((await patient)?.token).toBe("t1");
  expect(seenSignals).toEqual([undefined]);
});

test("a failed early refresh keeps using the still-valid token; an expired one is not reused", async () => {
  let t = 0;
  const now = () => t;
  let fail = false;
  let n = 0;
  const inner: TokenCredential = {
    getToken: async () => {
      if (fail) throw new Error("refresh failed");
      n += 1;
      return { token: `t${n}`, expiresOnTimestamp: now() + 10 * 60_000 };
    },
  };
  const cached = cachingCredential(inner, { now });
  await cached.getToken("s");
  fail = true;
  t = 6 * 60_000;
  expect((await cached.getToken("s"))?.token).toBe("t1");
  t = 11 * 60_000;
  await expect(cached.getToken("s")).rejects.toThrow("refresh failed");
});

test("constructing a client does not construct DefaultAzureCredential (it is built on first use)", () => {
  jest.isolateModules(() => {
    const identity = require("@azure/identity");
    const spy = jest.spyOn(identity, "DefaultAzureCredential");
    const { ArmClient: IsolatedClient } = require("../../provider/arm");
    const client = new IsolatedClient({ endpoint: ARM_ENDPOINTS.public });
    expect(spy).not.toHaveBeenCalled();
    void client.close();
  });
  expect(typeof ArmClient).toBe("function");
});

test("a failing credential becomes ArmError CredentialUnavailable, before any request", async () => {
  const { MockAgent } = require("undici");
  const agent = new MockAgent();
  agent.disableNetConnect();
  const client = new ArmClient({
    endpoint: ARM_ENDPOINTS.public,
    credential: { getToken: async () => Promise.reject(new Error("Please run 'az login' to set up an account.")) },
    dispatcher: agent,
  });
  await expect(client.request({ method: "GET", path: "/subscriptions", apiVersion: "2020-01-01" })).rejects.toMatchObject({
    name: "ArmError",
    code: "CredentialUnavailable",
    message: expect.stringContaining("az login"),
  });
  agent.assertNoPendingInterceptors();
});
