import type { FaultInjector, FaultRule } from "../faults";
import type { OutOfBand } from "../out-of-band";
import type { HubDescription } from "../store/model";

/**
 * `/_emulator/...`: the programmatic fault and out-of-band API as JSON, outside the ARM namespace, without auth
 * (ARCHITECTURE.md §1). Every operation is `POST /_emulator/<group>/<method>` with the method's argument as body:
 *
 *   POST /_emulator/faults/add                 FaultRule; RegExp paths as {"pathRegex":"...","flags":"i"}
 *   POST /_emulator/faults/failNextOperation   {hubName, code?, message?}
 *   POST /_emulator/faults/notFoundAfterUpdate {hubName, gets}
 *   POST /_emulator/faults/failNextJob         {hubName, reason?}
 *   POST /_emulator/faults/clear
 *   POST /_emulator/outOfBand/updateHub        {subscriptionId, resourceGroup, name, patch}  (patch deep-merged; null deletes)
 *   POST /_emulator/outOfBand/deleteHub | createConsumerGroup | deleteConsumerGroup | startTransition | getHub
 *        | createResourceGroup | listConsumerGroups | listHubs | reorderHubLists   (same arguments as the TypeScript API)
 *   GET  /_emulator/health                     {"status":"ok"}
 *
 * Answers: 200 with `{"result": ...}` (getHub/listConsumerGroups/listHubs) or 204; 400 `{"error":{"code","message"}}`.
 */
export interface ControlAnswer {
  status: number;
  body?: unknown;
}

type Body = Record<string, unknown>;

export class ControlRoutes {
  constructor(
    private readonly faults: FaultInjector,
    private readonly outOfBand: OutOfBand,
  ) {}

  async handle(method: string, subPath: string, body: unknown): Promise<ControlAnswer> {
    const route = subPath.replace(/\/+$/, "");
    if (method === "GET" && route === "health") return { status: 200, body: { status: "ok" } };
    if (method !== "POST") return bad(405, "MethodNotAllowed", "Control operations are POST (GET only for /_emulator/health).");
    const b = (typeof body === "object" && body !== null ? body : {}) as Body;
    try {
      const result = this.run(route, b);
      return result === undefined ? { status: 204 } : { status: 200, body: { result } };
    } catch (e) {
      return bad(400, "ControlRequestFailed", (e as Error).message);
    }
  }

  private run(route: string, b: Body): unknown {
    /* eslint-disable @typescript-eslint/no-explicit-any -- JSON arguments are checked by the API they are passed to */
    const a = b as any;
    switch (route) {
      case "faults/add":
        return this.faults.add(toFaultRule(b));
      case "faults/failNextOperation":
        return this.faults.failNextOperation(a);
      case "faults/notFoundAfterUpdate":
        return this.faults.notFoundAfterUpdate(a);
      case "faults/failNextJob":
        return this.faults.failNextJob(a);
      case "faults/clear":
        return this.faults.clear();
      case "outOfBand/updateHub":
        return this.outOfBand.updateHub({ ...a, mutate: (hub: HubDescription) => deepMerge(hub, (a.patch ?? {}) as Body) });
      case "outOfBand/deleteHub":
        return this.outOfBand.deleteHub(a);
      case "outOfBand/createConsumerGroup":
        return this.outOfBand.createConsumerGroup(a);
      case "outOfBand/deleteConsumerGroup":
        return this.outOfBand.deleteConsumerGroup(a);
      case "outOfBand/startTransition":
        return this.outOfBand.startTransition(a);
      case "outOfBand/getHub":
        return this.outOfBand.getHub(a) ?? null;
      case "outOfBand/createResourceGroup":
        return this.outOfBand.createResourceGroup(a);
      case "outOfBand/listConsumerGroups":
        return this.outOfBand.listConsumerGroups(a);
      case "outOfBand/listHubs":
        return this.outOfBand.listHubs(a);
      case "outOfBand/reorderHubLists":
        return this.outOfBand.reorderHubLists(a);
      default:
        throw new Error(`unknown control operation '${route}'`);
    }
    /* eslint-enable @typescript-eslint/no-explicit-any */
  }
}

function toFaultRule(b: Body): FaultRule {
  const rule = { ...b } as unknown as FaultRule & { pathRegex?: string; flags?: string };
  if (typeof rule.pathRegex === "string") rule.path = new RegExp(rule.pathRegex, rule.flags ?? "i");
  delete rule.pathRegex;
  delete rule.flags;
  if (typeof rule.action !== "object" || rule.action === null) throw new Error("a fault rule needs an 'action'");
  return rule;
}

/** Objects merge key by key; arrays and scalars replace; null deletes. */
export function deepMerge(target: Body, patch: Body): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (typeof value === "object" && !Array.isArray(value) && typeof target[key] === "object" && target[key] !== null && !Array.isArray(target[key])) {
      deepMerge(target[key] as Body, value as Body);
    } else target[key] = value;
  }
}

function bad(status: number, code: string, message: string): ControlAnswer {
  return { status, body: { error: { code, message } } };
}
