import type { EmulatorCore } from "../core";
import { armError, resourceGroupNotFound } from "../errors/factory";
import type { ResourceGroupRecord } from "./model";

/**
 * Minimal resource groups (emulator/README.md, "What it serves"): enough for hubs to live in. Names follow ARM's rule
 * (1–90 of letters, digits, `_ - . ( )`, not ending in a period).
 */
const GROUP_NAME = /^[-\w._()]{1,90}$/u;

export function requireGroup(core: EmulatorCore, subscriptionId: string, name: string): ResourceGroupRecord {
  const group = core.store.findGroup(subscriptionId, name);
  if (!group) throw resourceGroupNotFound(name);
  return group;
}

export function putGroup(
  core: EmulatorCore,
  o: { subscriptionId: string; name: string; location?: unknown; tags?: unknown },
): { created: boolean; group: ResourceGroupRecord } {
  if (!GROUP_NAME.test(o.name) || o.name.endsWith(".")) {
    throw armError(400, "InvalidResourceGroup", `The provided resource group name '${o.name}' has these invalid characters or is too long.`);
  }
  const existing = core.store.findGroup(o.subscriptionId, o.name);
  const tags = (typeof o.tags === "object" && o.tags !== null ? o.tags : {}) as Record<string, string>;
  if (existing) {
    existing.tags = tags;
    core.store.save();
    return { created: false, group: existing };
  }
  if (typeof o.location !== "string" || o.location === "") {
    throw armError(400, "LocationRequired", "The location property is required for this definition.");
  }
  const group: ResourceGroupRecord = { subscriptionId: o.subscriptionId, name: o.name, location: o.location, tags };
  core.store.state.resourceGroups.push(group);
  core.store.save();
  return { created: true, group };
}

/** Deleting a group deletes its hubs at once (running operations on them then finish as "gone"). */
export function deleteGroup(core: EmulatorCore, subscriptionId: string, name: string): boolean {
  const group = core.store.findGroup(subscriptionId, name);
  if (!group) return false;
  for (const hub of core.store.hubsIn(subscriptionId, name)) core.store.removeHub(hub);
  core.store.removeGroup(group);
  core.store.save();
  return true;
}

export function renderGroup(group: ResourceGroupRecord): object {
  return {
    id: `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}`,
    name: group.name,
    type: "Microsoft.Resources/resourceGroups",
    location: group.location,
    tags: group.tags,
    properties: { provisioningState: "Succeeded" },
  };
}
