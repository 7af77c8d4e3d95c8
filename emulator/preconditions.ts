import { preconditionFailed } from "./errors/factory";

/**
 * The seed's ETag table as one validator (docs/IOTHUB-ARM.md, "ETags"). The etag lives in the hub body; clients send it
 * back in If-Match, with or without the surrounding quotes of an HTTP entity tag, so both forms compare equal.
 */

/** What the caller should do once the preconditions passed. */
export type PutDecision = "create" | "update";
export type DeleteDecision = "delete" | "absent";

export interface ConditionalHeaders {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** `"abc"`, `W/"abc"` and `abc` are the same etag; `""` means "no condition" (the table's first row). */
export function normalizeEtag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let v = value.trim();
  if (v.startsWith("W/")) v = v.slice(2);
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  return v === "" ? undefined : v;
}

/**
 * | PUT                  | Resource does not exist  | Resource exists                  |
 * |----------------------|--------------------------|----------------------------------|
 * | If-Match = "" / absent | 201 Created            | 200 OK                           |
 * | If-Match = "*"       | 412 Precondition Failed  | 200 OK                           |
 * | If-Match = "xyz"     | 412 Precondition Failed  | 200 OK / 412 Precondition Failed |
 * | If-None-Match = "*"  | 201 Created              | 412 Precondition Failed          |
 *
 * Throws the IoT Hub 412 (IH412001) for the 412 cells.
 */
export function checkPut(headers: ConditionalHeaders, currentEtag: string | undefined): PutDecision {
  const exists = currentEtag !== undefined;
  const ifMatch = normalizeEtag(headers.ifMatch);
  const ifNoneMatch = normalizeEtag(headers.ifNoneMatch);
  if (ifMatch !== undefined) {
    if (!exists) throw preconditionFailed(); // rows "*" and "xyz", column "does not exist"
    if (ifMatch !== "*" && ifMatch !== currentEtag) throw preconditionFailed(); // row "xyz", stale
  }
  if (ifNoneMatch !== undefined && exists) {
    // row If-None-Match "*", column "exists"; a specific etag only fails when it is the current one (RFC 7232 §3.2)
    if (ifNoneMatch === "*" || ifNoneMatch === currentEtag) throw preconditionFailed();
  }
  return exists ? "update" : "create";
}

/**
 * | DELETE               | Resource does not exist | Resource exists                  |
 * |----------------------|-------------------------|----------------------------------|
 * | If-Match = "" / absent | 204 No Content        | 200 OK                           |
 * | If-Match = "*"       | 204 No Content          | 200 OK                           |
 * | If-Match = "xyz"     | 204 No Content          | 200 OK / 412 Precondition Failed |
 *
 * "200 OK" for an existing hub is answered asynchronously (202 + Azure-AsyncOperation, the seed's "For
 * asynchronous calls": docs/IOTHUB-ARM.md, "Long-running operations"); the operation result URL then gives the 200.
 */
export function checkDelete(headers: ConditionalHeaders, currentEtag: string | undefined): DeleteDecision {
  if (currentEtag === undefined) return "absent";
  const ifMatch = normalizeEtag(headers.ifMatch);
  if (ifMatch !== undefined && ifMatch !== "*" && ifMatch !== currentEtag) throw preconditionFailed();
  return "delete";
}
