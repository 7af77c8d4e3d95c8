import type { EmulatorCore } from "./core";
import { DEFAULT_CONSUMER_GROUP, groupsOf } from "./store/consumer-groups";
import { clone } from "./store/hub-defaults";
import type { HubRecord } from "./store/model";
import { putGroup } from "./store/resource-groups";

/**
 * Another client's writes, as the real service would see them (ARCHITECTURE.md §1). They bypass the ETag table,
 * the 409 rule and the LRO timing on purpose: tests use them to make the world change under a client.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- `any` exactly as ARCHITECTURE.md §1 declares it */
export interface OutOfBand {
  /** Edit a hub as another client would (full IotHubDescription, 2023-06-30 shape); bumps the etag. */
  updateHub(o: { subscriptionId: string; resourceGroup: string; name: string; mutate(hub: any): void }): void;
  /** immediate */
  deleteHub(o: { subscriptionId: string; resourceGroup: string; name: string }): void;
  createConsumerGroup(o: { subscriptionId: string; resourceGroup: string; hubName: string; name: string; endpoint?: string }): void;
  deleteConsumerGroup(o: { subscriptionId: string; resourceGroup: string; hubName: string; name: string; endpoint?: string }): void;
  /** hub not Active for ms (another writer's update) */
  startTransition(o: { subscriptionId: string; resourceGroup: string; name: string; ms: number }): void;
  /** raw stored hub, for assertions */
  getHub(o: { subscriptionId: string; resourceGroup: string; name: string }): any | undefined;
  // ---- additions beyond ARCHITECTURE.md §1 ----
  /** Create (or update the tags of) a resource group without going through ARM. */
  createResourceGroup(o: { subscriptionId: string; name: string; location?: string; tags?: Record<string, string> }): void;
  /** Consumer-group names of an endpoint (default `events`), for assertions. */
  listConsumerGroups(o: { subscriptionId: string; resourceGroup: string; hubName: string; endpoint?: string }): string[];
  /** Names of the hubs of a subscription (or of one resource group), in any state, for assertions. */
  listHubs(o: { subscriptionId: string; resourceGroup?: string }): string[];
  /**
   * From now on (until `enabled: false`) every answer shows this hub's lists — routing endpoints of each kind,
   * routes, enrichments and their endpointNames, ipFilterRules, networkRuleSets.ipRules, allowedFqdnList — in
   * reverse stored order. Nothing stored changes, nor the etag: only what answers show (emulator/README.md,
   * "Hub settings"). The emulator option `reorderLists: true` does the same for every hub.
   */
  reorderHubLists(o: { subscriptionId: string; resourceGroup: string; name: string; enabled?: boolean }): void;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export function createOutOfBand(core: EmulatorCore): OutOfBand {
  const mustFind = (subscriptionId: string, resourceGroup: string, name: string): HubRecord => {
    const hub = core.store.findHub(subscriptionId, resourceGroup, name);
    if (!hub) throw new Error(`outOfBand: no hub ${subscriptionId}/${resourceGroup}/${name}`);
    return hub;
  };
  const changed = (hub: HubRecord): void => {
    core.store.bumpEtag(hub);
    core.store.save();
  };
  return {
    updateHub(o) {
      const hub = mustFind(o.subscriptionId, o.resourceGroup, o.name);
      const draft = clone(hub.description);
      o.mutate(draft);
      hub.description = draft;
      changed(hub);
    },
    deleteHub(o) {
      const hub = mustFind(o.subscriptionId, o.resourceGroup, o.name);
      core.store.removeHub(hub);
      core.store.save();
    },
    createConsumerGroup(o) {
      const hub = mustFind(o.subscriptionId, o.resourceGroup, o.hubName);
      const groups = groupsOf(hub, o.endpoint ?? "events");
      if (groups.some((g) => g.name.toLowerCase() === o.name.toLowerCase())) return;
      groups.push({ name: o.name, createdMs: core.now() });
      changed(hub);
    },
    deleteConsumerGroup(o) {
      const hub = mustFind(o.subscriptionId, o.resourceGroup, o.hubName);
      if (o.name.toLowerCase() === DEFAULT_CONSUMER_GROUP.toLowerCase()) throw new Error("outOfBand: $Default cannot be deleted");
      const groups = groupsOf(hub, o.endpoint ?? "events");
      const index = groups.findIndex((g) => g.name.toLowerCase() === o.name.toLowerCase());
      if (index < 0) return;
      groups.splice(index, 1);
      changed(hub);
    },
    startTransition(o) {
      core.lro.beginOutOfBand(mustFind(o.subscriptionId, o.resourceGroup, o.name), o.ms);
    },
    getHub(o) {
      const hub = core.store.findHub(o.subscriptionId, o.resourceGroup, o.name);
      return hub ? clone(hub.description) : undefined;
    },
    createResourceGroup(o) {
      putGroup(core, { subscriptionId: o.subscriptionId, name: o.name, location: o.location ?? "westus", tags: o.tags });
    },
    listConsumerGroups(o) {
      return groupsOf(mustFind(o.subscriptionId, o.resourceGroup, o.hubName), o.endpoint ?? "events").map((g) => g.name);
    },
    listHubs(o) {
      return core.store.hubsIn(o.subscriptionId, o.resourceGroup).map((hub) => hub.description.name);
    },
    reorderHubLists(o) {
      const hub = mustFind(o.subscriptionId, o.resourceGroup, o.name);
      if (o.enabled === false) delete hub.reorderLists;
      else hub.reorderLists = true;
      core.store.save();
    },
  };
}
