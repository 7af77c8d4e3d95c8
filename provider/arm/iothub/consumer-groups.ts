/**
 * The consumer-group operations of Microsoft.Devices (docs/IOTHUB-ARM.md, "Consumer groups"): synchronous in both
 * api-versions.
 */
import type { ArmClient, ArmResponse } from "../client";
import { unlessNotFound } from "../errors";
import type { CallOptions } from "./hubs";
import { EVENTS_ENDPOINT, consumerGroupPath, consumerGroupsPath } from "./paths";
import type { EventHubConsumerGroupInfo, HubRef } from "./types";

export interface ConsumerGroupOptions extends CallOptions {
  /** Event Hub-compatible endpoint; default "events". */
  eventHubEndpoint?: string;
}

/** One request on one consumer group: the path, api-version and signal every consumer-group call shares. */
function consumerGroupRequest<T>(
  client: ArmClient,
  ref: HubRef,
  name: string,
  o: ConsumerGroupOptions,
  request: { method: "GET" | "PUT" | "DELETE"; body?: unknown; ifMatch?: string },
): Promise<ArmResponse<T>> {
  return client.request<T>({ ...request, path: consumerGroupPath(ref, name, o.eventHubEndpoint), apiVersion: ref.apiVersion, signal: o.signal });
}

export async function getConsumerGroup(client: ArmClient, ref: HubRef, name: string, o: ConsumerGroupOptions = {}): Promise<EventHubConsumerGroupInfo> {
  return (await consumerGroupRequest<EventHubConsumerGroupInfo>(client, ref, name, o, { method: "GET" })).body;
}

/** GET consumer group; undefined on 404 (of the group or of its hub). */
export async function findConsumerGroup(
  client: ArmClient,
  ref: HubRef,
  name: string,
  o: ConsumerGroupOptions = {},
): Promise<EventHubConsumerGroupInfo | undefined> {
  return unlessNotFound(getConsumerGroup(client, ref, name, o));
}

/**
 * PUT consumer group, synchronous 200 in both versions. 2016-02-03 takes no body; 2023-06-30 requires
 * `{"properties":{"name":"<cg>"}}` (an empty body is rejected with IH400007).
 */
export async function putConsumerGroup(client: ArmClient, ref: HubRef, name: string, o: ConsumerGroupOptions = {}): Promise<EventHubConsumerGroupInfo> {
  const body = ref.apiVersion === "2016-02-03" ? undefined : { properties: { name } };
  return (await consumerGroupRequest<EventHubConsumerGroupInfo>(client, ref, name, o, { method: "PUT", body })).body;
}

/**
 * DELETE consumer group (synchronous 200); "notFound" when it was already gone. `ifMatch` is sent when the caller
 * holds a real etag (the seed's DELETE table; the real service reports null ones: docs/IOTHUB-ARM.md, "ETags",
 * "Consumer groups").
 */
export async function deleteConsumerGroup(
  client: ArmClient,
  ref: HubRef,
  name: string,
  o: ConsumerGroupOptions & { ifMatch?: string } = {},
): Promise<"deleted" | "notFound"> {
  const res = await unlessNotFound(consumerGroupRequest(client, ref, name, o, { method: "DELETE", ifMatch: o.ifMatch }));
  return res === undefined || res.status === 204 ? "notFound" : "deleted";
}

/** Every page. 2016-02-03 lists names (strings), 2023-06-30 objects; both are returned as given. */
export async function listConsumerGroupItems(
  client: ArmClient,
  ref: HubRef,
  o: ConsumerGroupOptions = {},
): Promise<Array<string | EventHubConsumerGroupInfo>> {
  return client.list<string | EventHubConsumerGroupInfo>({
    method: "GET",
    path: consumerGroupsPath(ref, o.eventHubEndpoint ?? EVENTS_ENDPOINT),
    apiVersion: ref.apiVersion,
    signal: o.signal,
  });
}

/** The names from either list shape. */
export async function listConsumerGroupNames(client: ArmClient, ref: HubRef, o: ConsumerGroupOptions = {}): Promise<string[]> {
  const items = await listConsumerGroupItems(client, ref, o);
  return items.map((item) => (typeof item === "string" ? item : (item.name ?? ""))).filter((n) => n !== "");
}
