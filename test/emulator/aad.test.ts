import { ClientSecretCredential } from "@azure/identity";
import { Agent, fetch } from "undici";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { resolveConfiguration } from "../../emulator/configuration";
import { localhostCertificate } from "../../tools/tls/localhost-certificate";
import { OTHER_SUB, SUB } from "./helpers";
import { ManualTime } from "./manual-time";

/**
 * The Azure AD token endpoint (emulator/README.md "Azure AD token endpoint"): the client-credentials grant as
 * Microsoft documents it, a real ClientSecretCredential from @azure/identity obtaining a token over TLS, and ARM
 * routes accepting that token within the client's subscriptions. No answer ever carries a client secret.
 */
const TENANT = "00000000-0000-0000-0000-0000000aad01";
const CLIENT = "00000000-0000-0000-0000-0000000c1e01";
const SECRET = "emulator-client-secret-value-7f3a";
const LIMITED_CLIENT = "00000000-0000-0000-0000-0000000c1e02";
const LIMITED_SECRET = "emulator-limited-secret-value-91bd";

let emulator: RunningEmulator;
let cert: string;
let dispatcher: Agent;

beforeAll(async () => {
  const tls = await localhostCertificate();
  cert = tls.cert;
  dispatcher = new Agent({ connect: { ca: cert } });
  emulator = await startEmulator({
    tls,
    clients: [
      { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET },
      { tenantId: TENANT, clientId: LIMITED_CLIENT, clientSecret: LIMITED_SECRET, subscriptions: [SUB] },
    ],
  });
});
afterAll(async () => {
  await emulator?.close();
  await dispatcher?.close();
});

async function post(path: string, form: Record<string, string>): Promise<{ status: number; text: string; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
    dispatcher,
 });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

async function armGet(path: string, token: string): Promise<number> {
  const res = await fetch(`${emulator.url}${path}?api-version=2021-04-01`, { headers: { authorization: `Bearer ${token}` }, dispatcher});
  await res.text();
  return res.status;
}

const tokenPath = `/${TENANT}/oauth2/v2.0/token`;
const grant = (over: Record<string, string> = {}) => ({
  grant_type: "client_credentials",
  client_id: CLIENT,
  client_secret: SECRET,
  scope: `${"https://management.azure.com"}/.default`,
  ...over,
});

test("the client-credentials grant answers a Bearer token that ARM routes then accept", async () => {
  const r = await post(tokenPath, grant());
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: expect.stringMatching(/^aad-\S{40,}$/) });
  expect(r.text).not.toContain(SECRET);
  // Authenticated: the group is missing (404), not the token (401).
  expect(await armGet(`/subscriptions/${SUB}/resourcegroups/none`, String(r.body.access_token))).toBe(404);
  expect(await armGet(`/subscriptions/${SUB}/resourcegroups/none`, "aad-not-issued")).toBe(401);
});

test("a client's subscriptions limit its tokens (403 elsewhere)", async () => {
  const r = await post(tokenPath, grant({ client_id: LIMITED_CLIENT, client_secret: LIMITED_SECRET }));
  expect(r.status).toBe(200);
  expect(await armGet(`/subscriptions/${SUB}/resourcegroups/none`, String(r.body.access_token))).toBe(404);
  expect(await armGet(`/subscriptions/${OTHER_SUB}/resourcegroups/none`, String(r.body.access_token))).toBe(403);
});

test.each([
  ["a wrong secret", tokenPath, grant({ client_secret: `${SECRET}-wrong` }), 401, "invalid_client", "AADSTS7000215: Invalid client secret provided."],
  ["another client's secret", tokenPath, grant({ client_secret: LIMITED_SECRET }), 401, "invalid_client", "AADSTS7000215:"],
  ["an unknown client", tokenPath, grant({ client_id: "00000000-0000-0000-0000-000000000bad" }), 400, "unauthorized_client", "AADSTS700016: Application with identifier"],
  ["an unknown tenant", `/00000000-0000-0000-0000-000000000bad/oauth2/v2.0/token`, grant(), 400, "invalid_request", "AADSTS90002: Tenant"],
  ["another grant type", tokenPath, grant({ grant_type: "password" }), 400, "unsupported_grant_type", "AADSTS70003:"],
  ["a scope without /.default", tokenPath, grant({ scope: "https://management.azure.com/user_impersonation" }), 400, "invalid_scope", "AADSTS1002012:"],
])("%s is refused as Azure AD refuses it, without echoing a secret", async (_why, path, form, status, error, description) => {
  const r = await post(path, form);
  expect(r.status).toBe(status);
  expect(r.body.error).toBe(error);
  expect(String(r.body.error_description).startsWith(description)).toBe(true);
  expect(r.body).toMatchObject({ error_codes: [expect.any(Number)], trace_id: expect.any(String), correlation_id: expect.any(String) });
  for (const secret of [SECRET, LIMITED_SECRET, form.client_secret]) expect(r.text).not.toContain(secret);
});

