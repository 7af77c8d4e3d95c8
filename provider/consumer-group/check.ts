import type * as pulumi from "@pulumi/pulumi";
import { API_VERSIONS, DEFAULT_API_VERSION, isApiVersion } from "../api-versions";
import { CheckFailures } from "../check-failures";
import { HUB_NAME_PATTERN, HUB_NAME_RULE, RESOURCE_GROUP_PATTERN, SUBSCRIPTION_ID_PATTERN } from "../hub/rules";
import { autoName } from "../names";
import type { ProviderSettings } from "../settings";
import { CONFIG_KEYS } from "../settings";
import { isPlainObject, isUnknown } from "../values";
import { CONSUMER_GROUP_NAME_PATTERN, DEFAULT_EVENT_HUB_ENDPOINT, ENDPOINTS_BY_API_VERSION } from "./inputs";

type Raw = Record<string, unknown>;

/** check(): the consumer group rules, zero API calls; fills in api-version, endpoint, subscription and autoname. */
export function checkConsumerGroup(olds: Raw, news: Raw, settings: ProviderSettings): pulumi.dynamic.CheckResult {
  const failures = new CheckFailures();
  const inputs: Raw = { ...news };

  inputs.apiVersion = news.apiVersion ?? DEFAULT_API_VERSION;
  const apiVersion = inputs.apiVersion;
  if (!isUnknown(apiVersion) && !isApiVersion(apiVersion)) failures.add("apiVersion", `must be one of ${API_VERSIONS.join(", ")}`, apiVersion);

  inputs.subscriptionId = news.subscriptionId ?? settings.subscriptionId;
  const sub = inputs.subscriptionId;
  if (!isUnknown(sub)) {
    if (sub === undefined) {
      failures.add("subscriptionId", `is required: pass the hub, the subscriptionId argument, stack config ${CONFIG_KEYS.subscriptionId}, or AZURE_SUBSCRIPTION_ID`, sub);
    } else if (typeof sub !== "string" || !SUBSCRIPTION_ID_PATTERN.test(sub)) {
      failures.add("subscriptionId", "must be a subscription GUID", sub);
    }
  }
  const group = news.resourceGroupName;
  if (!isUnknown(group) && (typeof group !== "string" || !RESOURCE_GROUP_PATTERN.test(group))) {
    failures.add("resourceGroupName", group === undefined ? "is required (or pass the hub)" : "must be a resource group name", group);
  }
  const hubName = news.hubName;
  if (!isUnknown(hubName) && (typeof hubName !== "string" || !HUB_NAME_PATTERN.test(hubName))) {
    failures.add("hubName", hubName === undefined ? "is required (or pass the hub)" : HUB_NAME_RULE, hubName);
  }

  inputs.eventHubEndpointName = news.eventHubEndpointName ?? DEFAULT_EVENT_HUB_ENDPOINT;
  const endpoint = inputs.eventHubEndpointName;
  if (!isUnknown(endpoint) && isApiVersion(apiVersion) && !ENDPOINTS_BY_API_VERSION[apiVersion].includes(String(endpoint))) {
    failures.add("eventHubEndpointName", `must be one of ${ENDPOINTS_BY_API_VERSION[apiVersion].join(", ")} for api-version ${apiVersion}`, endpoint);
  }

  const wasAutoNamed = olds.name !== undefined && olds.__autoNamePrefix !== undefined && olds.__autoNamePrefix === news.__autoNamePrefix;
  inputs.name = news.name ?? (wasAutoNamed ? olds.name : autoName(String(news.__autoNamePrefix ?? "cg"), {
    maxLength: 50,
    allowed: /[0-9a-zA-Z\-._]/,
    fallback: "cg",
  }));
  const name = inputs.name;
  if (!isUnknown(name)) {
    if (typeof name === "string" && name.toLowerCase() === "$default") {
      failures.add("name", "must not be $Default: every hub has it built in and it cannot be created or deleted; reference it by name instead of managing it", name);
    } else if (typeof name !== "string" || !CONSUMER_GROUP_NAME_PATTERN.test(name)) {
      failures.add("name", "must be 1-50 letters, digits, hyphens, periods or underscores", name);
    }
  }

  const timeouts = news.timeouts;
  if (timeouts !== undefined && !isUnknown(timeouts)) {
    if (!isPlainObject(timeouts)) failures.add("timeouts", "must be an object { createMinutes, deleteMinutes }", timeouts);
    else for (const op of ["createMinutes", "deleteMinutes"]) {
      const minutes = timeouts[op];
      if (minutes !== undefined && !isUnknown(minutes) && (typeof minutes !== "number" || !(minutes > 0) || minutes > 1440)) {
        failures.add(`timeouts.${op}`, "must be a number of minutes greater than 0 and at most 1440", minutes);
      }
    }
  }
  return failures.ok ? { inputs } : { inputs, failures: failures.list };
}
