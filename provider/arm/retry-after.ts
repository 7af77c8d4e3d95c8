/**
 * Retry-After, parsed in one place. RFC 9110 §10.2.3: either delay-seconds or an HTTP-date. Azure also sends
 * `retry-after-ms` / `x-ms-retry-after-ms` (milliseconds), which take precedence when present.
 */

export type HeaderMap = Record<string, string | undefined>;

/** The wait the service asked for, in ms (>= 0), or undefined when it asked for nothing readable. */
export function retryAfterInMs(headers: HeaderMap, nowInMs: number): number | undefined {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const value = headers[name]?.trim();
    if (value && /^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  }
  return parseRetryAfter(headers["retry-after"], nowInMs);
}

export function parseRetryAfter(value: string | undefined, nowInMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  if (/^-/.test(text)) return undefined;
  const dateInMs = Date.parse(text);
  if (Number.isNaN(dateInMs)) return undefined;
  // A date already past means "now"; clocks differ, so this is normal.
  return Math.max(0, dateInMs - nowInMs);
}

/** Keeps a requested wait within [min, max]; also keeps absurd values (1e12 s) away from Node's timers. */
export function clampInMs(valueInMs: number, minInMs: number, maxInMs: number): number {
  if (!Number.isFinite(valueInMs)) return maxInMs;
  return Math.min(maxInMs, Math.max(minInMs, valueInMs));
}