test("OpenID discovery names the token endpoint on the emulator's own origin", async () => {
  const res = await fetch(`${emulator.url}/${TENANT}/v2.0/.well-known/openid-configuration`, { dispatcher});
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({
    issuer: `${emulator.url}/${TENANT}/v2.0`,
    token_endpoint: `${emulator.url}/${TENANT}/oauth2/v2.0/token`,
    authorization_endpoint: expect.any(String),
    jwks_uri: expect.any(String),
  });
});

test("a real ClientSecretCredential (@azure/identity) gets a token the emulator accepts; a wrong secret fails without the secret", async () => {
  const options = { authorityHost: emulator.url, disableInstanceDiscovery: true, tlsOptions: { ca: cert } };
  const credential = new ClientSecretCredential(TENANT, CLIENT, SECRET, options);
  const token = await credential.getToken(`${emulator.url}/.default`);
  expect(token?.token).toMatch(/^aad-/);
  expect(await armGet(`/subscriptions/${SUB}/resourcegroups/none`, token!.token)).toBe(404);

  const wrong = new ClientSecretCredential(TENANT, CLIENT, "a-wrong-secret-0123456789", options);
  const error = await wrong.getToken(`${emulator.url}/.default`).then(() => undefined, (e: Error) => e);
  expect(error?.message).toMatch(/AADSTS7000215/);
  expect(error?.message).not.toContain("a-wrong-secret-0123456789");
  expect(error?.message).not.toContain(SECRET);
});

test("an issued token expires after expires_in on the emulator's clock", async () => {
  const time = new ManualTime();
  const tls = await localhostCertificate();
  const timed = await startEmulator({ tls, clock: time, scheduler: time, clients: [{ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET }] });
  const agent = new Agent({ connect: { ca: tls.cert } });
  try {
    const res = await fetch(`${timed.url}${tokenPath}`, { method: "POST", body: new URLSearchParams(grant()).toString(), headers: { "content-type": "application/x-www-form-urlencoded" }, dispatcher: agent });
    const { access_token: token, expires_in: seconds } = (await res.json()) as { access_token: string; expires_in: number };
    const get = async () => {
      const r = await fetch(`${timed.url}/subscriptions/${SUB}/resourcegroups/none?api-version=2021-04-01`, { headers: { authorization: `Bearer ${token}` }, dispatcher: agent });
      return { status: r.status, body: (await r.json()) as { error: { code: string } } };
    };
    time.advance(seconds * 1000 - 1);
    expect((await get()).status).toBe(404);
    time.advance(1);
    expect(await get()).toMatchObject({ status: 401, body: { error: { code: "ExpiredAuthenticationToken" } } });
  } finally {
    await timed.close();
    await agent.close();
  }
});

describe("the clients option is checked", () => {
  test.each([
    ["not an array", { clients: {} }, /clients must be an array/],
    ["an empty secret", { clients: [{ tenantId: "t", clientId: "c", clientSecret: "" }] }, /clients\[0\]\.clientSecret must be a non-empty string/],
    ["a tenant with a slash", { clients: [{ tenantId: "a/b", clientId: "c", clientSecret: "s" }] }, /clients\[0\]\.tenantId/],
    ["a duplicate client", { clients: [{ tenantId: "t", clientId: "c", clientSecret: "s1" }, { tenantId: "T", clientId: "C", clientSecret: "s2" }] }, /clients\[1\]: tenant T already has client C/],
    ["an unknown key", { clients: [{ tenantId: "t", clientId: "c", clientSecret: "s", secret: "x" }] }, /not secret/],
    ["bad subscriptions", { clients: [{ tenantId: "t", clientId: "c", clientSecret: "s", subscriptions: [""] }] }, /subscriptions must be an array/],
  ])("%s is refused, without the secret", (_why, options, message) => {
    expect(() => resolveConfiguration(options as never)).toThrow(message);
    expect(() => resolveConfiguration(options as never)).toThrow(expect.objectContaining({ message: expect.not.stringContaining("s1") }));
  });
});
