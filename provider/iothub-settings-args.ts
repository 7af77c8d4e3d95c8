/**
 * The typed hub settings of api-version 2023-06-30 (IotHubProperties in the swagger, named as azure-native names
 * them), as a Pulumi program gives them. Each is refused at check with api-version 2016-02-03 except the three
 * file-upload settings, which that version knows too. What the provider does to keep them free of perpetual diffs:
 * docs/IOTHUB-ARM.md, "Typed settings and their diffs".
 */
import type * as pulumi from "@pulumi/pulumi";

type In<T> = pulumi.Input<T>;
type InList<T> = pulumi.Input<pulumi.Input<T>[]>;

/** How an endpoint authenticates: `keyBased` (default; a connection string or keys) or `identityBased` (the hub's managed identity). */
export type EndpointAuthenticationType = "keyBased" | "identityBased";

/** Which managed identity an identity-based endpoint uses: a user-assigned identity's resource id; omitted, the system-assigned one. */
export interface EndpointIdentityArgs {
  userAssignedIdentity?: In<string>;
}

/** Fields every custom endpoint shares. */
export interface RoutingEndpointBaseArgs {
  /** 1–64 letters, digits, `-._`; unique across all endpoint kinds; not `events`, `fileNotifications` or `$default`. */
  name: In<string>;
  /** Subscription of the target resource (default: the hub's). */
  subscriptionId?: In<string>;
  /** Resource group of the target resource (default: the hub's). */
  resourceGroup?: In<string>;
  /** `keyBased` (default) or `identityBased`. */
  authenticationType?: In<EndpointAuthenticationType>;
  /** With `identityBased`: the identity to use (default: the system-assigned one). */
  identity?: In<EndpointIdentityArgs>;
}

/** An Event Hubs, Service Bus queue or Service Bus topic endpoint: `connectionString` (key-based), or `endpointUri` + `entityPath` (identity-based). */
export interface RoutingMessagingEndpointArgs extends RoutingEndpointBaseArgs {
  /** Secret: stored encrypted in state; Azure answers it masked (`SharedAccessKey=****`), which is not a change. */
  connectionString?: In<string>;
  /** `sb://<namespace>.servicebus.windows.net` (identity-based). */
  endpointUri?: In<string>;
  /** Event hub, queue or topic name (identity-based). */
  entityPath?: In<string>;
}

/** A storage container endpoint. */
export interface RoutingStorageContainerArgs extends RoutingEndpointBaseArgs {
  /** Secret (see RoutingMessagingEndpointArgs); Azure masks `AccountKey=****`. */
  connectionString?: In<string>;
  /** `https://<account>.blob.core.windows.net/` (identity-based). */
  endpointUri?: In<string>;
  containerName: In<string>;
  /** Default `{iothub}/{partition}/{YYYY}/{MM}/{DD}/{HH}/{mm}`. */
  fileNameFormat?: In<string>;
  /** 60–720 seconds (default 300). */
  batchFrequencyInSeconds?: In<number>;
  /** 10485760–524288000 bytes, i.e. 10–500 MB (default 314572800). */
  maxChunkSizeInBytes?: In<number>;
  /** `Avro` (default), `AvroDeflate` or `JSON`. */
  encoding?: In<"Avro" | "AvroDeflate" | "JSON">;
}

/** A Cosmos DB SQL container endpoint (swagger `cosmosDBSqlContainers`). */
export interface RoutingCosmosDbSqlContainerArgs extends RoutingEndpointBaseArgs {
  /** `https://<account>.documents.azure.com` */
  endpointUri: In<string>;
  databaseName: In<string>;
  containerName: In<string>;
  /** Secret (key-based). */
  primaryKey?: In<string>;
  /** Secret (key-based). */
  secondaryKey?: In<string>;
  partitionKeyName?: In<string>;
  partitionKeyTemplate?: In<string>;
}

/** Custom endpoints by kind: at most 10 in all (1 on F1). */
export interface RoutingEndpointsArgs {
  eventHubs?: InList<RoutingMessagingEndpointArgs>;
  serviceBusQueues?: InList<RoutingMessagingEndpointArgs>;
  serviceBusTopics?: InList<RoutingMessagingEndpointArgs>;
  storageContainers?: InList<RoutingStorageContainerArgs>;
  cosmosDBSqlContainers?: InList<RoutingCosmosDbSqlContainerArgs>;
}

export type RouteSource = "DeviceMessages" | "TwinChangeEvents" | "DeviceLifecycleEvents" | "DeviceJobLifecycleEvents" | "DeviceConnectionStateEvents";

/** A routing rule (at most 100; 5 on F1). Order carries no meaning: the service may answer them in another. */
export interface RouteArgs {
  /** 1–64 letters, digits, `-._`, unique. */
  name: In<string>;
  source: In<RouteSource>;
  /** Query condition (default `true`). */
  condition?: In<string>;
  /** Exactly one endpoint: a custom endpoint's name, or `events` (the built-in one). */
  endpointNames: InList<string>;
  isEnabled: In<boolean>;
}

