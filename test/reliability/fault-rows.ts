/**
 * The rows of the fault matrix that the emulator's fault injector and out-of-band writes produce on one cell's hub
 * while other cells run beside it (docs/FAULT-MATRIX.md, "Rows"). The two rows that need the whole emulator or the
 * provider host (a restart, a killed host) are run by the suite itself.
 */
import { DEV_TOKEN, type RunningEmulator } from "../../emulator";
import { hubRef } from "../iothub/world";
import type { Op, RowTitle } from "./matrix-table";

export interface CellContext {
  emulator: RunningEmulator;
  /** The cell's own hub (no other cell touches it). */
  hub: string;
  /** The consumer group the cell's operation writes: created for groupCreate, deleted for groupDelete. */
  group: string;
  op: Op;
}

export interface FaultRow extends RowTitle {
  /** Operations this fault does not apply to, with the reason. */
  notApplicable?: Partial<Record<Op, string>>;
  /** Puts the fault in place before the step that runs the operation. */
  inject(c: CellContext): void | Promise<void>;
  /** Whether the journal shows the fault hit the cell; default: a non-2xx answer (or none) on the cell's hub paths. */
  fired?(c: CellContext): boolean;
  /**
   * Operations the provider refuses on purpose, with what the user does next (no next run converges by itself); with
   * `tag`, the outside writer's value of that tag stays on the hub.
   */
  refusal?: { ops: Op[]; then: string; tag?: { name: string; value: string } };
  /** The error code a failed step must name (default: any `Status (nnn) Code`). */
  code?: RegExp;
  /** Known limits: the operation's cell is run and its documented consequence checked, the reason shown. */
  limits?: Partial<Record<Op, string>>;
}

const API = "2023-06-30";

/** The request that carries the cell's operation, as a fault rule's method and path. */
export function operationRequest(c: CellContext): { method: string; path: RegExp } {
  const hub = new RegExp(`/IotHubs/${c.hub}$`, "i");
  const group = new RegExp(`/IotHubs/${c.hub}/eventHubEndpoints/events/ConsumerGroups/${c.group}$`, "i");
  switch (c.op) {
    case "create":
    case "update":
      return { method: "PUT", path: hub };
    case "delete":
      return { method: "DELETE", path: hub };
    case "refresh":
      return { method: "GET", path: hub };
    case "groupCreate":
      return { method: "PUT", path: group };
    case "groupDelete":
      return { method: "DELETE", path: group };
  }
}

const onRequest = (c: CellContext, action: Parameters<RunningEmulator["faults"]["add"]>[0]["action"], times = 1): void =>
  c.emulator.faults.add({ ...operationRequest(c), times, action });

const NOT_LRO = "answered at once: no long-running operation to poll or to fail";
const NO_IF_MATCH_GROUPS = "consumer-group writes carry no If-Match (the service reports no etag for a group), so no 412";
const NO_WRITE = "a read sends no If-Match: nothing to refuse with 412";

/** The provider's attempts at one request (DEFAULT_MAX_ATTEMPTS, provider/arm/constants.ts): a fault this many times outlasts its retries. */
const ATTEMPTS = 4;

