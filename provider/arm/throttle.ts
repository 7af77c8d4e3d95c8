/**
 * One request budget per subscription, shared by every request a process sends through the clients that share this
 * object (docs/RELIABILITY.md, "Throttling"). ARM meters each subscription with token buckets — reads, writes,
 * deletes — and tells every answer how many tokens are left (`x-ms-ratelimit-remaining-subscription-<bucket>`). A
 * large `pulumi up` therefore sees the bottom coming: once a bucket runs low, requests of that bucket are spaced at
 * the bucket's refill rate, so the run slows down before it is throttled instead of after. A 429 stops the whole
 * bucket of that subscription until its Retry-After, not just the request that received it, and until an answer
 * shows tokens to spare again the bucket sends one request at a time: whatever the service's real refill rate, a
 * burst of retries can then meet at most one 429 per refill, not one per request.
 */
import { abortableDelay, throwIfAborted, type Clock } from "./clock";
import { MAX_RETRY_AFTER_IN_MS } from "./constants";
import { clampInMs } from "./retry-after";

export type Bucket = "reads" | "writes" | "deletes";

/** Tokens added per second to each bucket of a subscription (ARM's documented token-bucket rates). */
export const REFILL_PER_SECOND: Readonly<Record<Bucket, number>> = { reads: 25, writes: 10, deletes: 10 };

/** Below this many seconds' worth of refill left in a bucket, requests are spaced at the refill rate. */
export const LOW_WATER_SECONDS = 2;

/** GET/HEAD read, DELETE deletes, everything else (PUT, PATCH, POST) writes — as ARM counts them. */
export function bucketOf(method: string): Bucket {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD") return "reads";
  if (m === "DELETE") return "deletes";
  return "writes";
}

/** The subscription a request path is about; undefined for paths outside one (the pacing then does not apply). */
export function subscriptionOf(pathname: string): string | undefined {
  // Not anchored: an endpoint behind a reverse proxy may put a base path first.
  const match = /\/subscriptions\/([^/]+)/i.exec(pathname);
  return match ? decodeURIComponent(match[1]).toLowerCase() : undefined;
}

interface BucketState {
  /** Tokens the service said were left, and when. */
  remaining?: number;
  observedAtMs: number;
  /** Requests sent since that answer. */
  sentSince: number;
  /** Nothing of this bucket leaves before this time (a 429's Retry-After). */
  blockedUntilMs: number;
  /** The next free slot when pacing. */
  nextSlotMs: number;
  /** After a 429: one request at a time, until an answer shows tokens to spare. */
  oneAtATime: boolean;
  /** The request in flight while oneAtATime, settled when its answer (or failure) arrives. */
  inFlight?: Promise<void>;
}

/** A request's place in its bucket; `done` is called with its answer, or without one when it failed on the way. */
export interface ThrottlePermit {
  done(answer?: { status: number; headers: Record<string, string>; retryAfterInMs?: number }): void;
}

export class SubscriptionThrottle {
  private readonly buckets = new Map<string, BucketState>();
  /** How many requests were held back, and for how long in all: for benchmarks and logs. */
  readonly stats = { pacedRequests: 0, pacedMs: 0, throttledAnswers: 0 };

  /** Waits until a request of this kind may leave; the permit learns from its answer. */
  async acquire(clock: Clock, o: { method: string; pathname: string; signal?: AbortSignal }): Promise<ThrottlePermit> {
    const state = this.state(o.method, o.pathname, clock);
    if (state === undefined) return { done: () => undefined };
    while (state.oneAtATime && state.inFlight !== undefined) await state.inFlight;
    throwIfAborted(o.signal);
    let settle: () => void = () => undefined;
    const mine = state.oneAtATime ? new Promise<void>((resolve) => (settle = resolve)) : undefined;
    if (mine !== undefined) state.inFlight = mine;
    const release = () => {
      if (mine !== undefined && state.inFlight === mine) state.inFlight = undefined;
      settle();
    };
    try {
      await this.waitForSlot(clock, state, o);
    } catch (e) {
      release();
      throw e;
    }
    return {
      done: (answer) => {
        if (answer !== undefined) this.learn(clock, state, o.method, answer);
        release();
      },
    };
  }

  private async waitForSlot(clock: Clock, state: BucketState, o: { method: string; signal?: AbortSignal }): Promise<void> {
    const rate = REFILL_PER_SECOND[bucketOf(o.method)];
    const now = clock.now();
    let startAt = Math.max(now, state.blockedUntilMs);
    if (this.estimatedRemaining(state, rate, now) < rate * LOW_WATER_SECONDS) {
      startAt = Math.max(startAt, state.nextSlotMs);
      state.nextSlotMs = startAt + 1000 / rate;
    }
    state.sentSince += 1;
    if (startAt > now) {
      this.stats.pacedRequests += 1;
      this.stats.pacedMs += startAt - now;
      await abortableDelay(clock, startAt - now, o.signal);
    }
  }

  /** Learns from an answer: the tokens left, and a 429's wait. */
  private learn(clock: Clock, state: BucketState, method: string, o: { status: number; headers: Record<string, string>; retryAfterInMs?: number }): void {
    const now = clock.now();
    const rate = REFILL_PER_SECOND[bucketOf(method)];
    const left = Number(o.headers[`x-ms-ratelimit-remaining-subscription-${bucketOf(method)}`]);
    if (Number.isFinite(left)) {
      state.remaining = left;
      state.observedAtMs = now;
      state.sentSince = 0;
      if (left >= rate * LOW_WATER_SECONDS) state.oneAtATime = false;
    }
    if (o.status === 429) {
      this.stats.throttledAnswers += 1;
      state.remaining = 0;
      state.observedAtMs = now;
      state.sentSince = 0;
      state.oneAtATime = true;
      // Bounded as the retry's own wait is (an absurd header must not park every request for days).
      const waitInMs = clampInMs(o.retryAfterInMs ?? 1000 / rate, 0, MAX_RETRY_AFTER_IN_MS);
      state.blockedUntilMs = Math.max(state.blockedUntilMs, now + waitInMs);
    }
  }

  private state(method: string, pathname: string, clock: Clock): BucketState | undefined {
    const subscription = subscriptionOf(pathname);
    if (subscription === undefined) return undefined;
    const key = `${subscription}|${bucketOf(method)}`;
    let state = this.buckets.get(key);
    if (state === undefined) {
      state = { observedAtMs: clock.now(), sentSince: 0, blockedUntilMs: 0, nextSlotMs: 0, oneAtATime: false };
      this.buckets.set(key, state);
    }
    return state;
  }

  /** What is probably left now: the last count, plus the refill since, minus what was sent since. Unknown: plenty. */
  private estimatedRemaining(state: BucketState, rate: number, now: number): number {
    if (state.remaining === undefined) return Number.POSITIVE_INFINITY;
    return state.remaining + ((now - state.observedAtMs) / 1000) * rate - state.sentSince;
  }
}
