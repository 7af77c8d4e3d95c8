import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolveClients, type ClientGrant } from "./aad";
import type { AcceptedToken } from "./auth";
import { SYSTEM_CLOCK, type EmulatorClock } from "./clock";
import {
  DEFAULT_HOST,
  DEFAULT_NOT_FOUND_GETS_AFTER_LOCAL_AUTH_CHANGE,
  DEFAULT_PAGE_SIZE,
  DEFAULT_PORT,
  DEFAULT_PROVISIONING_MS,
  DEFAULT_RETRY_AFTER_SECONDS,
  DEFAULT_THROTTLING,
  DEV_TOKEN,
  MAX_THROTTLING_VALUE,
  MIN_REFILL_PER_SECOND,
} from "./constants";
import { Scheduler, type EmulatorScheduler } from "./lro/scheduler";

/** ARM's three subscription buckets (emulator/README.md "Throttling"). */
export type RateLimitKind = "reads" | "writes" | "deletes";
export const RATE_LIMIT_KINDS: readonly RateLimitKind[] = ["reads", "writes", "deletes"];

/** One token bucket; what is left out keeps ARM's value. */
export interface TokenBucketOptions {
  /** tokens when full: the largest burst (reads 250, writes 200, deletes 200) */
  capacity?: number;
  /**
   * tokens added back per second, continuously (reads 25, writes 10, deletes 10); may be a fraction (0.25: one
   * token every 4 s) so a test can see a Retry-After above 1
   */
  perSecond?: number;
}

/** ARM's per-subscription token buckets; tests scale them down (or up) here. */
export interface ThrottlingOptions {
  reads?: TokenBucketOptions;
  writes?: TokenBucketOptions;
  deletes?: TokenBucketOptions;
}

/**
 * A further accepted bearer token, limited in scope and time (emulator/README.md "Tokens and subscriptions"): used on
 * a subscription it is not granted → 403 AuthorizationFailed; used at or after its expiry → 401
 * ExpiredAuthenticationToken.
 */
export interface TokenGrant {
  /** the bearer token; non-empty, no whitespace, different from `token` and every other entry */
  token: string;
  /** subscription ids it may act on, compared case-insensitively; absent: every subscription */
  subscriptions?: string[];
  /** ms since the epoch on the emulator's clock; refused from this instant on; absent: never expires */
  expiresAtMs?: number;
}

/** Options of `startEmulator` (ARCHITECTURE.md §1). */
export interface EmulatorOptions {
  /** default "127.0.0.1" */
  host?: string;
  /** default 0 (any free port) */
  port?: number;
  /** accepted bearer token (every subscription, never expires); default DEV_TOKEN */
  token?: string;
  /** further accepted tokens, each maybe limited to some subscriptions and an expiry; `token` stays accepted */
  tokens?: TokenGrant[];
  /** PEM; serve HTTPS */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** app registrations of the Azure AD token endpoint, whose tokens ARM routes accept (emulator/README.md "Azure AD token endpoint") */
  clients?: ClientGrant[];
  /** persist state (atomic writes); in-memory when absent */
  dataDir?: string;
  /** duration of each transitional hub state (Accepted, Activating, Transitioning, Deleting); default 1000 */
  provisioningMs?: number;
  /** Retry-After header value on 202s; default 1 */
  retryAfterSeconds?: number;
  /** items per page for list operations (nextLink paging); default 100 */
  pageSize?: number;
  /** every time the emulator reads (timestamps, ids, throttling); default the system clock */
  clock?: EmulatorClock;
  /** every wait the emulator makes (LRO phases, jobs, `delay` faults); default real timers. Stopped by close(). */
  scheduler?: EmulatorScheduler;
  /** ARM's token buckets per subscription; default reads 250 + 25/s, writes 200 + 10/s, deletes 200 + 10/s */
  throttling?: ThrottlingOptions;
  /**
   * answer every hub with its lists (endpoints, routes, enrichments, IP rules, FQDNs) in reverse stored order, to
   * test that a client does not depend on order; default false (emulator/README.md, "Hub settings")
   */
  reorderLists?: boolean;
  /**
   * GETs of a hub answered ARM 404 after an update that changed `disableLocalAuth` succeeded (the real quirk,
   * docs/IOTHUB-ARM.md "404 after an update"); default 2, 0 turns it off
   */
  notFoundGetsAfterLocalAuthChange?: number;
}

/** Options with every default applied and checked once. */
export interface EmulatorConfiguration {
  host: string;
  port: number;
  token: string;
  /** `token` first (unlimited), then every `tokens` entry */
  acceptedTokens: AcceptedToken[];
  tls?: { cert: string | Buffer; key: string | Buffer };
  clients: ClientGrant[];
  dataDir?: string;
  provisioningMs: number;
  retryAfterSeconds: number;
  pageSize: number;
  reorderLists: boolean;
  notFoundGetsAfterLocalAuthChange: number;
  clock: EmulatorClock;
  scheduler: EmulatorScheduler;
  throttling: Record<RateLimitKind, { capacity: number; perSecond: number }>;
}

