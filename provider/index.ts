/**
 * pulumi-iothub: Azure IoT Hubs and their D2C consumer groups as Pulumi dynamic resources on the
 * Microsoft.Devices ARM REST API.
 */
export { IotHub, IOTHUB_MODULE, IOTHUB_TYPE } from "./iothub";
export type { IotHubArgs, CloudToDeviceArgs, SharedAccessPolicy } from "./iothub";
export type {
  HubSettingsArgs, RoutingArgs, RoutingEndpointsArgs, RoutingEndpointBaseArgs, RoutingMessagingEndpointArgs, RoutingStorageContainerArgs,
  RoutingCosmosDbSqlContainerArgs, RouteArgs, RouteSource, FallbackRouteArgs, EnrichmentArgs, StorageEndpointArgs, MessagingEndpointArgs,
  NetworkRuleSetArgs, HubIdentityArgs, EndpointIdentityArgs, EndpointAuthenticationType,
} from "./iothub-settings-args";
export { ConsumerGroup, CONSUMER_GROUP_TYPE } from "./consumer-group";
export type { ConsumerGroupArgs } from "./consumer-group";
export { API_VERSIONS, DEFAULT_API_VERSION } from "./arm/iothub/api-versions";
export type { ApiVersion } from "./arm/iothub/api-versions";
export { CONFIG_KEYS } from "./settings";
export * from "./functions";
export type { IotHubDescription, SharedAccessSignatureAuthorizationRule, EventHubConsumerGroupInfo, JobResponse } from "./arm/iothub/types";
