import type { Handler } from "./context";

/**
 * Which api-versions a route takes:
 * - "hub": only the IoT Hub versions (2016-02-03, 2023-06-30); others are refused as ARM refuses them.
 * - "any": any well-formed version (resource groups, operation URLs that carry their own version).
 */
export type ApiVersionPolicy = "hub" | "any";

export interface Route {
  method: string;
  /** e.g. `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}`; ARM paths are case-insensitive */
  pattern: string;
  apiVersions: ApiVersionPolicy;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrongMethod"; allowed: string[] }
  | { kind: "none" };

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((r) => compile(r));
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
      return { kind: "found", route, params };
    }
    return allowed.length > 0 ? { kind: "wrongMethod", allowed } : { kind: "none" };
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param) {
        names.push(param[1]);
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { ...route, names, regex: new RegExp(`^${source}/?$`, "i") };
}
