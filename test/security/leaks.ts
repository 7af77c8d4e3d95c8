/**
 * Recognisable secrets and the search for them in everything a run leaves behind (docs/SECRETS.md): one list of
 * secret values, one list of named texts, and a report of every (secret, text) pair where the value appears.
 */
import { randomBytes } from "node:crypto";

/** A value no test fixture, id or timestamp could contain by chance: a marker plus 96 random bits. */
export function recognisable(kind: string): string {
  return `leakcheck-${kind}-${randomBytes(12).toString("hex")}`;
}

/**
 * A recognisable hub key in the shape of a real one (base64 of 32 bytes, 44 characters): the marker bytes, then
 * random ones, so the same key is easy to spot in any text that carries it.
 */
export function recognisableKey(kind: string): string {
  const marker = Buffer.from(`LEAKCHECK-${kind}-`.padEnd(16, "-").slice(0, 16));
  return Buffer.concat([marker, randomBytes(16)]).toString("base64");
}

export interface SecretValue {
  what: string;
  value: string;
}

export interface SearchedText {
  where: string;
  text: string;
}

/** Each secret that occurs in a text, as "<secret> in <where>"; [] when nothing leaked. */
export function leaks(secrets: readonly SecretValue[], texts: readonly SearchedText[]): string[] {
  const found: string[] = [];
  for (const s of secrets) {
    if (s.value.length < 16) throw new Error(`${s.what}: too short to search for without false alarms`);
    for (const t of texts) if (t.text.includes(s.value)) found.push(`${s.what} in ${t.where}`);
  }
  return found;
}

/**
 * The outputs of one resource, split: everything outside its secret outputs (searched for leaks) and the secret
 * outputs themselves (where keys must be, so the search is not vacuous).
 */
export function splitOutputs(outputs: Record<string, unknown>, secretOutputs: readonly string[]): { plain: string; secret: string } {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(outputs)) (secretOutputs.includes(k) ? secret : plain)[k] = v;
  return { plain: JSON.stringify(plain), secret: JSON.stringify(secret) };
}
