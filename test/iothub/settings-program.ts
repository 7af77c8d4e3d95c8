/**
 * A program that sets every typed hub setting (api-version 2023-06-30), for the settings tests. Connection strings
 * carry recognisable fake keys so a test can grep the state text for them.
 */
import type { IotHubArgs } from "../../provider";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, devHubArgs } from "./world";

export const EVENT_HUB_KEY = "ehKeyFAKEehKeyFAKEehKeyFAKEehKeyFAKE000000=";
export const QUEUE_KEY = "sbqKeyFAKEsbqKeyFAKEsbqKeyFAKEsbqKeyFAKE00=";
export const TOPIC_KEY = "sbtKeyFAKEsbtKeyFAKEsbtKeyFAKEsbtKeyFAKE00=";
export const STORAGE_KEY = "stKeyFAKEstKeyFAKEstKeyFAKEstKeyFAKEstKeyFAKEstKeyFAKEstKeyFAKE00==";
export const COSMOS_KEY = "cosmosKeyFAKEcosmosKeyFAKEcosmosKeyFAKE00==";
export const ALL_KEYS = [EVENT_HUB_KEY, QUEUE_KEY, TOPIC_KEY, STORAGE_KEY, COSMOS_KEY];

export const EVENT_HUB_CONNECTION = `Endpoint=sb://ns-one.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${EVENT_HUB_KEY};EntityPath=telemetry`;
export const QUEUE_CONNECTION = `Endpoint=sb://ns-one.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${QUEUE_KEY};EntityPath=alerts`;
export const TOPIC_CONNECTION = `Endpoint=sb://ns-one.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${TOPIC_KEY};EntityPath=events-topic`;
export const STORAGE_CONNECTION = `DefaultEndpointsProtocol=https;AccountName=acctone;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net`;
export const USER_IDENTITY = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-one`;

export function everySettingArgs(name: string, over: Partial<IotHubArgs> = {}): IotHubArgs {
  return devHubArgs(name, {
    apiVersion: "2023-06-30",
    authorizationPolicies: [
      { keyName: "iothubowner", rights: "RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect" },
      { keyName: "backend", rights: "ServiceConnect" },
    ],
    cloudToDevice: { maxDeliveryCount: 20 },
    ipFilterRules: [{ filterName: "office", action: "Accept", ipMask: "10.0.0.0/8" }],
    routing: {
      endpoints: {
        eventHubs: [
          { name: "eh-keys", connectionString: EVENT_HUB_CONNECTION },
          {
            name: "eh-identity", authenticationType: "identityBased", endpointUri: "sb://ns-one.servicebus.windows.net",
            entityPath: "telemetry2", identity: { userAssignedIdentity: USER_IDENTITY },
          },
        ],
        serviceBusQueues: [{ name: "sbq", connectionString: QUEUE_CONNECTION }],
        serviceBusTopics: [{ name: "sbt", connectionString: TOPIC_CONNECTION }],
        storageContainers: [{ name: "archive", connectionString: STORAGE_CONNECTION, containerName: "archive", encoding: "JSON", batchFrequencyInSeconds: 120 }],
        cosmosDBSqlContainers: [{ name: "cosmos", endpointUri: "https://acctone.documents.azure.com", databaseName: "db", containerName: "readings", primaryKey: COSMOS_KEY }],
      },
      routes: [
        { name: "to-eh", source: "DeviceMessages", endpointNames: ["eh-keys"], isEnabled: true },
        { name: "to-archive", source: "DeviceMessages", condition: "$body.kind = 'archive'", endpointNames: ["archive"], isEnabled: true },
        { name: "twins", source: "TwinChangeEvents", endpointNames: ["sbq"], isEnabled: false },
      ],
      fallbackRoute: { endpointNames: ["events"], isEnabled: true },
      enrichments: [
        { key: "site", value: "$twin.tags.site", endpointNames: ["eh-keys", "archive"] },
        { key: "app", value: "fleet", endpointNames: ["events"] },
      ],
    },
    storageEndpoints: { $default: { connectionString: STORAGE_CONNECTION, containerName: "uploads" } },
    messagingEndpoints: { fileNotifications: { maxDeliveryCount: 5 } },
    enableFileUploadNotifications: true,
    networkRuleSets: {
      applyToBuiltInEventHubEndpoint: true,
      ipRules: [{ filterName: "vpn", ipMask: "192.168.1.0/24" }, { filterName: "lab", ipMask: "172.16.0.1" }],
    },
    publicNetworkAccess: "Enabled",
    minTlsVersion: "1.2",
    disableLocalAuth: false,
    disableDeviceSAS: false,
    disableModuleSAS: true,
    restrictOutboundNetworkAccess: true,
    allowedFqdnList: ["ns-one.servicebus.windows.net", "acctone.blob.core.windows.net"],
    identity: { type: "SystemAssigned, UserAssigned", userAssignedIdentities: [USER_IDENTITY] },
    ...over,
  });
}
