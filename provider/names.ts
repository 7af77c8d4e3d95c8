import { createHash, randomBytes } from "node:crypto";

/**
 * Autonaming: the resource's logical name plus a suffix, so two stacks (of different names) can declare the same
 * program without colliding on a globally unique hub name. With a `seed` (the owner: organization, project, stack and resource name,
 * provider/ownership.ts) the suffix is derived from it, so a create that starts again from scratch after an
 * interrupted `pulumi up` picks the same name and finds its own hub instead of orphaning it (docs/RELIABILITY.md,
 * "An interrupted create"); without one it is random.
 */
export const AUTONAME_SUFFIX_LENGTH = 7;

export function autoName(prefix: string, o: { maxLength: number; allowed: RegExp; fallback: string; seed?: string }): string {
  const cleaned = prefix
    .split("")
    .map((c) => (o.allowed.test(c) ? c : "-"))
    .join("")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  const base = (cleaned || o.fallback).slice(0, o.maxLength - AUTONAME_SUFFIX_LENGTH - 1).replace(/-+$/, "");
  const bytes = o.seed ? createHash("sha256").update(o.seed).digest() : randomBytes(AUTONAME_SUFFIX_LENGTH);
  return `${base}-${suffixOf(bytes)}`;
}

function suffixOf(bytes: Uint8Array): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...bytes.subarray(0, AUTONAME_SUFFIX_LENGTH)].map((b) => alphabet[b % alphabet.length]).join("");
}
