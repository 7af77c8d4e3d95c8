import { isLegacy } from "../api-versions";
import { rfc1123 } from "../ids";
import type { ConsumerGroupRecord, HubRecord } from "../store/model";

/**
 * Consumer groups per api-version (docs/IOTHUB-ARM.md, "Consumer groups"):
 * - 2016-02-03: `{tags, id, name}`; lists are names only.
 * - 2023-06-30: `{properties:{created}, id, name, type, etag:null}` (real body in the Python SDK recording: etag null,
 *   `created` RFC 1123, `EventHubEndpoints` casing in type, `$` encoded as `%24` in the id).
 */
export function consumerGroupId(hub: HubRecord, endpoint: string, name: string): string {
  return `${String(hub.description.id)}/eventHubEndpoints/${endpoint}/ConsumerGroups/${encodeURIComponent(name)}`;
}

export function renderConsumerGroup(hub: HubRecord, endpoint: string, group: ConsumerGroupRecord, apiVersion: string): object {
  const id = consumerGroupId(hub, endpoint, group.name);
  if (isLegacy(apiVersion)) return { tags: {}, id, name: group.name };
  return {
    properties: { created: rfc1123(group.createdMs) },
    id,
    name: group.name,
    type: "Microsoft.Devices/IotHubs/EventHubEndpoints/ConsumerGroups",
    etag: null,
  };
}

export function renderConsumerGroupListItem(
  hub: HubRecord,
  endpoint: string,
  group: ConsumerGroupRecord,
  apiVersion: string,
): unknown {
  return isLegacy(apiVersion) ? group.name : renderConsumerGroup(hub, endpoint, group, apiVersion);
}
