/**
 * Transport: proxy settings from the environment, the dispatcher chosen for them, the bearer-token rule for
 * plain http, and which links may be followed.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, ProxyAgent } from "undici";
import { API, ENDPOINT, HUB_PATH, caught, fakeCredential, fakeTime, lines, mockAgent, q, script, testClient } from "./helpers";
import { ArmClient, createDispatcher, matchesNoProxy, proxyForUrl, staticTokenCredential } from "../../provider/arm";

const arm = new URL(ENDPOINT);

describe("proxy from the environment", () => {
  test("HTTPS_PROXY is used for https; lower-case wins over upper-case", () => {
    expect(proxyForUrl(arm, { HTTPS_PROXY: "http://proxy:3128" })).toBe("http://proxy:3128");
    expect(proxyForUrl(arm, { HTTPS_PROXY: "http://upper:1", https_proxy: "http://lower:2" })).toBe("http://lower:2");
    expect(proxyForUrl(arm, {})).toBeUndefined();
    expect(proxyForUrl(arm, { HTTPS_PROXY: "  " })).toBeUndefined();
  });

  test("https falls back to HTTP_PROXY (as undici does); http never uses HTTPS_PROXY", () => {
    expect(proxyForUrl(arm, { HTTP_PROXY: "http://p:8080" })).toBe("http://p:8080");
    expect(proxyForUrl(new URL("http://arm.internal"), { HTTPS_PROXY: "http://p:1" })).toBeUndefined();
    expect(proxyForUrl(new URL("http://arm.internal"), { http_proxy: "http://p:2" })).toBe("http://p:2");
  });

  test("loopback is never proxied, NO_PROXY or not (the emulator runs on the same machine)", () => {
    const env = { HTTPS_PROXY: "http://p:1", HTTP_PROXY: "http://p:1" };
    expect(proxyForUrl(new URL("http://127.0.0.1:9000"), env)).toBeUndefined();
    expect(proxyForUrl(new URL("https://localhost:9000"), env)).toBeUndefined();
    expect(proxyForUrl(new URL("http://[::1]:9000"), env)).toBeUndefined();
  });

  test.each([
    ["management.azure.com", true],
    ["azure.com", true],
    [".azure.com", true],
    ["*.azure.com", true],
    ["*", true],
    ["example.com, management.azure.com", true],
    ["example.com management.azure.com", true],
    ["MANAGEMENT.AZURE.COM", true],
    ["management.azure.com:443", true],
    ["management.azure.com:8443", false],
    ["zure.com", false],
    ["example.com", false],
    ["", false],
  ])("NO_PROXY=%j bypasses https://management.azure.com: %p", (noProxy, bypass) => {
    expect(matchesNoProxy(arm, noProxy)).toBe(bypass);
    expect(proxyForUrl(arm, { HTTPS_PROXY: "http://p:1", NO_PROXY: noProxy })).toBe(bypass ? undefined : "http://p:1");
  });

  test("NO_PROXY understands IPv4 CIDR and IPv6 literals with or without brackets", () => {
    expect(matchesNoProxy(new URL("https://10.1.2.3"), "10.0.0.0/8")).toBe(true);
    expect(matchesNoProxy(new URL("https://11.1.2.3"), "10.0.0.0/8")).toBe(false);
    expect(matchesNoProxy(new URL("https://[fd00::5]"), "fd00::5")).toBe(true);
    expect(matchesNoProxy(new URL("https://[fd00::5]:8443"), "[fd00::5]:8443")).toBe(true);
    expect(matchesNoProxy(new URL("https://[fd00::5]"), "[fd00::5]:8443")).toBe(false);
  });

  test("no_proxy (lower-case) wins over NO_PROXY", () => {
    expect(proxyForUrl(arm, { HTTPS_PROXY: "http://p:1", no_proxy: "example.com", NO_PROXY: "azure.com" })).toBe("http://p:1");
  });
});

describe("dispatcher choice", () => {
  test("a ProxyAgent when a proxy applies, reporting the proxy without its credentials", async () => {
    const choice = createDispatcher(arm, { HTTPS_PROXY: "http://user:secret@proxy.corp:3128" });
    expect(choice.kind).toBe("proxy");
    expect(choice.dispatcher).toBeInstanceOf(ProxyAgent);
    expect(choice.proxyOrigin).toBe("http://proxy.corp:3128");
    await choice.dispatcher.close();
  });

  test("a keep-alive Agent otherwise", async () => {
    const choice = createDispatcher(arm, { HTTPS_PROXY: "http://p:1", NO_PROXY: ".azure.com" });
    expect(choice.kind).toBe("direct");
    expect(choice.dispatcher).toBeInstanceOf(Agent);
    await choice.dispatcher.close();
  });

  test("a proxy that is not a URL is an error, not a silent direct connection", () => {
    expect(() => createDispatcher(arm, { HTTPS_PROXY: "::not a url::" })).toThrow(/not a URL/);
  });

  test("the client's own dispatcher really tunnels through the proxy (CONNECT with Proxy-Authorization)", async () => {
    const connects: { target?: string; auth?: string }[] = [];
    const proxy: Server = createServer();
    proxy.on("connect", (req, socket) => {
      connects.push({ target: req.url, auth: req.headers["proxy-authorization"] });
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const port = (proxy.address() as AddressInfo).port;
    const logged: string[] = [];
    const client = new ArmClient({
      endpoint: ENDPOINT,
      credential: fakeCredential(),
      env: { HTTPS_PROXY: `http://user:pw@127.0.0.1:${port}` },
      maxAttempts: 1,
      log: (line) => logged.push(line),
    });
    try {
      const error = await caught(() => client.request({ method: "GET", path: HUB_PATH, apiVersion: API }));
      expect(error.name).toBe("ArmError");
      expect(connects).toEqual([{ target: "management.azure.com:443", auth: `Basic ${Buffer.from("user:pw").toString("base64")}` }]);
      expect(logged[0]).toBe(`ARM https://management.azure.com via proxy http://127.0.0.1:${port}`);
      expect(logged.join("\n")).not.toContain("pw@");
    } finally {
      await client.close();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe("bearer tokens and plain http", () => {
  test.each(["http://management.azure.com", "http://10.0.0.5:8080", "http://arm.internal", "http://127.0.0.1.nip.io"])(
    "refuses %s before any request or token fetch",
    (endpoint) => {
      const agent = mockAgent();
      const credential = fakeCredential();
      expect(() => new ArmClient({ endpoint, credential, dispatcher: agent })).toThrow(
        expect.objectContaining({ code: "InsecureTransport" }),
      );
      expect(credential.calls).toBe(0);
      agent.assertNoPendingInterceptors();
    },
  );

  test.each(["http://127.0.0.1:8080", "http://127.8.9.10:8080", "http://localhost:8080", "http://[::1]:8080"])(
    "allows loopback %s",
    async (endpoint) => {
      const agent = mockAgent();
      const arrived = script(agent, [{ method: "GET", path: q(HUB_PATH), body: { name: "hub1" } }], endpoint);
      const client = new ArmClient({ endpoint, credential: staticTokenCredential("dev", endpoint), dispatcher: agent });
      await expect(client.request({ method: "GET", path: HUB_PATH, apiVersion: API })).resolves.toMatchObject({ body: { name: "hub1" } });
      expect(arrived[0].headers.authorization).toBe("Bearer dev");
      agent.assertNoPendingInterceptors();
    },
  );

  test("endpoints that are not http(s) URLs are refused", () => {
    expect(() => new ArmClient({ endpoint: "ftp://x", credential: fakeCredential() })).toThrow(/http\(s\)/);
    expect(() => new ArmClient({ endpoint: "not a url", credential: fakeCredential() })).toThrow(/not a URL/);
    expect(() => new ArmClient({ endpoint: "https://u:p@management.azure.com", credential: fakeCredential() })).toThrow(/credentials/);
  });
});

describe("requests", () => {
  test("api-version, client request id, JSON body, quoted If-Match; request ids captured", async () => {
    const agent = mockAgent();
    const client = testClient(agent, fakeTime());
    const arrived = script(agent, [
      { method: "PUT", path: q(HUB_PATH), status: 200, body: { ok: 1 }, headers: { "x-ms-request-id": "r1", "x-ms-correlation-request-id": "c1" } },
      { method: "PUT", path: q(HUB_PATH), status: 200, body: {} },
      { method: "PUT", path: q(HUB_PATH), status: 200, body: {} },
    ]);
    const res = await client.request({ method: "PUT", path: HUB_PATH, apiVersion: API, body: { location: "westus" }, ifMatch: "AAAADH84KNE=" });
    await client.request({ method: "PUT", path: HUB_PATH, apiVersion: API, body: {}, ifMatch: "*" });
    await client.request({ method: "PUT", path: HUB_PATH, apiVersion: API, body: {}, ifNoneMatch: "*", ifMatch: '"already-quoted"' });
    expect(res).toMatchObject({ status: 200, body: { ok: 1 }, requestId: "r1", correlationId: "c1" });
    expect(arrived[0].headers["if-match"]).toBe('"AAAADH84KNE="');
    expect(arrived[0].headers["content-type"]).toBe("application/json");
    expect(arrived[0].headers["x-ms-client-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(arrived[0].body).toEqual({ location: "westus" });
    expect(arrived[1].headers["if-match"]).toBe("*");
    expect(arrived[2].headers["if-none-match"]).toBe("*");
    expect(arrived[2].headers["if-match"]).toBe('"already-quoted"');
    agent.assertNoPendingInterceptors();
  });

  test("an etag with a line break is refused (header injection)", async () => {
    const agent = mockAgent();
    const client = testClient(agent, fakeTime());
    const error = await caught(() => client.request({ method: "PUT", path: HUB_PATH, apiVersion: API, body: {}, ifMatch: "a\r\nX: y" }));
    expect(error.code).toBe("InvalidEtag");
  });

  test("the scope is derived from the endpoint and the token is reused", async () => {
    const agent = mockAgent();
    const scopes: unknown[] = [];
    const client = new ArmClient({
      endpoint: "https://management.chinacloudapi.cn/",
      credential: { getToken: async (s) => (scopes.push(s), { token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) },
      dispatcher: agent,
    });
    script(agent, [{ method: "GET", path: q(HUB_PATH), body: {} }, { method: "GET", path: q(HUB_PATH), body: {} }], "https://management.chinacloudapi.cn");
    await client.request({ method: "GET", path: HUB_PATH, apiVersion: API });
    await client.request({ method: "GET", path: HUB_PATH, apiVersion: API });
    expect(scopes).toEqual(["https://management.chinacloudapi.cn/.default"]);
    expect(client.endpoint).toBe("https://management.chinacloudapi.cn");
  });
});

describe("nextLink paging", () => {
  const LIST = `${HUB_PATH}/eventHubEndpoints/events/ConsumerGroups`;

  test("follows absolute nextLinks on the same origin with GET", async () => {
    const agent = mockAgent();
    const client = testClient(agent, fakeTime());
    const arrived = script(agent, [
      { method: "GET", path: q(LIST), body: { value: ["$Default", "a"], nextLink: `${ENDPOINT}${LIST}?api-version=${API}&$skiptoken=2` } },
      { method: "GET", path: `${LIST}?api-version=${API}&$skiptoken=2`, body: { value: ["b"], nextLink: `${ENDPOINT}${LIST}?$skiptoken=3` } },
      { method: "GET", path: `${LIST}?%24skiptoken=3&api-version=${API}`, body: { value: ["c"], nextLink: null } },
    ]);
    await expect(client.list({ method: "GET", path: LIST, apiVersion: API })).resolves.toEqual(["$Default", "a", "b", "c"]);
    expect(lines(arrived)).toHaveLength(3);
    agent.assertNoPendingInterceptors();
  });

  test("a bare array (2016 docs) is one page", async () => {
    const agent = mockAgent();
    const client = testClient(agent, fakeTime());
    script(agent, [{ method: "GET", path: q(LIST), body: ["$Default"] }]);
    await expect(client.list({ method: "GET", path: LIST, apiVersion: API })).resolves.toEqual(["$Default"]);
  });

  test("a nextLink to another origin is refused: the token is not handed to it", async () => {
    const agent = mockAgent();
    const client = testClient(agent, fakeTime());
    script(agent, [{ method: "GET", path: q(LIST), body: { value: ["a"], nextLink: "https://collector.example.net/steal?x=1" } }]);
    const error = await caught(() => client.list({ method: "GET", path: LIST, apiVersion: API }));
    expect(error.code).toBe("ForeignOrigin");
    agent.assertNoPendingInterceptors();
  });

  test("same host over http (a downgrade) counts as another origin", async () => {
    const agent = mockAgent();
    const client = testClient(agent, fakeTime());
    script(agent, [{ method: "GET", path: q(LIST), body: { value: [], nextLink: `http://management.azure.com${LIST}?p=2` } }]);
    expect((await caught(() => client.list({ method: "GET", path: LIST, apiVersion: API }))).code).toBe("ForeignOrigin");
  });

  test("a repeated nextLink stops with an error instead of looping", async () => {
    const agent = mockAgent();
    const client = testClient(agent, fakeTime());
    const next = `${ENDPOINT}${LIST}?api-version=${API}&page=2`;
    script(agent, [
      { method: "GET", path: q(LIST), body: { value: [1], nextLink: next } },
      { method: "GET", path: `${LIST}?api-version=${API}&page=2`, body: { value: [2], nextLink: next } },
    ]);
    expect((await caught(() => client.list({ method: "GET", path: LIST, apiVersion: API }))).code).toBe("InvalidResponse");
  });
});

describe("close", () => {
  test("closes its own pool, not an injected dispatcher", async () => {
    const agent = mockAgent();
    const client = testClient(agent, fakeTime());
    await client.close();
    await client.close();
    expect((await caught(() => client.request({ method: "GET", path: HUB_PATH, apiVersion: API }))).name).toBe("ArmError");
    // The injected agent still works for its owner.
    script(agent, [{ method: "GET", path: q(HUB_PATH), body: {} }]);
    await expect(testClient(agent, fakeTime()).request({ method: "GET", path: HUB_PATH, apiVersion: API })).resolves.toMatchObject({ status: 200 });
  });
});
