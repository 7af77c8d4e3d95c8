/**
 * Where the Pulumi functions (and the `iothub` CLI, which calls the same code) send their requests: an ARM client from
 * the shared pool (provider/client-pool.ts) and the settings it was built from, and the checks of the arguments every
 * call shares. Nothing here loads the Pulumi SDK, so the CLI starts without it (program-target.ts is the program's side).
 */
import type { ArmClient } from "../arm";
import type { ApiVersion } from "../arm/iothub/api-versions";
import { DEFAULT_API_VERSION } from "../arm/iothub/api-versions";
import type { HubRef } from "../arm/iothub/types";
import { CheckFailures } from "../check-failures";
import { checkProviderSettings, checkedApiVersion, checkedSubscription } from "../check-common";
import { armClientFor } from "../client-pool";
import { HUB_NAME_PATTERN, HUB_NAME_RULE, RESOURCE_GROUP_PATTERN } from "../identity-rules";
import type { ProviderSettings } from "../settings";

export interface FunctionTarget {
  client: ArmClient;
  settings: ProviderSettings;
}

/** The arguments every function takes besides its own. */
export interface FunctionScope {
  /** Subscription id. Default: stack config `iothub:subscriptionId`, then AZURE_SUBSCRIPTION_ID / ARM_SUBSCRIPTION_ID. */
  subscriptionId?: string;
  /** Microsoft.Devices api-version: `2016-02-03` (default) or `2023-06-30`. */
  apiVersion?: ApiVersion;
}

/**
 * Bad arguments, found before any API call; each reason names the field, the rule and the value
 * (`resourceGroupName: must be …; got "x"`). The CLI answers it with its usage exit code.
 */
export class FunctionArgumentError extends Error {
  override readonly name = "FunctionArgumentError";
  constructor(
    readonly what: string,
    readonly reasons: string[],
  ) {
    super(`${what}: ${reasons.join("; ")}`);
  }
}

/** Checks by name, so it works across duplicated copies of this package (as isArmError does). */
export function isFunctionArgumentError(e: unknown): e is FunctionArgumentError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "FunctionArgumentError";
}

/** A client for settings resolved by the caller (the CLI: its flags in place of stack config). */
export function targetFor(settings: ProviderSettings): FunctionTarget {
  const failures = new CheckFailures();
  checkProviderSettings(settings, failures);
  if (!failures.ok) throw new FunctionArgumentError("iothub settings", failures.list.map((f) => f.reason));
  return { client: armClientFor(settings), settings };
}

/** The subscription and api-version of a call, checked as the resources check theirs. */
export function scopeOf(what: string, args: FunctionScope, target: FunctionTarget, failures = new CheckFailures()): { subscriptionId: string; apiVersion: ApiVersion } {
  const apiVersion = checkedApiVersion({ apiVersion: args.apiVersion ?? DEFAULT_API_VERSION }, failures) as ApiVersion;
  const subscriptionId = checkedSubscription({ olds: {}, news: { subscriptionId: args.subscriptionId }, settings: target.settings, failures, orHint: "pass subscriptionId (the CLI: --subscription)" }) as string;
  if (!failures.ok) throw new FunctionArgumentError(what, failures.list.map((f) => f.reason));
  return { subscriptionId, apiVersion };
}

/** A resource group name, when given, checked before any call. */
export function checkResourceGroup(field: string, value: unknown, failures: CheckFailures, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== "string" || !RESOURCE_GROUP_PATTERN.test(value)) {
    failures.add(field, value === undefined ? "is required" : "must be 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period", value);
  }
}

/** Which hub a call is about: `{ resourceGroupName, <nameField> }` plus the scope, checked before any call. */
export function hubRefOf(what: string, args: FunctionScope & { resourceGroupName: string }, name: unknown, nameField: string, target: FunctionTarget): HubRef {
  const failures = new CheckFailures();
  checkResourceGroup("resourceGroupName", args.resourceGroupName, failures, true);
  if (typeof name !== "string" || !HUB_NAME_PATTERN.test(name)) failures.add(nameField, name === undefined ? "is required" : HUB_NAME_RULE, name);
  const { subscriptionId, apiVersion } = scopeOf(what, args, target, failures);
  return { subscriptionId, resourceGroup: args.resourceGroupName, name: name as string, apiVersion };
}
