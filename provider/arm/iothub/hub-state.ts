/**
 * What a hub's state words mean for someone who wants to write to it (docs/IOTHUB-ARM.md, "Hub states").
 */
import type { IotHubDescription } from "./types";

/**
 * Whether the hub accepts writes. 2023-06-30 reports `state: "Active"`; the 2016-02-03 swagger has no `state`, so
 * a hub whose provisioning Succeeded counts as Active there.
 */
export function isHubActive(hub: IotHubDescription): boolean {
  const state = hub.properties?.state;
  if (typeof state === "string") return state.toLowerCase() === "active";
  const provisioning = String(hub.properties?.provisioningState ?? "").toLowerCase();
  return provisioning === "succeeded" || provisioning === "active";
}

/**
 * The states a hub does not leave by itself: its last operation failed (docs/RELIABILITY.md, "A hub whose create
 * failed"). The service's `state` words (the full enum is not published; these are the failure words of the
 * Microsoft.Devices family); without a `state` (2016-02-03), `provisioningState: Failed`.
 */
const FAILED_STATES = ["activationfailed", "deletionfailed", "failoverfailed"];

/** The failure word when the hub is in a terminal failed state, else undefined. */
export function hubFailure(hub: IotHubDescription): string | undefined {
  const state = hub.properties?.state;
  if (typeof state === "string") return FAILED_STATES.includes(state.toLowerCase()) ? state : undefined;
  return String(hub.properties?.provisioningState ?? "").toLowerCase() === "failed" ? "Failed" : undefined;
}

/** A hub whose create failed never became Active: it holds no devices, so deleting it loses nothing. */
export function neverActivated(hub: IotHubDescription): boolean {
  return String(hub.properties?.state ?? "").toLowerCase() === "activationfailed";
}

export function hubStateWord(hub: IotHubDescription): string {
  return String(hub.properties?.state ?? hub.properties?.provisioningState ?? "unknown");
}

/** The hub is in a state it does not leave by itself (hubFailure): waiting is pointless. */
export class HubFailedError extends Error {
  constructor(
    readonly hub: IotHubDescription,
    readonly failure: string,
  ) {
    super(
      `IotHub ${hub.name ?? "?"} is ${failure}: its last operation failed in Azure, and it does not leave that state ` +
        "by itself, so waiting for it to become Active would only use up the timeout",
    );
    this.name = "HubFailedError";
  }
}
