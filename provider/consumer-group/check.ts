import type * as pulumi from "@pulumi/pulumi";
import { isApiVersion } from "../arm/iothub/api-versions";
import { CheckFailures } from "../check-failures";
import { checkBoolean, checkProviderSettings, checkTimeouts, checkedApiVersion, checkedName, checkedSubscription } from "../check-common";
import { HUB_NAME_PATTERN, HUB_NAME_RULE, RESOURCE_GROUP_PATTERN } from "../identity-rules";
import type { ProviderSettings } from "../settings";
import { isUnknown } from "../values";
import { EVENTS_ENDPOINT } from "../arm";
import { CONSUMER_GROUP_NAME_PATTERN, ENDPOINTS_BY_API_VERSION } from "./inputs";

type Raw = Record<string, unknown>;

/** check(): the consumer group rules, zero API calls; fills in api-version, endpoint, subscription and autoname. */
/** How a consumer group's default name is made (provider/names.ts). */
export const GROUP_AUTONAME = { maxLength: 50, allowed: /[0-9a-zA-Z\-._]/, fallback: "cg" };

export function checkConsumerGroup(olds: Raw, news: Raw, settings: ProviderSettings): pulumi.dynamic.CheckResult {
  const failures = new CheckFailures();
  const inputs: Raw = { ...news };

  const apiVersion = checkedApiVersion(news, failures);
  inputs.apiVersion = apiVersion;
  checkProviderSettings(settings, failures);
  inputs.subscriptionId = checkedSubscription({ olds, news, settings, failures, orHint: "pass the hub, set the subscriptionId argument" });
  const group = news.resourceGroupName;
  if (!isUnknown(group) && (typeof group !== "string" || !RESOURCE_GROUP_PATTERN.test(group))) {
    failures.add("resourceGroupName", group === undefined ? "is required (or pass the hub)" : "must be a resource group name", group);
  }
  const hubName = news.hubName;
  if (!isUnknown(hubName) && (typeof hubName !== "string" || !HUB_NAME_PATTERN.test(hubName))) {
    failures.add("hubName", hubName === undefined ? "is required (or pass the hub)" : HUB_NAME_RULE, hubName);
  }

  inputs.eventHubEndpointName = news.eventHubEndpointName ?? EVENTS_ENDPOINT;
  const endpoint = inputs.eventHubEndpointName;
  if (!isUnknown(endpoint) && isApiVersion(apiVersion) && !ENDPOINTS_BY_API_VERSION[apiVersion].includes(String(endpoint))) {
    failures.add("eventHubEndpointName", `must be one of ${ENDPOINTS_BY_API_VERSION[apiVersion].join(", ")} for api-version ${apiVersion}`, endpoint);
  }

  const named = checkedName({ olds, news, ...GROUP_AUTONAME });
  inputs.name = named.name;
  inputs.__autoNamed = named.autoNamed || undefined; // undefined is dropped before the answer leaves (runtime.ts)
  const name = inputs.name;
  if (!isUnknown(name)) {
    if (typeof name === "string" && name.toLowerCase() === "$default") {
      failures.add("name", "must not be $Default: every hub has it built in and it cannot be created or deleted; reference it by name instead of managing it", name);
    } else if (typeof name !== "string" || !CONSUMER_GROUP_NAME_PATTERN.test(name)) {
      failures.add("name", "must be 1-50 letters, digits, hyphens, periods or underscores", name);
    }
  }

  checkTimeouts(news.timeouts, ["createMinutes", "deleteMinutes"], failures);
  checkBoolean("adoptExisting", news.adoptExisting, failures);
  return failures.ok ? { inputs } : { inputs, failures: failures.list };
}
