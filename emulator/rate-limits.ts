import type { EmulatorClock } from "./clock";
import type { EmulatorConfiguration, RateLimitKind } from "./configuration";

/**
 * ARM's subscription throttling as it works since 2024 (emulator/README.md "Throttling"): a token bucket per
 * subscription and operation type. A request takes one token; an empty bucket refuses the request (429 +
 * Retry-After) without taking one; tokens come back at `perSecond`, up to `capacity`. Refill is computed from the
 * clock at each request, so there are no timers, and a test that moves the clock moves the refill.
 * INFERRED (ARM documents only sizes and rates): continuous refill rather than once a second; the header reports
 * the whole tokens left; Retry-After is the wait for one whole token, rounded up, at least 1 s.
 *
 * ARM keys its buckets by subscription, principal and region. The emulator has one region and keys by the
 * subscription id alone (case-insensitive, as ARM ids are), even with several accepted tokens (INFERRED, README).
 */

/**
 * GET/HEAD are reads, DELETE deletes, every other method (PUT, PATCH, POST) writes. POSTs count as writes even when
 * they change nothing (checkNameAvailability, listkeys): ARM goes by the method, and real checkNameAvailability
 * answers carry `x-ms-ratelimit-remaining-subscription-writes` (emulator/README.md "Throttling").
 */
export function rateLimitKindOf(method: string): RateLimitKind {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD") return "reads";
  if (m === "DELETE") return "deletes";
  return "writes";
}

/** `/subscriptions/{id}/...` → the id (decoded); undefined for paths outside a subscription. */
export function subscriptionOf(path: string): string | undefined {
  const raw = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // malformed escapes: the route will refuse the path; still count it under what was sent
  }
}

export interface RateLimitAnswer {
  /** `x-ms-ratelimit-remaining-subscription-<kind>` */
  header: string;
  /** whole tokens left after this request (0 when refused) */
  remaining: number;
  /** set when the bucket was empty: seconds until one token is back, at least 1 */
  retryAfterSeconds?: number;
  kind: RateLimitKind;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * Refill arithmetic in floating point can land a hair below a whole token (0.1 × 10 000 ms); a token counts as there
 * when this close to whole, so a request at exactly the promised time passes.
 */
const EPSILON = 1e-9;

export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: EmulatorConfiguration["throttling"],
    private readonly clock: EmulatorClock,
  ) {}

  /** Takes one token for the request if there is one; says what to answer either way. */
  take(subscriptionId: string, method: string): RateLimitAnswer {
    const kind = rateLimitKindOf(method);
    const { capacity, perSecond } = this.limits[kind];
    const header = `x-ms-ratelimit-remaining-subscription-${kind}`;
    const now = this.clock.now();
    const key = `${subscriptionId.toLowerCase()}|${kind}`;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, atMs: now };
    // A clock that went back (a test's, or the system clock set back) refills nothing rather than taking tokens.
    const elapsedMs = Math.max(0, now - bucket.atMs);
    bucket.tokens = Math.min(capacity, bucket.tokens + (elapsedMs * perSecond) / 1000);
    bucket.atMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1 - EPSILON) {
      // a refused request takes nothing: the wait is until one whole token is back
      const waitSeconds = Math.ceil((1 - bucket.tokens) / perSecond - EPSILON);
      return { header, remaining: 0, retryAfterSeconds: Math.max(1, waitSeconds), kind };
    }
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    return { header, remaining: Math.floor(bucket.tokens + EPSILON), kind };
  }
}