/** The route taken when no route matches (Azure's default: `$fallback` to `events`, enabled). */
export interface FallbackRouteArgs {
  /** Default `$fallback`. */
  name?: In<string>;
  /** Only `DeviceMessages` (default). */
  source?: In<"DeviceMessages">;
  /** Default `true`. */
  condition?: In<string>;
  /** Exactly one endpoint, `events` or a custom endpoint's name. */
  endpointNames: InList<string>;
  isEnabled: In<boolean>;
}

/** A message enrichment (at most 10; 2 on F1). */
export interface EnrichmentArgs {
  key: In<string>;
  value: In<string>;
  /** One or more endpoint names (custom or `events`). */
  endpointNames: InList<string>;
}

/** Message routing. Each list given is the hub's whole list; a list not given is left as Azure has it. */
export interface RoutingArgs {
  endpoints?: In<RoutingEndpointsArgs>;
  routes?: InList<RouteArgs>;
  fallbackRoute?: In<FallbackRouteArgs>;
  enrichments?: InList<EnrichmentArgs>;
}

/** The file-upload storage account, under the key `$default` (the only key Azure accepts). */
export interface StorageEndpointArgs {
  /** SAS lifetime, ISO 8601 duration (default PT1H). */
  sasTtlAsIso8601?: In<string>;
  /** Secret (see RoutingMessagingEndpointArgs); Azure masks `AccountKey=****`. */
  connectionString: In<string>;
  containerName: In<string>;
  authenticationType?: In<EndpointAuthenticationType>;
  identity?: In<EndpointIdentityArgs>;
}

/** The file-upload notification queue, under the key `fileNotifications` (defaults PT1M, PT1H, 10). */
export interface MessagingEndpointArgs {
  lockDurationAsIso8601?: In<string>;
  ttlAsIso8601?: In<string>;
  /** 1–100. */
  maxDeliveryCount?: In<number>;
}

/** Network rules (an allow list): every rule allows; `defaultAction` says what happens to the rest. Order carries no meaning. */
export interface NetworkRuleSetArgs {
  /** `Deny` (default) or `Allow`. */
  defaultAction?: In<"Deny" | "Allow">;
  /** Apply the rules to the built-in Event Hub-compatible endpoint too. */
  applyToBuiltInEventHubEndpoint: In<boolean>;
  ipRules: InList<{ filterName: In<string>; action?: In<"Allow">; ipMask: In<string> }>;
}

/** The hub's managed identities. */
export interface HubIdentityArgs {
  /** `SystemAssigned`, `UserAssigned`, `SystemAssigned, UserAssigned` or `None`. */
  type: In<"SystemAssigned" | "UserAssigned" | "SystemAssigned, UserAssigned" | "None">;
  /** Resource ids of user-assigned identities (required with `UserAssigned`). */
  userAssignedIdentities?: InList<string>;
}

/** The typed settings (all optional; a setting not given is left as Azure has it). */
export interface HubSettingsArgs {
  /** Message routing: custom endpoints, routes, fallback route, enrichments. 2023-06-30 only. */
  routing?: In<RoutingArgs>;
  /** File upload storage: `{ $default: { connectionString, containerName, sasTtlAsIso8601 } }`. */
  storageEndpoints?: In<Record<string, In<StorageEndpointArgs>>>;
  /** File upload notification queue: `{ fileNotifications: { … } }`. */
  messagingEndpoints?: In<Record<string, In<MessagingEndpointArgs>>>;
  /** Send file upload notifications (default false). */
  enableFileUploadNotifications?: In<boolean>;
  /** Network rules (2023-06-30 only). */
  networkRuleSets?: In<NetworkRuleSetArgs>;
  /** `Enabled` (default) or `Disabled` (2023-06-30 only). */
  publicNetworkAccess?: In<"Enabled" | "Disabled">;
  /** `1.2` refuses older TLS clients; set at create only in Azure (2023-06-30 only). */
  minTlsVersion?: In<string>;
  /** Refuse hub-scoped SAS keys (default false; 2023-06-30 only). */
  disableLocalAuth?: In<boolean>;
  /** Refuse device-scoped SAS keys (default false; 2023-06-30 only). */
  disableDeviceSAS?: In<boolean>;
  /** Refuse module-scoped SAS keys (default false; 2023-06-30 only). */
  disableModuleSAS?: In<boolean>;
  /** Restrict egress to `allowedFqdnList` (default false; 2023-06-30 only). */
  restrictOutboundNetworkAccess?: In<boolean>;
  /** FQDNs the hub may reach when egress is restricted. Order carries no meaning (2023-06-30 only). */
  allowedFqdnList?: InList<string>;
  /** Managed identities of the hub, for identity-based endpoints (2023-06-30 only). */
  identity?: In<HubIdentityArgs>;
}
