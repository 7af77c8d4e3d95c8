/**
 * How to follow a long-running operation, decided once from its first response (core-lro's order):
 * Azure-AsyncOperation, then Location, then provisioningState in the body. Afterwards polling only follows
 * the stored decision.
 *
 * IoT Hub (docs/IOTHUB-ARM.md, "Long-running operations"): PUT → 201 + Azure-AsyncOperation (body provisioningState
 * "Accepted"); DELETE → 202 + Azure-AsyncOperation and Location (body `null`); synchronous updates → 200.
 */
import type { ArmResponse } from "../response";
import { mapStatusWord } from "./status";

export type PollingMode =
  /** The first response is already final. */
  | { kind: "done" }
  /** GET `statusUrl` → `{status, error?}`; `resultUrl` (a Location sent alongside) holds a POST's result. */
  | { kind: "asyncOperation"; statusUrl: string; resultUrl?: string }
  /** GET `resultUrl` → 202 while running, 200/201/204 with the result when done. */
  | { kind: "location"; resultUrl: string }
  /** GET the resource itself and read `properties.provisioningState`. */
  | { kind: "body" };

/** The response that started the operation: only its status, headers and body decide how to follow it. */
export type FirstResponse = Pick<ArmResponse, "status" | "headers" | "body">;

export function decidePollingMode(first: FirstResponse): PollingMode {
  const asyncOperation = first.headers["azure-asyncoperation"];
  const location = first.headers["location"];
  if (asyncOperation) return { kind: "asyncOperation", statusUrl: asyncOperation, resultUrl: location || undefined };
  if (location && (first.status === 201 || first.status === 202)) return { kind: "location", resultUrl: location };
  const state = provisioningState(first.body);
  if (state !== undefined && mapStatusWord(state) !== "succeeded") return { kind: "body" };
  if (first.status === 202) return { kind: "body" };
  return { kind: "done" };
}

/** `properties.provisioningState` of a resource body, if it has one. */
export function provisioningState(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const properties = (body as { properties?: unknown }).properties;
  if (typeof properties !== "object" || properties === null) return undefined;
  const state = (properties as { provisioningState?: unknown }).provisioningState;
  return typeof state === "string" ? state : undefined;
}
