/**
 * The ARM REST client (docs/ARCHITECTURE.md §2). Knows nothing about Pulumi.
 */
export { ArmClient, quoteEtag } from "./client";
export type { ArmClientOptions, ArmRequest, ArmResponse, LroOptions, PollProgress } from "./client";
export { realClock, pacing } from "./clock";
export type { Clock, Pacing } from "./clock";
export { pollUntilTerminal } from "./poller";
export { SubscriptionThrottle, REFILL_PER_SECOND, bucketOf } from "./throttle";
export type { PollOutcome, PollerOptions } from "./poller";
export {
  ArmError,
  isArmError,
  isNotFound,
  isPreconditionFailed,
  isHubNotActive,
  isConflict,
  parseErrorBody,
  errorFromResponse,
  unlessNotFound,
  isOwnLostCreate,
} from "./errors";
export type { ClientErrorCode } from "./errors";
export { armPath } from "./path";
export { ARM_ENDPOINTS, isLoopbackHost } from "./endpoints";
export { staticTokenCredential, defaultAzureCredential, cachingCredential, scopeForEndpoint } from "./credentials";
export { proxyForUrl, matchesNoProxy, createDispatcher } from "./transport";
export { parseRetryAfter, retryAfterInMs } from "./retry-after";
export { DEFAULT_POLLING_SCHEDULE_IN_MS, HUB_OPERATION_USUAL_DURATION_IN_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_LRO_TIMEOUT_IN_MS } from "./constants";
export { waitAroundUsualDurationInMs, looksUntilInMs } from "./polling-schedule";
export { mapStatusWord } from "./lro/status";
export type { OperationStatus } from "./lro/status";
export * from "./iothub";
