import type * as pulumi from "@pulumi/pulumi";
import { changedSettings } from "../settings-diff";
import { isUnknown } from "../values";
import { CONSUMER_GROUP_IDENTITY } from "./inputs";

type Raw = Record<string, unknown>;

/**
 * diff(): the API has no update, so any change of what identifies the group replaces it; an unknown
 * value counts as a change (e.g. the hub's name while the hub itself is being replaced). Changing
 * only settings (api-version, timeouts, adoptExisting) touches nothing in Azure: an update records them.
 */
export function diffConsumerGroup(olds: Raw, news: Raw): pulumi.dynamic.DiffResult {
  const replaces = CONSUMER_GROUP_IDENTITY.filter((f) => isUnknown(news[f]) || !sameName(news[f], olds[f]));
  const settingsChanged = changedSettings(olds, news, ["apiVersion", "timeouts", "adoptExisting"]).length > 0;
  return {
    changes: replaces.length > 0 || settingsChanged,
    replaces: [...replaces],
    // When the new group may have the same identity as the old one (nothing known differs), the old
    // one must go first: creating it again would find it existing.
    deleteBeforeReplace: replaces.length > 0 && CONSUMER_GROUP_IDENTITY.every((f) => isUnknown(news[f]) || sameName(news[f], olds[f])),
  };
}

function sameName(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}
