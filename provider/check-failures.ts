import type * as pulumi from "@pulumi/pulumi";

/**
 * Collects check failures so every message names the field, the rule and the offending value
 * before any API call, e.g. `sku.capacity: must be 1 for SKU F1; got 2`.
 */
export class CheckFailures {
  readonly list: pulumi.dynamic.CheckFailure[] = [];

  add(property: string, rule: string, value: unknown): void {
    this.list.push({ property, reason: `${property}: ${rule}; got ${describeValue(value)}` });
  }

  /** For a value that must never be echoed (a token): says one was given, without showing it. */
  addSecret(property: string, rule: string): void {
    this.list.push({ property, reason: `${property}: ${rule}; got a value (not shown: it is a secret)` });
  }

  get ok(): boolean {
    return this.list.length === 0;
  }
}

/** Keys inside connection strings (`SharedAccessKey=…`, `AccountKey=…`), masked before a value is shown. */
const CONNECTION_STRING_KEY = /((?:SharedAccessKey|AccountKey|AccessKey|SharedAccessSignature)=)[^;"\\]*/gi;

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  // A connection string given where something else was expected must not reach the error text with its key.
  const text = JSON.stringify(value)?.replace(CONNECTION_STRING_KEY, "$1****") ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
