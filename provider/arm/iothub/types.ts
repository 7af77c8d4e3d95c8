/**
 * The Microsoft.Devices objects as they travel on the wire, defined once for the ARM client, the resources and
 * the functions alike (docs/IOTHUB-ARM.md, "The objects"). Shapes follow the swaggers of 2016-02-03 and
 * 2023-06-30. Only the parts this package reads are typed; the rest is carried through untouched, because a
 * hub PUT is full replacement and must send back what the program does not manage.
 */
import type { ApiVersion } from "./api-versions";

/** Which hub, in which api-version. */
export interface HubRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  apiVersion: ApiVersion;
}

/** IotHubDescription, both api-versions. Everything is optional: it is what the service answers, read tolerantly. */
export interface IotHubDescription {
  id?: string;
  name?: string;
  type?: string;
  location?: string;
  tags?: Record<string, string>;
  etag?: string;
  sku?: { name: string; capacity?: number; tier?: string };
  properties?: IotHubProperties;
  /** 2016-02-03 requires these two in the body (swagger), and the service still echoes them. */
  subscriptionid?: string;
  resourcegroup?: string;
  identity?: ArmIdentity;
  [other: string]: unknown;
}

export interface IotHubProperties {
  provisioningState?: string;
  state?: string;
  hostName?: string;
  eventHubEndpoints?: Record<string, EventHubProperties>;
  authorizationPolicies?: SharedAccessSignatureAuthorizationRule[];
  ipFilterRules?: { filterName: string; action: string; ipMask: string }[];
  cloudToDevice?: Record<string, unknown>;
  comments?: string;
  features?: string;
  routing?: RoutingProperties;
  storageEndpoints?: Record<string, StorageEndpointProperties>;
  messagingEndpoints?: Record<string, MessagingEndpointProperties>;
  enableFileUploadNotifications?: boolean;
  networkRuleSets?: NetworkRuleSetProperties;
  publicNetworkAccess?: string;
  minTlsVersion?: string;
  disableLocalAuth?: boolean;
  disableDeviceSAS?: boolean;
  disableModuleSAS?: boolean;
  restrictOutboundNetworkAccess?: boolean;
  allowedFqdnList?: string[];
  [other: string]: unknown;
}

/** 2023-06-30 ManagedIdentity: which user-assigned identity an endpoint authenticates with (none: the system-assigned one). */
export interface ManagedIdentity {
  userAssignedIdentity?: string;
}

/** Fields every custom routing endpoint kind shares (RoutingEventHubProperties and its siblings, 2023-06-30). */
export interface RoutingEndpointCommon {
  name: string;
  id?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  endpointUri?: string;
  authenticationType?: "keyBased" | "identityBased";
  identity?: ManagedIdentity;
}

/** Event Hubs, Service Bus queue and Service Bus topic endpoints: a connection string or an identity. */
export interface RoutingMessagingEndpoint extends RoutingEndpointCommon {
  /** Secret; GET answers it with the key masked (`SharedAccessKey=****`). */
  connectionString?: string;
  entityPath?: string;
}

export interface RoutingStorageContainerProperties extends RoutingEndpointCommon {
  /** Secret; GET answers it with the key masked (`AccountKey=****`). */
  connectionString?: string;
  containerName: string;
  fileNameFormat?: string;
  batchFrequencyInSeconds?: number;
  maxChunkSizeInBytes?: number;
  encoding?: "Avro" | "AvroDeflate" | "JSON";
}

export interface RoutingCosmosDBSqlApiProperties extends RoutingEndpointCommon {
  endpointUri: string;
  databaseName: string;
  containerName: string;
  /** Secrets (x-ms-secret in the swagger). */
  primaryKey?: string;
  secondaryKey?: string;
  partitionKeyName?: string;
  partitionKeyTemplate?: string;
}

