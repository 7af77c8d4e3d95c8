import { randomBytes } from "node:crypto";

/**
 * Autonaming as Pulumi does it: the resource's logical name plus a random suffix, so two stacks can
 * declare the same program without colliding on a globally unique hub name.
 */
export const AUTONAME_SUFFIX_LENGTH = 7;

export function autoName(prefix: string, o: { maxLength: number; allowed: RegExp; fallback: string }): string {
  const cleaned = prefix
    .split("")
    .map((c) => (o.allowed.test(c) ? c : "-"))
    .join("")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  const base = (cleaned || o.fallback).slice(0, o.maxLength - AUTONAME_SUFFIX_LENGTH - 1).replace(/-+$/, "");
  return `${base}-${randomSuffix()}`;
}

function randomSuffix(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(AUTONAME_SUFFIX_LENGTH)].map((b) => alphabet[b % alphabet.length]).join("");
}
