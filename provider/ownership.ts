import { createHash } from "node:crypto";

/**
 * Which stack resource a hub belongs to, so that a create meeting an existing hub can tell the hub an interrupted
 * `pulumi up` of this same resource started (finish it) from anyone else's (refuse). docs/RELIABILITY.md,
 * "An interrupted create".
 *
 * The owner is `<organization>/<project>/<stack>/<resource name>`, computed in the program (the provider host is
 * never told the URN) and passed as the hidden input `__owner`. The provider tags every hub it creates with it
 * under OWNER_TAG; Azure's portal hides tags whose names start with `hidden-`. The tag is never shown as a diff and
 * kept by every update; a hub taken over with `adoptExisting` does not get it.
 */
export const OWNER_TAG = "hidden-pulumi-iothub-owner";

/** Azure tag values hold at most 256 characters; a longer owner is stored as its hash. */
const MAX_TAG_VALUE_LENGTH = 256;

export function ownerTagValue(owner: string): string {
  return owner.length <= MAX_TAG_VALUE_LENGTH ? owner : `sha256:${createHash("sha256").update(owner).digest("hex")}`;
}

/** Tag names are case-insensitive in Azure. */
export function isOwnerTagKey(key: string): boolean {
  return key.toLowerCase() === OWNER_TAG;
}

/** The owner tag to add at create, when the program gave an owner. */
export function ownerTag(owner: unknown): Record<string, string> {
  return typeof owner === "string" && owner !== "" ? { [OWNER_TAG]: ownerTagValue(owner) } : {};
}

/** True when the tags say this owner created the resource. */
export function ownedBy(tags: Record<string, string> | undefined, owner: unknown): boolean {
  if (typeof owner !== "string" || owner === "") return false;
  const entry = Object.entries(tags ?? {}).find(([k]) => isOwnerTagKey(k));
  return entry !== undefined && entry[1] === ownerTagValue(owner);
}

/** The tags a user sees and manages: everything but the owner tag. */
export function withoutOwnerTag(tags: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => !isOwnerTagKey(k)));
}

/** Only the owner tag, if the tags have one (an update keeps it whatever the program's tags). */
export function onlyOwnerTag(tags: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => isOwnerTagKey(k)));
}
