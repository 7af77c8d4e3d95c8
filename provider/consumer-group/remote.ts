import type { HubDocument } from "../hub/document";
import type { HubRef } from "../hub/remote";

/**
 * EventHubConsumerGroupInfo as the service returns it: 2016-02-03 `{tags, id, name}`; 2023-06-30
 * `{properties: {created, …}, id, name, type, etag}` where the real etag is null (IOTHUB-ARM-NOTES.md §5).
 */
export interface ConsumerGroupDocument {
  id?: string;
  name?: string;
  type?: string;
  etag?: string | null;
  properties?: { created?: string; [other: string]: unknown };
  tags?: Record<string, string>;
}

export interface ConsumerGroupRef {
  hub: HubRef;
  eventHubEndpointName: string;
  name: string;
}

/** The calls the ConsumerGroup lifecycle makes (implemented on the ARM client in consumer-group/arm-remote.ts). */
export interface ConsumerGroupRemote {
  readonly ref: ConsumerGroupRef;
  readonly resourceId: string;
  /** GET of the parent hub; undefined on 404. */
  getHub(): Promise<HubDocument | undefined>;
  /** GET; undefined on 404 (of the group or of its hub). */
  get(): Promise<ConsumerGroupDocument | undefined>;
  /** PUT, with the body the api-version needs. */
  put(): Promise<ConsumerGroupDocument>;
  /** DELETE; a 404 is success (already gone). */
  delete(pre: { ifMatch?: string }): Promise<void>;
}