export function resolveConfiguration(options: EmulatorOptions = {}): EmulatorConfiguration {
  const config: EmulatorConfiguration = {
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? DEFAULT_PORT,
    token: options.token ?? DEV_TOKEN,
    acceptedTokens: [],
    tls: options.tls,
    clients: resolveClients(options.clients),
    dataDir: options.dataDir,
    provisioningMs: options.provisioningMs ?? DEFAULT_PROVISIONING_MS,
    retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    reorderLists: options.reorderLists ?? false,
    notFoundGetsAfterLocalAuthChange: options.notFoundGetsAfterLocalAuthChange ?? DEFAULT_NOT_FOUND_GETS_AFTER_LOCAL_AUTH_CHANGE,
    clock: options.clock ?? SYSTEM_CLOCK,
    scheduler: options.scheduler ?? new Scheduler(),
    throttling: resolveThrottling(options.throttling ?? {}),
  };
  requireInteger("port", config.port, 0, 65_535);
  requireInteger("provisioningMs", config.provisioningMs, 0, 2_147_483_647);
  requireInteger("retryAfterSeconds", config.retryAfterSeconds, 0, 86_400);
  requireInteger("pageSize", config.pageSize, 1, 10_000);
  requireInteger("notFoundGetsAfterLocalAuthChange", config.notFoundGetsAfterLocalAuthChange, 0, 1_000);
  if (typeof config.reorderLists !== "boolean") throw new Error("reorderLists must be a boolean");
  if (config.token === "") throw new Error("token must not be empty");
  config.acceptedTokens = [{ token: config.token }, ...resolveTokens(options.tokens, config.token)];
  requireMethods("clock", config.clock, ["now"]);
  requireMethods("scheduler", config.scheduler, ["after", "sleep", "stop"]);
  return config;
}

function resolveThrottling(given: ThrottlingOptions): EmulatorConfiguration["throttling"] {
  const unknown = Object.keys(given).filter((k) => !(RATE_LIMIT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new Error(`throttling knows ${RATE_LIMIT_KINDS.join(", ")}, not ${unknown.join(", ")}`);
  const resolved = {} as EmulatorConfiguration["throttling"];
  for (const kind of RATE_LIMIT_KINDS) {
    const bucket = {
      capacity: given[kind]?.capacity ?? DEFAULT_THROTTLING[kind].capacity,
      perSecond: given[kind]?.perSecond ?? DEFAULT_THROTTLING[kind].perSecond,
    };
    // At least one token, and some refill: every request can eventually pass.
    requireInteger(`throttling.${kind}.capacity`, bucket.capacity, 1, MAX_THROTTLING_VALUE);
    requireNumber(`throttling.${kind}.perSecond`, bucket.perSecond, MIN_REFILL_PER_SECOND, MAX_THROTTLING_VALUE);
    resolved[kind] = bucket;
  }
  return resolved;
}

/** Checks `tokens` and copies it (a caller changing its array later changes nothing). */
function resolveTokens(given: unknown, mainToken: string): AcceptedToken[] {
  if (given === undefined) return [];
  if (!Array.isArray(given)) throw new Error("tokens must be an array of { token, subscriptions?, expiresAtMs? }");
  const seen = new Set<string>([mainToken]);
  return given.map((entry: unknown, i): AcceptedToken => {
    const name = `tokens[${i}]`;
    if (typeof entry !== "object" || entry === null) throw new Error(`${name} must be an object { token, subscriptions?, expiresAtMs? }`);
    const { token, subscriptions, expiresAtMs, ...rest } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0) throw new Error(`${name} knows token, subscriptions, expiresAtMs, not ${unknown.join(", ")}`);
    if (typeof token !== "string" || token === "" || /\s/.test(token)) {
      throw new Error(`${name}.token must be a non-empty string without whitespace`);
    }
    // Which entry a token means must be unambiguous; the message never repeats the token.
    if (seen.has(token)) throw new Error(`${name}.token is already accepted (as \`token\` or an earlier entry)`);
    seen.add(token);
    const resolved: AcceptedToken = { token };
    if (subscriptions !== undefined) {
      if (!Array.isArray(subscriptions) || subscriptions.some((s) => typeof s !== "string" || s === "")) {
        throw new Error(`${name}.subscriptions must be an array of non-empty subscription ids`);
      }
      resolved.subscriptions = new Set(subscriptions.map((s: string) => s.toLowerCase()));
    }
    if (expiresAtMs !== undefined) {
      if (typeof expiresAtMs !== "number" || !Number.isFinite(expiresAtMs)) {
        throw new Error(`${name}.expiresAtMs must be a finite number (ms since the epoch), got ${String(expiresAtMs)}`);
      }
      resolved.expiresAtMs = expiresAtMs;
    }
    return resolved;
  });
}

function requireNumber(name: string, value: number, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} must be a number between ${min} and ${max}, got ${value}`);
  }
}

function requireMethods(name: string, value: unknown, methods: string[]): void {
  const object = value as Record<string, unknown> | null;
  const missing = methods.filter((m) => typeof object?.[m] !== "function");
  if (typeof value !== "object" || value === null || missing.length > 0) {
    throw new Error(`${name} must be an object with ${methods.map((m) => `${m}()`).join(", ")}`);
  }
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got ${value}`);
  }
}

