import { armPath } from "../path";
import type { HubRef } from "./types";

/** The default Event Hub-compatible endpoint, and the only one in 2023-06-30 (docs/IOTHUB-ARM.md, "Consumer groups"). */
export const EVENTS_ENDPOINT = "events";

/** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs/{name}`, spelled as the swagger does. */
export function hubPath(ref: HubRef): string {
  return armPath("subscriptions", ref.subscriptionId, "resourceGroups", ref.resourceGroup, "providers", "Microsoft.Devices", "IotHubs", ref.name);
}

/**
 * The hubs of a subscription (`/subscriptions/{sub}/providers/Microsoft.Devices/IotHubs`) or of one resource group
 * (`/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs`): the two list operations of both
 * swaggers.
 */
export function hubsPath(o: { subscriptionId: string; resourceGroup?: string }): string {
  const group = o.resourceGroup === undefined ? [] : ["resourceGroups", o.resourceGroup];
  return armPath("subscriptions", o.subscriptionId, ...group, "providers", "Microsoft.Devices", "IotHubs");
}

/** A sub-resource of a hub: `hubPath(ref)/segments…`. */
export function hubChildPath(ref: HubRef, ...segments: string[]): string {
  return `${hubPath(ref)}${armPath(...segments)}`;
}

export function consumerGroupsPath(ref: HubRef, eventHubEndpoint: string = EVENTS_ENDPOINT): string {
  return hubChildPath(ref, "eventHubEndpoints", eventHubEndpoint, "ConsumerGroups");
}

export function consumerGroupPath(ref: HubRef, name: string, eventHubEndpoint: string = EVENTS_ENDPOINT): string {
  return hubChildPath(ref, "eventHubEndpoints", eventHubEndpoint, "ConsumerGroups", name);
}
