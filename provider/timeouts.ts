/**
 * Operation time limits, the same for hubs and consumer groups. Pulumi's `customTimeouts` never reach a dynamic
 * provider (docs/PULUMI-DYNAMIC.md, "What does not reach a dynamic provider"), so each resource takes a `timeouts`
 * argument instead.
 */
export interface Timeouts {
  createMinutes?: number;
  updateMinutes?: number;
  deleteMinutes?: number;
}

/** Default limit of each operation when `timeouts` does not give one. */
export const DEFAULT_TIMEOUT_MINUTES = 30;

export function timeoutMs(timeouts: Timeouts | undefined, op: "create" | "update" | "delete"): number {
  const minutes = timeouts?.[`${op}Minutes`] ?? DEFAULT_TIMEOUT_MINUTES;
  return minutes * 60_000;
}
