/**
 * The closed set of operation states, and the one function that maps the service's words onto it
 * (the shape of @azure/core-lro's `terminalStates` and status mapping).
 */
export type OperationStatus = "running" | "succeeded" | "failed" | "canceled";

export const TERMINAL_STATUSES: ReadonlySet<OperationStatus> = new Set(["succeeded", "failed", "canceled"]);

/**
 * ARM's async-operation contract has exactly three terminal words, Succeeded, Failed and Canceled; anything
 * else (Running — what IoT Hub sends —, InProgress, Accepted, Updating, Activating, Deleting, Transitioning,
 * Creating…) means "not yet" (docs/IOTHUB-ARM.md, "Long-running operations"). Matching is case-insensitive.
 * "Active" counts as done: the 2016 doc pages show a finished hub with `provisioningState: "Active"`
 * (docs/IOTHUB-ARM.md, "Hub states"), and no service uses it for work in progress.
 */
const WORDS: Record<string, OperationStatus> = {
  succeeded: "succeeded",
  active: "succeeded",
  failed: "failed",
  canceled: "canceled",
  cancelled: "canceled",
};

export function mapStatusWord(word: unknown): OperationStatus {
  if (typeof word !== "string") return "running";
  return WORDS[word.trim().toLowerCase()] ?? "running";
}

export function isTerminal(status: OperationStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}
