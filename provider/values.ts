/**
 * Helpers for the values that cross the dynamic-provider host's gRPC boundary.
 * (docs/PULUMI-DYNAMIC.md, "How the engine runs a dynamic provider".)
 */

/**
 * During preview, inputs that are not yet known reach check/diff as this string: the host passes the engine's sentinel
 * through untouched (docs/PULUMI-DYNAMIC.md, "Preview and unknowns"), so comparing it as a string would report a false
 * change.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when the value or anything nested inside it is not yet known. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Deep copy without `undefined` anywhere: the host throws "Unexpected struct type." for an output holding `undefined`,
 * after the cloud call has already happened (docs/PULUMI-DYNAMIC.md, "How the engine runs a dynamic provider").
 */
export function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Structural equality of JSON values (object key order ignored, array order kept). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] !== undefined || b[k] !== undefined));
    return [...keys].every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * True when every leaf the user gave in `wanted` has the same value in `actual`. Objects are compared
 * key by key, and lists element by element (same length, same order), so keys the server fills in
 * and the user never set (a route's default condition, an endpoint's id) do not count as drift.
 */
export function matchesSubset(wanted: unknown, actual: unknown): boolean {
  if (isPlainObject(wanted)) {
    if (!isPlainObject(actual)) return Object.values(wanted).every((v) => v === undefined);
    return Object.entries(wanted).every(([k, v]) => v === undefined || matchesSubset(v, actual[k]));
  }
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) && wanted.length === actual.length && wanted.every((w, i) => matchesSubset(w, actual[i]));
  }
  return deepEqual(wanted, actual);
}

/** `overlay` laid over `base`: objects merge key by key, arrays and scalars replace. */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (overlay === undefined) return base;
  if (isPlainObject(base) && isPlainObject(overlay)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(overlay)) merged[k] = deepMerge(base[k], v);
    return merged;
  }
  return overlay;
}
