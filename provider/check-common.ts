import { API_VERSIONS, DEFAULT_API_VERSION, isApiVersion } from "./arm/iothub/api-versions";
import { isLoopbackHost } from "./arm";
import { normalizeEndpoint } from "./arm/endpoints";
import type { CheckFailures } from "./check-failures";
import { SUBSCRIPTION_ID_PATTERN } from "./identity-rules";
import { autoName } from "./names";
import type { ProviderSettings } from "./settings";
import { CONFIG_KEYS, POLLING_SCHEDULE_RULE, REQUEST_TIMEOUT_RULE, pollingScheduleOf, requestTimeoutOf } from "./settings";
import { isPlainObject, isUnknown } from "./values";

type Raw = Record<string, unknown>;

/**
 * What check() fills in for hubs and consumer groups alike: the api-version, the subscription and
 * the autoname, each recorded in the inputs so that later runs keep them.
 */

export function checkedApiVersion(news: Raw, failures: CheckFailures): unknown {
  const apiVersion = news.apiVersion ?? DEFAULT_API_VERSION;
  if (!isUnknown(apiVersion) && !isApiVersion(apiVersion)) {
    failures.add("apiVersion", `must be one of ${API_VERSIONS.join(", ")}`, apiVersion);
  }
  return apiVersion;
}

/**
 * The provider settings every later call depends on, refused at check (in preview, before any API or token call):
 * an ARM endpoint that is not an http(s) URL, plain http to anything but loopback (a bearer token would cross the
 * network in clear), and a static token for a non-loopback endpoint (static tokens are for the emulator).
 */
export function checkProviderSettings(settings: ProviderSettings, failures: CheckFailures): void {
  let host: string;
  try {
    const url = normalizeEndpoint(settings.armEndpoint);
    host = url.hostname;
    if (url.protocol === "http:" && !isLoopbackHost(host)) {
      failures.add(CONFIG_KEYS.armEndpoint, "must use https unless its host is loopback (127.0.0.0/8, ::1, localhost): tokens are never sent over plain http", settings.armEndpoint);
    }
  } catch (e) {
    // Credentials in the URL are never echoed.
    return failures.add(CONFIG_KEYS.armEndpoint, (e as Error).message, settings.armEndpoint.replace(/\/\/[^/@]*@/, "//***@"));
  }
  if (settings.accessToken !== undefined && !isLoopbackHost(host)) {
    failures.addSecret(CONFIG_KEYS.accessToken, `is only accepted with a loopback ARM endpoint (the emulator), not ${settings.armEndpoint}: leave it unset and use an Azure credential`);
  }
  try {
    pollingScheduleOf(settings);
  } catch {
    failures.add(CONFIG_KEYS.pollingSchedule, POLLING_SCHEDULE_RULE, settings.pollingSchedule);
  }
  try {
    requestTimeoutOf(settings);
  } catch {
    failures.add(CONFIG_KEYS.requestTimeout, REQUEST_TIMEOUT_RULE, settings.requestTimeout);
  }
}

/**
 * The subscription: the argument, else the one recorded when the resource was created, else the
 * provider's default. A pipeline with another default subscription must not move (replace) what
 * already exists; to move it, set the argument.
 */
export function checkedSubscription(o: { olds: Raw; news: Raw; settings: ProviderSettings; failures: CheckFailures; orHint: string }): unknown {
  const value = o.news.subscriptionId ?? o.olds.subscriptionId ?? o.settings.subscriptionId;
  if (isUnknown(value)) return value;
  if (value === undefined) {
    o.failures.add("subscriptionId", `is required: ${o.orHint}, stack config ${CONFIG_KEYS.subscriptionId}, or AZURE_SUBSCRIPTION_ID`, value);
  } else if (typeof value !== "string" || !SUBSCRIPTION_ID_PATTERN.test(value)) {
    o.failures.add("subscriptionId", "must be a subscription GUID such as 00000000-0000-0000-0000-000000000000", value);
  }
  return value;
}

/**
 * The name: the argument, else the autoname made earlier (kept even when it came from an older, random
 * suffix), else a new one from the Pulumi name, derived from the owner when the program gave one. `__autoNamed` records that the provider chose it, so
 * removing an explicit name autonames (and so replaces) as Pulumi does.
 */
export function checkedName(o: { olds: Raw; news: Raw; maxLength: number; allowed: RegExp; fallback: string }): { name: unknown; autoNamed: boolean } {
  if (o.news.name !== undefined) return { name: o.news.name, autoNamed: false };
  const keep = o.olds.__autoNamed === true && o.olds.name !== undefined && o.olds.__autoNamePrefix === o.news.__autoNamePrefix;
  const seed = typeof o.news.__owner === "string" && o.news.__owner !== "" ? o.news.__owner : undefined;
  const name = keep ? o.olds.name : autoName(String(o.news.__autoNamePrefix ?? o.fallback), { ...o, seed });
  return { name, autoNamed: true };
}

export function checkTimeouts(value: unknown, ops: readonly string[], failures: CheckFailures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!isPlainObject(value)) return failures.add("timeouts", `must be an object { ${ops.join(", ")} }`, value);
  for (const op of ops) {
    const minutes = value[op];
    if (minutes === undefined || isUnknown(minutes)) continue;
    if (typeof minutes !== "number" || !(minutes > 0) || minutes > 24 * 60) {
      failures.add(`timeouts.${op}`, "must be a number of minutes greater than 0 and at most 1440", minutes);
    }
  }
}

export function checkBoolean(field: string, value: unknown, failures: CheckFailures): void {
  if (value !== undefined && !isUnknown(value) && typeof value !== "boolean") failures.add(field, "must be true or false", value);
}