export interface RoutingEndpoints {
  eventHubs?: RoutingMessagingEndpoint[];
  serviceBusQueues?: RoutingMessagingEndpoint[];
  serviceBusTopics?: RoutingMessagingEndpoint[];
  storageContainers?: RoutingStorageContainerProperties[];
  cosmosDBSqlContainers?: RoutingCosmosDBSqlApiProperties[];
}

export interface RouteProperties {
  name: string;
  source: string;
  condition?: string;
  endpointNames: string[];
  isEnabled: boolean;
}

export interface FallbackRouteProperties {
  name?: string;
  source: "DeviceMessages";
  condition?: string;
  endpointNames: string[];
  isEnabled: boolean;
}

export interface EnrichmentProperties {
  key: string;
  value: string;
  endpointNames: string[];
}

export interface RoutingProperties {
  endpoints?: RoutingEndpoints;
  routes?: RouteProperties[];
  fallbackRoute?: FallbackRouteProperties;
  enrichments?: EnrichmentProperties[];
}

/** The file-upload storage account (key `$default`, the only one allowed). */
export interface StorageEndpointProperties {
  sasTtlAsIso8601?: string;
  /** Secret; GET answers it with the key masked (`AccountKey=****`). */
  connectionString: string;
  containerName: string;
  authenticationType?: "keyBased" | "identityBased";
  identity?: ManagedIdentity;
}

/** The file-upload notification queue (key `fileNotifications`). */
export interface MessagingEndpointProperties {
  lockDurationAsIso8601?: string;
  ttlAsIso8601?: string;
  maxDeliveryCount?: number;
}

export interface NetworkRuleSetProperties {
  defaultAction?: "Deny" | "Allow";
  applyToBuiltInEventHubEndpoint: boolean;
  ipRules: { filterName: string; action?: "Allow"; ipMask: string }[];
}

/** ArmIdentity (2023-06-30, top level of IotHubDescription): principalId and tenantId are read-only. */
export interface ArmIdentity {
  type?: "SystemAssigned" | "UserAssigned" | "SystemAssigned, UserAssigned" | "None";
  userAssignedIdentities?: Record<string, { principalId?: string; clientId?: string }>;
  principalId?: string;
  tenantId?: string;
}

/** One Event Hub-compatible endpoint of a hub (`events`, and `operationsMonitoringEvents` in 2016-02-03). */
export interface EventHubProperties {
  retentionTimeInDays?: number;
  partitionCount?: number;
  partitionIds?: string[];
  path?: string;
  endpoint?: string;
}

/** A shared access policy, with its keys as listkeys returns them. Keys are secrets: never logged, outputs only as secrets. */
export interface SharedAccessSignatureAuthorizationRule {
  keyName: string;
  primaryKey?: string;
  secondaryKey?: string;
  rights: string;
}

/**
 * A consumer group: 2016-02-03 `{tags, id, name}`; 2023-06-30 `{properties: {created, …}, id, name, type, etag}`,
 * where the real service's etag is null (docs/IOTHUB-ARM.md, "Consumer groups").
 */
export interface EventHubConsumerGroupInfo {
  id?: string;
  name?: string;
  type?: string;
  etag?: string | null;
  properties?: { created?: string; [other: string]: unknown };
  tags?: Record<string, string>;
}

export interface NameAvailabilityInfo {
  nameAvailable: boolean;
  reason?: string;
  message?: string | null;
}

/** A device import/export job (all fields read-only). */
export interface JobResponse {
  jobId?: string;
  startTimeUtc?: string;
  endTimeUtc?: string;
  type?: string;
  status?: string;
  failureReason?: string;
  statusMessage?: string;
  parentJobId?: string;
}

/** The 2023-06-30 ExportDevicesRequest, camelCase; mapped to 2016-02-03's PascalCase when sent in that version. */
export interface ExportDevicesRequest {
  exportBlobContainerUri: string;
  excludeKeys: boolean;
  exportBlobName?: string;
  authenticationType?: "keyBased" | "identityBased";
  identity?: { userAssignedIdentity?: string };
  includeConfigurations?: boolean;
  configurationsBlobName?: string;
}
