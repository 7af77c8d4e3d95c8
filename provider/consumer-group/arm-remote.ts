import type { ArmClient } from "../arm";
import { consumerGroupPath, deleteConsumerGroup, findConsumerGroup, findHub, putConsumerGroup } from "../arm";
import type { HubDocument } from "../hub/document";
import type { ConsumerGroupRef, ConsumerGroupRemote } from "./remote";

/** ConsumerGroupRemote on the ARM client's typed IoT Hub operations (provider/arm/iothub-api.ts). */
export function consumerGroupRemote(client: ArmClient, ref: ConsumerGroupRef): ConsumerGroupRemote {
  const endpoint = { eventHubEndpoint: ref.eventHubEndpointName };
  return {
    ref,
    resourceId: consumerGroupPath(ref.hub, ref.name, ref.eventHubEndpointName),
    getHub: () => findHub(client, ref.hub) as Promise<HubDocument | undefined>,
    // 404 of the group, or of its hub: either way the group is gone.
    get: () => findConsumerGroup(client, ref.hub, ref.name, endpoint),
    put: () => putConsumerGroup(client, ref.hub, ref.name, endpoint),
    delete: async (pre) => {
      await deleteConsumerGroup(client, ref.hub, ref.name, { ...endpoint, ...pre });
    },
  };
}
