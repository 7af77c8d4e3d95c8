import { isLegacy } from "../api-versions";
import { MAX_CONSUMER_GROUPS_PER_ENDPOINT } from "../constants";
import type { EmulatorCore } from "../core";
import { iotHubError } from "../errors/factory";
import { IH } from "../errors/iothub-codes";
import { requireNotBusy } from "./hubs";
import type { ConsumerGroupRecord, HubRecord } from "./model";

/**
 * D2C consumer groups (docs/IOTHUB-ARM.md, "Consumer groups"). Synchronous 200s in both versions; every create/delete
 * bumps the hub etag (unconfirmed, conservative so stale-etag bugs show:
 * docs/IOTHUB-ARM.md, "The etag moves on transitions"); writes while the hub transitions answer 409.
 */

export const DEFAULT_CONSUMER_GROUP = "$Default";
/** Terraform's `^[0-9a-zA-Z-._]{1,}$`; at most 50 as Event Hubs (unconfirmed: docs/IOTHUB-ARM.md, "Consumer groups"). */
const CONSUMER_GROUP_NAME = /^[0-9a-zA-Z\-._]{1,50}$/;

/** Endpoint names: `events`; 2016 also `operationsMonitoringEvents` (the swaggers). Case-insensitive like ARM paths. */
export function resolveEndpoint(endpoint: string, apiVersion: string): string {
  const allowed = isLegacy(apiVersion) ? ["events", "operationsMonitoringEvents"] : ["events"];
  const found = allowed.find((e) => e.toLowerCase() === endpoint.toLowerCase());
  if (!found) {
    throw iotHubError(IH.EventHubEndpointNotFound, `Event Hub endpoint '${endpoint}' does not exist. Valid names: ${allowed.join(", ")}.`);
  }
  return found;
}

/** The stored list of an endpoint; `$Default` exists from the start (docs/IOTHUB-ARM.md, "Consumer groups"). */
export function groupsOf(hub: HubRecord, endpoint: string): ConsumerGroupRecord[] {
  const key = endpoint.toLowerCase();
  const createdMs = Date.parse(String(hub.description.systemData?.createdAt ?? "")) || 0;
  hub.consumerGroups[key] ??= [{ name: DEFAULT_CONSUMER_GROUP, createdMs }];
  return hub.consumerGroups[key];
}

export function findGroup(hub: HubRecord, endpoint: string, name: string): ConsumerGroupRecord | undefined {
  return groupsOf(hub, endpoint).find((g) => g.name.toLowerCase() === name.toLowerCase());
}

export function requireConsumerGroup(hub: HubRecord, endpoint: string, name: string): ConsumerGroupRecord {
  const group = findGroup(hub, endpoint, name);
  if (!group) {
    throw iotHubError(IH.ConsumerGroupNotFound, `Consumer group '${name}' was not found on endpoint '${endpoint}' of IotHub '${hub.name}'.`);
  }
  return group;
}

/**
 * 2016: no body. 2023: `{"properties":{"name":"<cg>"}}` required, else 400 IH400007 with the real message
 * (docs/IOTHUB-ARM.md, "Consumer groups"). Re-PUT of an existing group answers 200 unchanged (unconfirmed; idempotent
 * is the emulator's choice).
 */
export function putConsumerGroup(
  core: EmulatorCore,
  hub: HubRecord,
  o: { endpoint: string; name: string; body: unknown; apiVersion: string },
): { created: boolean; group: ConsumerGroupRecord } {
  requireNotBusy(core, hub);
  if (!isLegacy(o.apiVersion)) {
    const bodyName = (o.body as { properties?: { name?: unknown } } | undefined)?.properties?.name;
    if (typeof bodyName !== "string" || bodyName === "") {
      throw iotHubError(IH.ConsumerGroupNameMissing, "Consumer group name in the request body should not be null or empty.");
    }
  }
  const existing = findGroup(hub, o.endpoint, o.name);
  if (existing) return { created: false, group: existing };
  if (!CONSUMER_GROUP_NAME.test(o.name)) {
    throw iotHubError(IH.InvalidConsumerGroupName, `Consumer group name '${o.name}' is invalid: use 1-50 letters, digits, '-', '.' or '_'.`);
  }
  const groups = groupsOf(hub, o.endpoint);
  const created = groups.filter((g) => g.name.toLowerCase() !== "$default");
  if (created.length >= MAX_CONSUMER_GROUPS_PER_ENDPOINT) {
    throw iotHubError(
      IH.ConsumerGroupsLimitExceeded,
      `Endpoint '${o.endpoint}' of IotHub '${hub.name}' already has the maximum of ${MAX_CONSUMER_GROUPS_PER_ENDPOINT} consumer groups.`,
    );
  }
  const group: ConsumerGroupRecord = { name: o.name, createdMs: core.now() };
  groups.push(group);
  core.store.bumpEtag(hub);
  core.store.save();
  return { created: true, group };
}

/** 200 when it existed (both swaggers), 204 when it did not (the seed's DELETE table: docs/IOTHUB-ARM.md, "ETags"). */
export function deleteConsumerGroup(core: EmulatorCore, hub: HubRecord, o: { endpoint: string; name: string }): { deleted: boolean } {
  requireNotBusy(core, hub);
  if (o.name.toLowerCase() === DEFAULT_CONSUMER_GROUP.toLowerCase()) {
    throw iotHubError(IH.InvalidConsumerGroupName, "The $Default consumer group cannot be deleted.");
  }
  const groups = groupsOf(hub, o.endpoint);
  const index = groups.findIndex((g) => g.name.toLowerCase() === o.name.toLowerCase());
  if (index < 0) return { deleted: false };
  groups.splice(index, 1);
  core.store.bumpEtag(hub);
  core.store.save();
  return { deleted: true };
}