export const STANDARD_ROWS: FaultRow[] = [
  {
    key: "429-seconds",
    title: "429, `Retry-After: 1` (seconds)",
    inject: (c) => onRequest(c, { kind: "status", status: 429, retryAfterSeconds: 1 }),
  },
  {
    key: "429-date",
    title: "429, `Retry-After` as an HTTP date 1 s ahead",
    inject: (c) => onRequest(c, { kind: "status", status: 429, retryAfterSeconds: 1, retryAfterAs: "httpDate" }),
  },
  {
    key: "500",
    title: `500 on every attempt (${ATTEMPTS}, all the retries)`,
    code: /InternalServerError \(500\) IH500001/,
    inject: (c) => onRequest(c, { kind: "status", status: 500 }, ATTEMPTS),
  },
  {
    key: "503",
    title: "503 once",
    inject: (c) => onRequest(c, { kind: "status", status: 503 }),
  },
  {
    key: "drop",
    title: "connection dropped before the answer (nothing done)",
    inject: (c) => onRequest(c, { kind: "drop" }),
  },
  {
    key: "answer-lost",
    title: "connection dropped after the service acted (answer lost)",
    inject: (c) => onRequest(c, { kind: "dropAnswer" }),
  },
  {
    key: "slow",
    title: "answer slower (3 s) than the per-request timeout (`iothub:requestTimeoutMs` 1000)",
    inject: (c) => onRequest(c, { kind: "delay", ms: 3_000 }),
  },
  {
    key: "status-url",
    title: `status URL (LRO polling) answers 500 mid-poll, ${ATTEMPTS} times in a row`,
    notApplicable: { refresh: NOT_LRO, groupCreate: NOT_LRO, groupDelete: NOT_LRO },
    code: /InternalServerError \(500\) IH500001/,
    inject: (c) => c.emulator.faults.add({ method: "GET", operationOf: c.hub, times: ATTEMPTS, action: { kind: "status", status: 500 } }),
    fired: (c) => c.emulator.requests.entries().some((e) => /\/operationResults\//i.test(e.path) && e.status === 500),
  },
  {
    key: "failed",
    title: "the operation ends `Failed`",
    notApplicable: { refresh: NOT_LRO, groupCreate: NOT_LRO, groupDelete: NOT_LRO },
    code: /IotHubUnitsExceeded/,
    inject: (c) => c.emulator.faults.failNextOperation({ hubName: c.hub, code: "IotHubUnitsExceeded", message: "injected: the units quota is exhausted" }),
  },
  {
    key: "409",
    title: "409 not Active: an outside writer's operation runs (0.6 s), the write meets it twice",
    notApplicable: {
      create: "a hub that does not exist yet runs nobody's operation (an existing one is the 412 row)",
      refresh: "reads are answered while a hub transitions: no 409",
    },
    inject: (c) => {
      c.emulator.outOfBand.startTransition({ ...hubRef(c.hub), ms: 600 });
      onRequest(c, { kind: "hubNotActive" }, 2);
    },
  },
  {
    key: "412",
    title: "412 from an out-of-band change the program does not manage (an outside consumer group; for a create: an outside hub of that name)",
    notApplicable: { refresh: NO_WRITE, groupCreate: NO_IF_MATCH_GROUPS, groupDelete: NO_IF_MATCH_GROUPS },
    code: /\(412\) IH412001/,
    refusal: { ops: ["create"], then: "refused: somebody else's hub, untouched (`adoptExisting: true` takes it over)" },
    inject: async (c) => {
      if (c.op === "create") await outsideCreate(c.emulator, c.hub);
      else c.emulator.outOfBand.createConsumerGroup({ subscriptionId: hubRef(c.hub).subscriptionId, resourceGroup: hubRef(c.hub).resourceGroup, hubName: c.hub, name: "outside" });
    },
    fired: (c) => c.emulator.requests.entries().some((e) => e.path.toLowerCase().endsWith(`/iothubs/${c.hub.toLowerCase()}`) && e.status === 412),
  },
  {
    key: "412-managed",
    title: "412 from an out-of-band change of a managed field (tag `env` set to `staging`)",
    notApplicable: {
      create: "nothing in state to compare with: see the 412 row",
      refresh: NO_WRITE,
      groupCreate: NO_IF_MATCH_GROUPS,
      groupDelete: NO_IF_MATCH_GROUPS,
    },
    code: /\(412\) IH412001/,
    refusal: { ops: ["update", "delete"], then: "refused, naming the field, until `pulumi refresh`; nothing written", tag: { name: "env", value: "staging" } },
    inject: (c) => c.emulator.outOfBand.updateHub({ ...hubRef(c.hub), mutate: (hub) => (hub.tags = { ...hub.tags, env: "staging" }) }),
  },
  {
    key: "404",
    title: "the 404-after-update quirk: 3 GETs of the hub answer 404 after an update (the program's own, else an outside writer's)",
    notApplicable: { create: "the quirk follows an update of an existing hub" },
    limits: {
      refresh:
        "a refresh inside the window takes the 404 for a deleted hub and drops it from state (the provider cannot tell " +
        "the quirk from a delete by one GET); the next `up` creates it again, meets the existing hub by its ownership " +
        "tag and takes it back: no duplicate, no orphan (checked)",
    },
    inject: async (c) => {
      c.emulator.faults.notFoundAfterUpdate({ hubName: c.hub, gets: 3 });
      if (c.op !== "update") await outsideUpdate(c.emulator, c.hub);
    },
    fired: (c) => c.emulator.requests.entries().some((e) => e.path.toLowerCase().endsWith(`/iothubs/${c.hub.toLowerCase()}`) && e.method === "GET" && e.status === 404),
  },
];

/** Default `fired`: the journal shows an unanswered or failed request on the cell's hub (or its groups). */
export function firedOnHub(c: CellContext): boolean {
  const needle = `/iothubs/${c.hub.toLowerCase()}`;
  return c.emulator.requests.entries().some((e) => e.path.toLowerCase().includes(needle) && (e.status === 0 || e.status >= 400));
}

async function arm(emulator: RunningEmulator, method: string, path: string, o: { body?: unknown; ifMatch?: string } = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${DEV_TOKEN}`, "content-type": "application/json" };
  if (o.ifMatch !== undefined) headers["if-match"] = o.ifMatch;
  const url = path.startsWith("http") ? path : `${emulator.url}${path}?api-version=${API}`;
  const res = await fetch(url, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text) };
}

function hubArmPath(name: string): string {
  const ref = hubRef(name);
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.Devices/IotHubs/${name}`;
}

async function untilOperationEnds(emulator: RunningEmulator, statusUrl: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const { body } = await arm(emulator, "GET", statusUrl);
    if ((body as { status: string }).status !== "Running") return;
  }
  throw new Error(`the outside writer's operation ${statusUrl} did not end`);
}

/** Another client creates a hub of that name (no ownership tag) and waits for it, before the program's create. */
async function outsideCreate(emulator: RunningEmulator, name: string): Promise<void> {
  const put = await arm(emulator, "PUT", hubArmPath(name), {
    body: { location: "westeurope", sku: { name: "S1", capacity: 1 }, tags: { owner: "someone-else" }, properties: {} },
  });
  await untilOperationEnds(emulator, put.headers.get("azure-asyncoperation") ?? "");
}

/** Another client updates the hub (its own document back, unchanged) and waits for the operation to succeed. */
async function outsideUpdate(emulator: RunningEmulator, name: string): Promise<void> {
  const { body } = await arm(emulator, "GET", hubArmPath(name));
  const hub = body as { etag: string };
  const put = await arm(emulator, "PUT", hubArmPath(name), { body: hub, ifMatch: hub.etag });
  await untilOperationEnds(emulator, put.headers.get("azure-asyncoperation") ?? "");
}