export const USAGE = `Usage: npm run emulator -- [options]
  --host <addr>            listen address (default ${DEFAULT_HOST})
  --port <n>               port, 0 = any free port (default ${DEFAULT_PORT})
  --token <t>              accepted bearer token (default: the documented dev token)
  --cert <pem> --key <pem> serve HTTPS with this certificate and key (files)
  --data <dir>             persist state in <dir> (default: in memory)
  --provisioning-ms <ms>   duration of each transitional hub state (default ${DEFAULT_PROVISIONING_MS})
  --retry-after <s>        Retry-After seconds on 202 answers (default ${DEFAULT_RETRY_AFTER_SECONDS})
  --page-size <n>          items per page of list answers (default ${DEFAULT_PAGE_SIZE})
  --reads-bucket <n>       read tokens per subscription when full (default ${DEFAULT_THROTTLING.reads.capacity})
  --reads-per-second <x>   read tokens refilled per second, fractions allowed (default ${DEFAULT_THROTTLING.reads.perSecond})
  --writes-bucket <n>      write tokens (PUT, PATCH, POST) when full (default ${DEFAULT_THROTTLING.writes.capacity})
  --writes-per-second <x>  write tokens refilled per second (default ${DEFAULT_THROTTLING.writes.perSecond})
  --deletes-bucket <n>     delete tokens when full (default ${DEFAULT_THROTTLING.deletes.capacity})
  --deletes-per-second <x> delete tokens refilled per second (default ${DEFAULT_THROTTLING.deletes.perSecond})`;

/** Parses the CLI flags of ARCHITECTURE.md §1 into options. Throws with a usage text on bad input. */
export function optionsFromArgs(args: string[]): EmulatorOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      token: { type: "string" },
      cert: { type: "string" },
      key: { type: "string" },
      data: { type: "string" },
      "provisioning-ms": { type: "string" },
      "retry-after": { type: "string" },
      "page-size": { type: "string" },
      ...Object.fromEntries(
        RATE_LIMIT_KINDS.flatMap((kind) => [
          [`${kind}-bucket`, { type: "string" as const }],
          [`${kind}-per-second`, { type: "string" as const }],
        ]),
      ),
    },
  });
  if ((values.cert === undefined) !== (values.key === undefined)) {
    throw new Error("--cert and --key go together");
  }
  return {
    host: values.host,
    port: numberFlag("--port", values.port),
    token: values.token,
    tls: values.cert !== undefined && values.key !== undefined
      ? { cert: readFileSync(values.cert), key: readFileSync(values.key) }
      : undefined,
    dataDir: values.data,
    provisioningMs: numberFlag("--provisioning-ms", values["provisioning-ms"]),
    retryAfterSeconds: numberFlag("--retry-after", values["retry-after"]),
    pageSize: numberFlag("--page-size", values["page-size"]),
    throttling: throttlingFlags(values as Record<string, string | undefined>),
  };
}

/** `--reads-bucket 3 --reads-per-second 1` → `{reads: {capacity: 3, perSecond: 1}}`; undefined when none is given. */
function throttlingFlags(values: Record<string, string | undefined>): ThrottlingOptions | undefined {
  const throttling: ThrottlingOptions = {};
  for (const kind of RATE_LIMIT_KINDS) {
    const capacity = numberFlag(`--${kind}-bucket`, values[`${kind}-bucket`]);
    const perSecond = decimalFlag(`--${kind}-per-second`, values[`${kind}-per-second`]);
    if (capacity !== undefined || perSecond !== undefined) throttling[kind] = { capacity, perSecond };
  }
  return Object.keys(throttling).length > 0 ? throttling : undefined;
}

function decimalFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new Error(`${name} needs a number, got '${value}'`);
  return n;
}

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n)) throw new Error(`${name} needs an integer, got '${value}'`);
  return n;
}
