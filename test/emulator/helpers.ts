import { DEV_TOKEN, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

/** Shared test plumbing: a real emulator on port 0 and a tiny fetch-based ARM caller. */

export const SUB = "00000000-0000-0000-0000-000000000001";
export const OTHER_SUB = "00000000-0000-0000-0000-000000000002";
export const RG = "rg-test";
export const V2016 = "2016-02-03";
export const V2023 = "2023-06-30";
export const API_VERSIONS = [V2016, V2023] as const;

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are asserted field by field
  body: any;
  text: string;
}

export interface CallOptions {
  apiVersion?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** null: no Authorization header */
  token?: string | null;
}

export class TestArm {
  constructor(readonly emulator: RunningEmulator) {}

  get url(): string {
    return this.emulator.url;
  }

  async call(method: string, pathOrUrl: string, o: CallOptions = {}): Promise<Reply> {
    const url = new URL(pathOrUrl.startsWith("http") ? pathOrUrl : this.url + pathOrUrl);
    const apiVersion = o.apiVersion === undefined ? V2023 : o.apiVersion;
    if (apiVersion !== null && !url.searchParams.has("api-version")) url.searchParams.set("api-version", apiVersion);
    const headers: Record<string, string> = { ...o.headers };
    const token = o.token === undefined ? DEV_TOKEN : o.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (o.body !== undefined) {
      payload = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
      headers["content-type"] = "application/json";
    }
    const res = await fetch(url, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  async createGroup(name = RG, sub = SUB): Promise<void> {
    const r = await this.call("PUT", `/subscriptions/${sub}/resourcegroups/${name}`, { apiVersion: "2021-04-01", body: { location: "westus" } });
    if (r.status !== 201 && r.status !== 200) throw new Error(`group: ${r.status} ${r.text}`);
  }

  /** PUT the hub and wait until its operation leaves Running; returns the final status body. */
  async createHub(name: string, o: { apiVersion?: string; body?: unknown; sub?: string; rg?: string } = {}): Promise<Reply> {
    const body = o.body ?? hubBody(o.apiVersion ?? V2023);
    const put = await this.call("PUT", hubPath(name, o.sub, o.rg), { apiVersion: o.apiVersion ?? V2023, body });
    if (put.status !== 201 && put.status !== 200) throw new Error(`createHub ${name}: ${put.status} ${put.text}`);
    await this.waitForOperation(put.headers.get("azure-asyncoperation")!);
    return put;
  }

  async waitForOperation(asyncOperationUrl: string, timeoutMs = 5_000): Promise<Reply> {
    return waitFor(
      async () => {
        const r = await this.call("GET", asyncOperationUrl);
        return r.body?.status !== "Running" && r;
      },
      { timeoutMs, what: "the operation to leave Running" },
    );
  }

  async deleteHubAndWait(name: string, o: { sub?: string; rg?: string } = {}): Promise<void> {
    const r = await this.call("DELETE", hubPath(name, o.sub, o.rg));
    if (r.status === 202) await this.waitForOperation(r.headers.get("azure-asyncoperation")!);
  }
}

export function hubPath(name: string, sub = SUB, rg = RG): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Devices/IotHubs/${name}`;
}

/** A minimal valid PUT body for the api-version (2016 needs both event hub endpoints, swagger 2016). */
export function hubBody(apiVersion: string, o: { sku?: string; capacity?: number; partitionCount?: number; location?: string } = {}): Record<string, unknown> {
  const partitionCount = o.partitionCount ?? (o.sku === "F1" ? 2 : 4);
  const endpoint = { retentionTimeInDays: 1, partitionCount };
  return {
    location: o.location ?? "westus",
    sku: { name: o.sku ?? "S1", capacity: o.capacity ?? 1 },
    properties: {
      eventHubEndpoints: apiVersion === V2016 ? { events: endpoint, operationsMonitoringEvents: endpoint } : { events: endpoint },
    },
  };
}

/**
 * Polls `probe` until it returns something truthy and returns that; throws once `timeoutMs` (default 5 s) passed.
 * For "until X happened" in tests against real time: the wait ends as soon as X is seen, never later, and a fixed
 * guess of how long X takes never makes a test flaky. The probe may record what it sees on the way.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  o: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<Exclude<T, false | 0 | "" | null | undefined>> {
  const timeoutMs = o.timeoutMs ?? 5_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<T, false | 0 | "" | null | undefined>;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${o.what ?? "a condition"}`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 5)); // the pause between two looks at the condition
  }
}

/** Starts an emulator for one test file; `arm()` gives the caller. Always closes it. */
export function useEmulator(options: EmulatorOptions = {}): { arm: () => TestArm } {
  let arm: TestArm | undefined;
  beforeAll(async () => {
    arm = new TestArm(await startEmulator({ provisioningMs: 20, retryAfterSeconds: 0, ...options }));
  });
  afterAll(async () => {
    await arm?.emulator.close();
  });
  return {
    arm: () => {
      if (!arm) throw new Error("emulator not started");
      return arm;
    },
  };
}

let counter = 0;
/** Hub names are global; every test takes a fresh one. */
export function uniqueHubName(prefix = "hub"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
