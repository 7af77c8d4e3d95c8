/**
 * The IotHubDescription as it travels on the wire (swagger 2016-02-03 and 2023-06-30, IOTHUB-ARM-NOTES.md §4).
 * Only the parts the provider reads are typed; the rest is carried through untouched, because PUT is
 * full replacement and must send back what the program does not manage.
 */
export interface HubDocument {
  id?: string;
  name?: string;
  type?: string;
  location?: string;
  tags?: Record<string, string>;
  etag?: string;
  sku?: { name: string; capacity?: number; tier?: string };
  properties?: HubProperties;
  /** 2016-02-03 requires these two in the body (swagger), and the service still echoes them. */
  subscriptionid?: string;
  resourcegroup?: string;
  [other: string]: unknown;
}

export interface HubProperties {
  provisioningState?: string;
  state?: string;
  hostName?: string;
  eventHubEndpoints?: Record<string, EventHubEndpoint>;
  authorizationPolicies?: SharedAccessRule[];
  ipFilterRules?: { filterName: string; action: string; ipMask: string }[];
  cloudToDevice?: Record<string, unknown>;
  comments?: string;
  features?: string;
  [other: string]: unknown;
}

export interface EventHubEndpoint {
  retentionTimeInDays?: number;
  partitionCount?: number;
  partitionIds?: string[];
  path?: string;
  endpoint?: string;
}

/** SharedAccessSignatureAuthorizationRule (listkeys). Keys are secrets: never logged, outputs only as secrets. */
export interface SharedAccessRule {
  keyName: string;
  primaryKey?: string;
  secondaryKey?: string;
  rights: string;
}

/**
 * Whether the hub accepts writes. 2023-06-30 reports `state: "Active"`; the 2016 swagger has no
 * `state`, so a hub whose provisioning Succeeded counts as Active there.
 */
export function isHubActive(hub: HubDocument): boolean {
  const state = hub.properties?.state;
  if (typeof state === "string") return state.toLowerCase() === "active";
  const provisioning = String(hub.properties?.provisioningState ?? "").toLowerCase();
  return provisioning === "succeeded" || provisioning === "active";
}

/**
 * The states a hub does not leave by itself: its last operation failed (docs/RELIABILITY.md, "A hub whose create
 * failed"). The service's `state` words (the full enum is not published; these are the failure words of the
 * Microsoft.Devices family); without a `state` (the 2016-02-03 swagger has none), `provisioningState: Failed`.
 * Waiting on such a hub would only burn the timeout.
 */
const FAILED_STATES = ["activationfailed", "deletionfailed", "failoverfailed"];

/** The failure word when the hub is in a terminal failed state, else undefined. */
export function hubFailure(hub: HubDocument): string | undefined {
  const state = hub.properties?.state;
  if (typeof state === "string") return FAILED_STATES.includes(state.toLowerCase()) ? state : undefined;
  return String(hub.properties?.provisioningState ?? "").toLowerCase() === "failed" ? "Failed" : undefined;
}

/** A hub whose create failed never became Active: it holds no devices, so deleting it loses nothing. */
export function neverActivated(hub: HubDocument): boolean {
  return String(hub.properties?.state ?? "").toLowerCase() === "activationfailed";
}

export function hubStateWord(hub: HubDocument): string {
  return String(hub.properties?.state ?? hub.properties?.provisioningState ?? "unknown");
}
