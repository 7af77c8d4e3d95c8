import type { ApiVersion } from "../arm/iothub/api-versions";

/** ConsumerGroup inputs as the runtime sees them (docs on the public ConsumerGroupArgs). */
export interface ConsumerGroupInputs {
  subscriptionId: string;
  resourceGroupName: string;
  hubName: string;
  eventHubEndpointName: string;
  name: string;
  apiVersion: ApiVersion;
  timeouts?: { createMinutes?: number; deleteMinutes?: number };
  adoptExisting?: boolean;
  __autoNamePrefix?: string;
  __autoNamed?: boolean;
  /** The stack resource that owns the group (provider/ownership.ts): seeds the autoname. */
  __owner?: string;
  /** Inputs also carry what the engine adds (`__provider`), passed through untouched. */
  [other: string]: unknown;
}

/** Everything that identifies a consumer group; the API has no update, so each of them replaces it. */
export const CONSUMER_GROUP_IDENTITY = ["subscriptionId", "resourceGroupName", "hubName", "eventHubEndpointName", "name"] as const;

/**
 * Consumer group names: letters, digits, `-`, `.`, `_` (Terraform's rule, the portal's text), 1–50
 * characters (the Event Hubs limit; docs/IOTHUB-ARM.md, "Consumer groups").
 */
export const CONSUMER_GROUP_NAME_PATTERN = /^[0-9a-zA-Z\-._]{1,50}$/;

/** Endpoints that have consumer groups: only `events` in 2023-06-30; 2016-02-03 also `operationsMonitoringEvents` (swagger). */
export const ENDPOINTS_BY_API_VERSION: Record<ApiVersion, readonly string[]> = {
  "2016-02-03": ["events", "operationsMonitoringEvents"],
  "2023-06-30": ["events"],
};
