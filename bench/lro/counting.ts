import { Agent, type Dispatcher } from "undici";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

/**
 * Counting every HTTP request each client sends (retries included), at the lowest layer each offers:
 * an undici Agent for ours, a per-retry pipeline policy for the SDK.
 */
export class CountingAgent extends Agent {
  calls = 0;

  override dispatch(options: Agent.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.calls += 1;
    return super.dispatch(options, handler);
  }
}

export interface CountingPolicy {
  policy: PipelinePolicy;
  calls(): number;
}

export function countingPolicy(): CountingPolicy {
  let calls = 0;
  return {
    calls: () => calls,
    policy: {
      name: "benchCountRequests",
      sendRequest: (request, next) => {
        calls += 1;
        return next(request);
      },
    },
  };
}
