import type * as pulumi from "@pulumi/pulumi";

/**
 * Collects check failures so every message names the field, the rule and the offending value
 * (DEVELOPERS.md, "Standards"): `sku.capacity: must be 1 for SKU F1; got 2`.
 */
export class CheckFailures {
  readonly list: pulumi.dynamic.CheckFailure[] = [];

  add(property: string, rule: string, value: unknown): void {
    this.list.push({ property, reason: `${property}: ${rule}; got ${describeValue(value)}` });
  }

  get ok(): boolean {
    return this.list.length === 0;
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
