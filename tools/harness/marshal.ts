/**
 * Property values as they travel between the program, the engine and the dynamic-provider host.
 *
 * The SDK sends a RegisterResourceRequest whose `object` holds the wire form (runtime/rpc.js in @pulumi/pulumi):
 * unknowns as the string {@link UNKNOWN}, secrets as `{ [SIG_KEY]: SECRET_SIG, value }`, resources as references.
 * The host answers Configure with acceptSecrets/acceptResources = false, so the engine strips secrets and downgrades
 * resource references before every later call (docs/PULUMI-DYNAMIC.md, "Secrets").
 */

/** The engine's "not known during preview" value (rpc.js `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** rpc.js `specialSigKey` / `specialSecretSig` / `specialResourceSig`. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type PropertyMap = Record<string, Json>;

export function isSecretValue(v: unknown): v is { value: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

export function secretValue(value: Json): Json {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/**
 * Wire form → what a host that accepts neither secrets nor resources receives: secrets unwrapped (their plain value
 * is sent, as the engine does), resource references replaced by the resource's id, or its URN for components.
 */
export function forHost(v: Json): Json {
  if (Array.isArray(v)) return v.map(forHost);
  if (v === null || typeof v !== "object") return v;
  const sig = v[SIG_KEY];
  if (sig === SECRET_SIG) return forHost(v.value);
  if (sig === RESOURCE_SIG) {
    const id = v.id;
    if (typeof id === "string") return id === "" ? UNKNOWN : id;
    return v.urn;
  }
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) out[k] = forHost(x);
  return out;
}

export function mapForHost(m: PropertyMap): PropertyMap {
  return forHost(m) as PropertyMap;
}

/** Top-level keys whose wire value is a secret (or holds one: the SDK lifts nested secrets to the top). */
export function secretKeys(m: PropertyMap): string[] {
  return Object.keys(m).filter((k) => containsSecret(m[k]));
}

function containsSecret(v: Json): boolean {
  if (isSecretValue(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsSecret);
  return false;
}

export function containsUnknown(v: Json): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ao = a as Record<string, Json>;
  const bo = b as Record<string, Json>;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => k in bo && deepEqual(ao[k], bo[k]));
}
