import type { EventHubConsumerGroupInfo, HubRef, IotHubDescription, Pacing } from "../arm";

export interface ConsumerGroupRef {
  hub: HubRef;
  eventHubEndpointName: string;
  name: string;
}

/** The calls the ConsumerGroup lifecycle makes (implemented on the ARM client in consumer-group/arm-remote.ts). */
export interface ConsumerGroupRemote {
  readonly ref: ConsumerGroupRef;
  readonly resourceId: string;
  /** The clock and polling schedule of every wait of the lifecycle. */
  readonly pacing: Pacing;
  /** GET of the parent hub; undefined on 404. */
  getHub(): Promise<IotHubDescription | undefined>;
  /** GET; undefined on 404 (of the group or of its hub). */
  get(): Promise<EventHubConsumerGroupInfo | undefined>;
  /** PUT, with the body the api-version needs. */
  put(): Promise<EventHubConsumerGroupInfo>;
  /** DELETE; a 404 is success (already gone). */
  delete(pre: { ifMatch?: string }): Promise<void>;
}
