import type { ArmClient } from "../arm";
import { consumerGroupPath, deleteConsumerGroup, findConsumerGroup, findHub, putConsumerGroup } from "../arm";
import type { ConsumerGroupRef, ConsumerGroupRemote } from "./remote";

/** ConsumerGroupRemote on the ARM client's consumer-group operations (provider/arm/iothub/consumer-groups.ts). */
export function consumerGroupRemote(client: ArmClient, ref: ConsumerGroupRef): ConsumerGroupRemote {
  const endpoint = { eventHubEndpoint: ref.eventHubEndpointName };
  return {
    ref,
    resourceId: consumerGroupPath(ref.hub, ref.name, ref.eventHubEndpointName),
    pacing: client.pacing,
    getHub: () => findHub(client, ref.hub),
    // 404 of the group, or of its hub: either way the group is gone.
    get: () => findConsumerGroup(client, ref.hub, ref.name, endpoint),
    put: () => putConsumerGroup(client, ref.hub, ref.name, endpoint),
    delete: async (pre) => {
      await deleteConsumerGroup(client, ref.hub, ref.name, { ...endpoint, ...pre });
    },
  };
}
