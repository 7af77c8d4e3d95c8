/**
 * Building ARM paths from names the user typed. A name is data, never path syntax: a hub called
 * `x/../../other` or `x?api-version=` must not reach a different resource (docs/ARCHITECTURE.md §2, `armPath`).
 */
import { clientError } from "./errors";

// C0 controls, DEL and C1 controls: they have no business in a resource name and some proxies split on them.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Throws ArmError `InvalidPathSegment` for a segment that could change the path's meaning. */
export function validateSegment(segment: unknown): string {
  if (typeof segment !== "string") {
    throw clientError("InvalidPathSegment", `path segment must be a string, got ${typeof segment}`);
  }
  const shown = JSON.stringify(segment);
  if (segment === "" || segment.trim() === "") throw clientError("InvalidPathSegment", "path segment is empty");
  if (segment === "." || segment === "..") throw clientError("InvalidPathSegment", `path segment ${shown} is a dot segment`);
  if (/[/\\?#]/.test(segment)) {
    throw clientError("InvalidPathSegment", `path segment ${shown} contains "/", "\\", "?" or "#"`);
  }
  if (CONTROL_CHARACTERS.test(segment)) {
    throw clientError("InvalidPathSegment", `path segment ${shown} contains a control character`);
  }
  return segment;
}

/**
 * `armPath("subscriptions", sub, "resourceGroups", rg)` → `/subscriptions/<sub>/resourceGroups/<rg>`,
 * each segment validated and percent-encoded (so `$Default` becomes `%24Default`, as ARM ids show it).
 */
export function armPath(...segments: string[]): string {
  if (segments.length === 0) throw clientError("InvalidPathSegment", "armPath needs at least one segment");
  return "/" + segments.map((segment) => encodeURIComponent(validateSegment(segment))).join("/");
}

/**
 * Checks a path handed to `ArmClient.request`: it must look like armPath's output (absolute, no query or
 * fragment, no dot segments, no empty segments), so a concatenated string cannot smuggle anything either.
 */
export function assertArmPath(path: string): void {
  if (typeof path !== "string" || !path.startsWith("/") || path.startsWith("//")) {
    throw clientError("InvalidPathSegment", `request path must start with a single "/" (build it with armPath)`);
  }
  if (/[?#\\]/.test(path) || CONTROL_CHARACTERS.test(path) || /\s/.test(path)) {
    throw clientError("InvalidPathSegment", `request path must not contain "?", "#", "\\", spaces or control characters`);
  }
  for (const raw of path.slice(1).split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw clientError("InvalidPathSegment", `request path has a malformed percent-encoding`);
    }
    if (raw === "" || decoded === "." || decoded === "..") {
      throw clientError("InvalidPathSegment", `request path has an empty or dot segment`);
    }
    // Encoded separators (%2F, %5C, %3F, %23) could be decoded by a server or proxy into a different path.
    if (/[/\\?#]/.test(decoded)) {
      throw clientError("InvalidPathSegment", `request path has an encoded "/", "\\", "?" or "#" in a segment`);
    }
  }
}
