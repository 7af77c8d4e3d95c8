import { DEV_TOKEN, startEmulator } from "../../emulator";
import { resolveConfiguration } from "../../emulator/configuration";
import { hubBody, hubPath, OTHER_SUB, RG, SUB, TestArm, V2023, type CallOptions } from "./helpers";
import { ManualTime } from "./manual-time";

/**
 * Refusals as ARM answers them, and nothing changed by one (emulator/README.md "Tokens and subscriptions"): 401 for
 * a missing, malformed, unknown or expired token; 403 AuthorizationFailed for a valid token on a subscription it is
 * not granted. A refused request takes no throttling token, consumes no fault rule and answers no key. On a manual
 * clock, so expiry is exact.
 */
const PHASE_MS = 20;
const START_MS = Date.UTC(2030, 0, 1, 12, 0, 0);
const HUB = "access-hub";
const OTHER_HUB = "access-hub-other";
const SUB1_TOKEN = "token-for-sub1";
const OLD_TOKEN = "token-expired-already";
const EXPIRING_TOKEN = "token-expiring-later";
const EXPIRES_AT_MS = START_MS + 24 * 3_600_000;
const KEPT_GROUP = "kept-cg";
const CG_PATH = (sub: string, hub: string, cg: string): string => `${hubPath(hub, sub)}/eventHubEndpoints/events/ConsumerGroups/${cg}`;

let time: ManualTime;
let a: TestArm;

beforeAll(async () => {
  time = new ManualTime(START_MS);
  a = new TestArm(
    await startEmulator({
      clock: time,
      scheduler: time,
      provisioningMs: PHASE_MS,
      retryAfterSeconds: 0,
      tokens: [
        { token: SUB1_TOKEN, subscriptions: [SUB.toUpperCase()] }, // case-insensitive
        { token: OLD_TOKEN, expiresAtMs: START_MS - 1 },
        { token: EXPIRING_TOKEN, subscriptions: [SUB], expiresAtMs: EXPIRES_AT_MS },
      ],
    }),
  );
  for (const [sub, name] of [[SUB, HUB], [OTHER_SUB, OTHER_HUB]] as const) {
    a.emulator.outOfBand.createResourceGroup({ subscriptionId: sub, name: RG });
    const put = await a.call("PUT", hubPath(name, sub), { body: hubBody(V2023) });
    expect(put.status).toBe(201);
    time.advance(10 * PHASE_MS);
    expect((await a.call("GET", hubPath(name, sub))).body.properties.state).toBe("Active");
    // A group that a refused DELETE must leave in place.
    expect((await a.call("PUT", CG_PATH(sub, name, KEPT_GROUP), { body: { properties: { name: KEPT_GROUP } } })).status).toBe(200);
  }
});
afterAll(() => a.emulator.close());

interface StoreSnapshot {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw stored hub (keys included), compared whole
  hub: any;
  etag: string | undefined;
  hubs: string[];
  groups: string[];
}

/** What the store holds for the hub, read through the emulator's out-of-band API (keys included). */
function snapshot(sub: string, hub: string): StoreSnapshot {
  const k = { subscriptionId: sub, resourceGroup: RG };
  return {
    hub: a.emulator.outOfBand.getHub({ ...k, name: hub }),
    etag: a.emulator.outOfBand.getHub({ ...k, name: hub })?.etag,
    hubs: a.emulator.outOfBand.listHubs({ subscriptionId: sub }),
    groups: a.emulator.outOfBand.listConsumerGroups({ ...k, hubName: hub }),
  };
}

/** Writes left in the subscription's bucket, read (and one spent) by an accepted no-op POST. */
async function writesLeft(sub: string): Promise<number> {
  const r = await a.call("POST", `/subscriptions/${sub}/providers/Microsoft.Devices/checkNameAvailability`, { body: { name: "abc" } });
  expect(r.status).toBe(200);
  return Number(r.headers.get("x-ms-ratelimit-remaining-subscription-writes"));
}

interface RefusalCase {
  why: string;
  sub: string;
  hub: string;
  call: CallOptions;
  /** what must never appear in an answer */
  secret?: string;
  status: 401 | 403;
  code: string;
}

const CASES: RefusalCase[] = [
  { why: "no Authorization header", sub: SUB, hub: HUB, call: { token: null }, status: 401, code: "AuthenticationFailed" },
  { why: "a malformed header (Basic)", sub: SUB, hub: HUB, call: { token: null, headers: { authorization: "Basic c2VjcmV0LWJhc2lj" } }, secret: "c2VjcmV0LWJhc2lj", status: 401, code: "AuthenticationFailedInvalidHeader" },
  { why: "a wrong token", sub: SUB, hub: HUB, call: { token: "wrong-token-value" }, secret: "wrong-token-value", status: 401, code: "InvalidAuthenticationToken" },
  { why: "an expired token", sub: SUB, hub: HUB, call: { token: OLD_TOKEN }, secret: OLD_TOKEN, status: 401, code: "ExpiredAuthenticationToken" },
  { why: "a token for another subscription", sub: OTHER_SUB, hub: OTHER_HUB, call: { token: SUB1_TOKEN }, secret: SUB1_TOKEN, status: 403, code: "AuthorizationFailed" },
];

