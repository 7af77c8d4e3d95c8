import type { HubTransition } from "../store/model";

/**
 * The words a hub shows while something runs (docs/IOTHUB-ARM.md, "Hub states"). Observed: create 201 body
 * `provisioningState: Accepted`; during create `state: Activating, provisioningState: Activating`; done
 * `state: Active, provisioningState: Succeeded`; during delete `state: Deleting, provisioningState: Deleting`.
 * For updates no recording exists; the DPS sibling RP's state enum has `Transitioning`, so the emulator shows
 * `state: Transitioning, provisioningState: Updating` (INFERRED). Each phase lasts provisioningMs, and the etag
 * changes on every phase change, as in the real recording.
 */
export interface Phase {
  state: string;
  provisioningState: string;
}

export const ACTIVE: Phase = { state: "Active", provisioningState: "Succeeded" };

export const PHASES: Record<HubTransition["kind"], readonly Phase[]> = {
  create: [
    { state: "Activating", provisioningState: "Accepted" },
    { state: "Activating", provisioningState: "Activating" },
  ],
  update: [{ state: "Transitioning", provisioningState: "Updating" }],
  delete: [{ state: "Deleting", provisioningState: "Deleting" }],
  outOfBand: [{ state: "Transitioning", provisioningState: "Updating" }],
};

/**
 * Where a failed operation leaves the hub. A failed create stays `ActivationFailed` (so the name stays taken until
 * deleted, as ARM keeps failed resources); a failed update or delete leaves a working hub marked `Failed`.
 * Either way writes are accepted again, so a retry can repair it.
 */
export const FAILED_AFTER: Record<HubTransition["kind"], Phase> = {
  create: { state: "ActivationFailed", provisioningState: "Failed" },
  update: { state: "Active", provisioningState: "Failed" },
  delete: { state: "Active", provisioningState: "Failed" },
  outOfBand: ACTIVE,
};
