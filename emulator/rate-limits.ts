import { RATE_LIMIT_BUDGETS } from "./constants";

/**
 * ARM's remaining-budget headers (IOTHUB-ARM-NOTES §11): `x-ms-ratelimit-remaining-subscription-reads` on GET,
 * `-writes` on PUT/PATCH/POST (checkNameAvailability and listkeys are POSTs, REC-CLI), `-deletes` on DELETE.
 * Counted per subscription, down to 0; the emulator never throttles on its own (inject 429 for that).
 */
type Budget = keyof typeof RATE_LIMIT_BUDGETS;

function budgetOf(method: string): Budget {
  if (method === "GET" || method === "HEAD") return "reads";
  if (method === "DELETE") return "deletes";
  return "writes";
}

export class RateLimits {
  private readonly remaining = new Map<string, number>();

  /** Counts one request and returns the header to send. */
  take(subscriptionId: string, method: string): [name: string, value: string] {
    const budget = budgetOf(method.toUpperCase());
    const key = `${subscriptionId.toLowerCase()}|${budget}`;
    const left = Math.max(0, (this.remaining.get(key) ?? RATE_LIMIT_BUDGETS[budget]) - 1);
    this.remaining.set(key, left);
    return [`x-ms-ratelimit-remaining-subscription-${budget}`, String(left)];
  }
}
