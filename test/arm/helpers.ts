/**
 * Shared test fixtures: a MockAgent that refuses real connections, a virtual clock whose `delay` only moves
 * time forward, and a client wired to both.
 */
import { MockAgent } from "undici";
import type { TokenCredential } from "@azure/core-auth";
import { ArmClient, type ArmClientOptions, type ArmError } from "../../provider/arm";

export const ENDPOINT = "https://management.azure.com";
export const TOKEN = "test-token-abc.def";
export const SUB = "00000000-0000-0000-0000-000000000001";
export const HUB_PATH = `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Devices/IotHubs/hub1`;
export const API = "2023-06-30";
export const q = (path: string, apiVersion = API) => `${path}?api-version=${apiVersion}`;

export interface FakeTime {
  now: () => number;
  delay: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every wait asked for, in order. */
  waits: number[];
  startedAt: number;
}

export function fakeTime(startedAt = Date.UTC(2026, 10, 25, 20, 0, 0)): FakeTime {
  let t = startedAt;
  const waits: number[] = [];
  return {
    startedAt,
    waits,
    now: () => t,
    delay: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
      t += ms;
    },
  };
}

export function mockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

export function fakeCredential(token = TOKEN): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    getToken: async () => {
      credential.calls += 1;
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return credential;
}

export function testClient(agent: MockAgent, time: FakeTime, extra: Partial<ArmClientOptions> = {}): ArmClient {
  return new ArmClient({
    endpoint: ENDPOINT,
    credential: fakeCredential(),
    dispatcher: agent,
    delay: time.delay,
    now: time.now,
    random: () => 0.5,
    ...extra,
  });
}

export interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Reads what undici's MockAgent hands a reply callback into a plain record. */
export function seen(opts: { method: string; path: string; headers?: unknown; body?: unknown }): Seen {
  const headers: Record<string, string> = {};
  const raw = opts.headers;
  if (Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i += 2) headers[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
  } else if (raw && typeof raw === "object") {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
  }
  const body = typeof opts.body === "string" && opts.body !== "" ? JSON.parse(opts.body) : undefined;
  return { method: opts.method, path: opts.path, headers, body };
}

export interface Step {
  method: string;
  /** Path with query, as the client sends it. */
  path: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Reply with a network error instead of a response. */
  errorCode?: string;
}

/**
 * Registers an ordered response table and returns the list of requests as they arrive. Identical
 * method+path interceptors are consumed in registration order, so a table reads top to bottom.
 */
export function script(agent: MockAgent, steps: Step[], origin = ENDPOINT): Seen[] {
  const pool = agent.get(origin);
  const arrived: Seen[] = [];
  for (const step of steps) {
    const interceptor = pool.intercept({ path: step.path, method: step.method });
    if (step.errorCode) {
      interceptor.replyWithError(Object.assign(new Error(`socket trouble (${step.errorCode})`), { code: step.errorCode }));
      continue;
    }
    interceptor.reply((opts) => {
      arrived.push(seen(opts as never));
      return {
        statusCode: step.status ?? 200,
        data: step.body === undefined ? "" : typeof step.body === "string" ? step.body : JSON.stringify(step.body),
        responseOptions: { headers: { "content-type": "application/json", ...step.headers } },
      };
    });
  }
  return arrived;
}

export const lines = (arrived: Seen[]) => arrived.map((s) => `${s.method} ${s.path}`);

/** Runs `fn`, expecting it to throw, and returns what it threw (typed as ArmError for the assertions). */
export async function caught(fn: () => Promise<unknown>): Promise<ArmError> {
  try {
    await fn();
  } catch (error) {
    return error as ArmError;
  }
  throw new Error("expected a rejection");
}
