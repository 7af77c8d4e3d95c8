import { containsUnknown, deepEqual } from "./values";

type Raw = Record<string, unknown>;

/**
 * Settings that changed: an update that writes nothing to Azure records them, so that, say, a longer
 * delete timeout reaches the state a later destroy reads.
 */
export function changedSettings(olds: Raw, news: Raw, settings: readonly string[]): string[] {
  return settings.filter((k) => containsUnknown(news[k]) || !deepEqual(news[k], olds[k]));
}