describe.each(CASES)("$why → $status $code, nothing changed", ({ sub, hub, call, secret, status, code }) => {
  test("hub PUT (update and create), PATCH and DELETE, consumer-group PUT and DELETE, listkeys: refused; store, keys, buckets and fault rules untouched", async () => {
    const before = snapshot(sub, hub);
    const writesBefore = await writesLeft(sub);
    a.emulator.faults.add({ path: "/IotHubs/", times: 1, action: { kind: "status", status: 503 } });
    const requests: Array<[string, string, unknown, string]> = [
      ["PUT", hubPath(hub, sub), { ...hubBody(V2023), tags: { changed: "yes" } }, "Microsoft.Devices/IotHubs/write"],
      ["PUT", hubPath(`${hub}-new`, sub), hubBody(V2023), "Microsoft.Devices/IotHubs/write"],
      ["PATCH", hubPath(hub, sub), { tags: { changed: "yes" } }, "Microsoft.Devices/IotHubs/write"],
      ["DELETE", hubPath(hub, sub), undefined, "Microsoft.Devices/IotHubs/delete"],
      ["PUT", CG_PATH(sub, hub, "cg-new"), { properties: { name: "cg-new" } }, "Microsoft.Devices/IotHubs/eventHubEndpoints/ConsumerGroups/write"],
      ["DELETE", CG_PATH(sub, hub, KEPT_GROUP), undefined, "Microsoft.Devices/IotHubs/eventHubEndpoints/ConsumerGroups/delete"],
      ["POST", `${hubPath(hub, sub)}/listkeys`, undefined, "Microsoft.Devices/IotHubs/listkeys/action"],
      ["GET", hubPath(hub, sub), undefined, "Microsoft.Devices/IotHubs/read"],
    ];
    const keys = (before.hub.properties.authorizationPolicies as { primaryKey: string; secondaryKey: string }[]).flatMap((p) => [p.primaryKey, p.secondaryKey]);
    expect(keys.length).toBeGreaterThan(0);
    expect(before.groups).toContain(KEPT_GROUP);
    for (const [method, path, body, action] of requests) {
      const r = await a.call(method, path, { ...call, body });
      expect(r.status).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.headers.get("x-ms-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers.get("x-ms-ratelimit-remaining-subscription-writes")).toBeNull();
      expect(r.headers.get("x-ms-ratelimit-remaining-subscription-deletes")).toBeNull();
      for (const key of keys) expect(r.text).not.toContain(key);
      if (secret !== undefined) {
        expect(r.text).not.toContain(secret);
        for (const [, value] of r.headers) expect(value).not.toContain(secret);
      }
      if (status === 401) {
        expect(r.headers.get("www-authenticate")).toMatch(/^Bearer authorization_uri="https:\/\/login\.microsoftonline\.com\/common"/);
      } else {
        expect(r.headers.get("www-authenticate")).toBeNull();
        expect(r.body.error.message).toMatch(
          new RegExp(
            `^The client '[0-9a-f-]{36}' with object id '[0-9a-f-]{36}' does not have authorization to perform action ` +
              `'${action.replace(/\./g, "\\.")}' over scope '${scopeOf(method, path).replace(/\./g, "\\.")}' or the scope is invalid\\. `,
          ),
        );
      }
    }
    expect(snapshot(sub, hub)).toEqual(before);
    expect(a.emulator.outOfBand.getHub({ subscriptionId: sub, resourceGroup: RG, name: `${hub}-new` })).toBeUndefined();
    // The refusals took no write or delete token (the manual clock refills nothing meanwhile) ...
    expect(await writesLeft(sub)).toBe(writesBefore - 1);
    // ... and left the fault rule armed for the next accepted request.
    expect((await a.call("GET", hubPath(hub, sub))).status).toBe(503);
    expect((await a.call("GET", hubPath(hub, sub))).status).toBe(200);
  });
});

describe("the expired token's message", () => {
  test("names both UTC times as ARM does", async () => {
    const r = await a.call("GET", hubPath(HUB), { token: OLD_TOKEN });
    expect(r.body.error.message).toBe(
      `The access token expiry UTC time '1/1/2030 11:59:59 AM' is earlier than current UTC time '${armUtc(time.now())}'.`,
    );
    expect(r.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });
});

describe("granted tokens work where granted", () => {
  test("a subscription-limited token acts on its own subscription (ids case-insensitive), and is refused elsewhere", async () => {
    const cg = "granted-cg";
    const put = await a.call("PUT", CG_PATH(SUB.toUpperCase(), HUB, cg), { token: SUB1_TOKEN, body: { properties: { name: cg } } });
    expect(put.status).toBe(200);
    expect(a.emulator.outOfBand.listConsumerGroups({ subscriptionId: SUB, resourceGroup: RG, hubName: HUB })).toContain(cg);
    expect((await a.call("GET", hubPath(HUB), { token: SUB1_TOKEN })).status).toBe(200);
    expect((await a.call("DELETE", CG_PATH(SUB, HUB, cg), { token: SUB1_TOKEN })).status).toBe(200);
    const list = await a.call("GET", `/subscriptions/${OTHER_SUB}/providers/Microsoft.Devices/IotHubs`, { token: SUB1_TOKEN });
    expect(list.status).toBe(403);
    expect(list.body.error.message).toContain(`'Microsoft.Devices/IotHubs/read' over scope '/subscriptions/${OTHER_SUB}/providers/Microsoft.Devices/IotHubs'`);
  });

  test("`token` (here the dev token) stays accepted on every subscription alongside `tokens`", async () => {
    for (const sub of [SUB, OTHER_SUB, "any-other-subscription"]) {
      expect((await a.call("GET", `/subscriptions/${sub}/providers/Microsoft.Devices/IotHubs`, { token: DEV_TOKEN })).status).toBe(200);
    }
  });

  test("control routes need no token, whatever the tokens", async () => {
    const r = await fetch(`${a.url}/_emulator/health`);
    expect(r.status).toBe(200);
  });

  test("an expiring token works until the instant before its expiry, and is refused from it on", async () => {
    time.advance(EXPIRES_AT_MS - 1 - time.now());
    const before = await a.call("GET", hubPath(HUB), { token: EXPIRING_TOKEN });
    expect(before.status).toBe(200);
    const etag = a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name: HUB }).etag;
    time.advance(1);
    const after = await a.call("PUT", CG_PATH(SUB, HUB, "too-late"), { token: EXPIRING_TOKEN, body: { properties: { name: "too-late" } } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("ExpiredAuthenticationToken");
    expect(after.body.error.message).toBe(
      "The access token expiry UTC time '1/2/2030 12:00:00 PM' is earlier than current UTC time '1/2/2030 12:00:00 PM'.",
    );
    expect(after.text).not.toContain(EXPIRING_TOKEN);
    expect(a.emulator.outOfBand.listConsumerGroups({ subscriptionId: SUB, resourceGroup: RG, hubName: HUB })).not.toContain("too-late");
    expect(a.emulator.outOfBand.getHub({ subscriptionId: SUB, resourceGroup: RG, name: HUB }).etag).toBe(etag);
  });
});

describe("the tokens option is checked like the others", () => {
  test.each([
    ["not an array", { tokens: "abc" }, /tokens must be an array/],
    ["an entry that is not an object", { tokens: [null] }, /tokens\[0\] must be an object/],
    ["an empty token", { tokens: [{ token: "" }] }, /tokens\[0\]\.token must be a non-empty string/],
    ["a token with whitespace", { tokens: [{ token: "a b" }] }, /without whitespace/],
    ["the main token again", { token: "main", tokens: [{ token: "main" }] }, /tokens\[0\]\.token is already accepted/],
    ["the dev token again", { tokens: [{ token: DEV_TOKEN, subscriptions: ["s"] }] }, /already accepted/],
    ["a duplicate entry", { tokens: [{ token: "x" }, { token: "x" }] }, /tokens\[1\]\.token is already accepted/],
    ["subscriptions not an array", { tokens: [{ token: "x", subscriptions: "s" }] }, /subscriptions must be an array/],
    ["an empty subscription id", { tokens: [{ token: "x", subscriptions: [""] }] }, /subscriptions must be an array of non-empty/],
    ["expiresAtMs not a number", { tokens: [{ token: "x", expiresAtMs: "soon" }] }, /expiresAtMs must be a finite number/],
    ["expiresAtMs NaN", { tokens: [{ token: "x", expiresAtMs: NaN }] }, /expiresAtMs must be a finite number/],
    ["an unknown key", { tokens: [{ token: "x", expires: 1 }] }, /knows token, subscriptions, expiresAtMs, not expires/],
  ])("%s is refused", (_why, options, message) => {
    expect(() => resolveConfiguration(options as never)).toThrow(message);
  });

  test("a refusal never repeats the token", () => {
    expect(() => resolveConfiguration({ tokens: [{ token: "hidden-value" }, { token: "hidden-value" }] })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hidden-value") }),
    );
  });

  test("absent, the configuration accepts `token` alone; given, a copy the caller cannot change afterwards", () => {
    expect(resolveConfiguration({}).acceptedTokens).toEqual([{ token: DEV_TOKEN }]);
    const subs = ["Sub-A"];
    const config = resolveConfiguration({ token: "t", tokens: [{ token: "u", subscriptions: subs, expiresAtMs: 5 }] });
    subs.push("sub-b");
    expect(config.acceptedTokens).toEqual([{ token: "t" }, { token: "u", subscriptions: new Set(["sub-a"]), expiresAtMs: 5 }]);
  });
});

/** ARM's scope of a request: its path, without the action segment of a POST (`.../listkeys`). */
function scopeOf(method: string, path: string): string {
  return method === "POST" ? path.slice(0, path.lastIndexOf("/")) : path;
}

function armUtc(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}
