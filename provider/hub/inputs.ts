import type { ApiVersion, IotHubProperties } from "../arm";
import type { Timeouts } from "../timeouts";

/**
 * The IotHub inputs as the provider runtime sees them: plain values after the engine resolved the
 * program's `pulumi.Input`s (during preview any of them may still be the UNKNOWN sentinel).
 * Field docs live on the public `IotHubArgs` (provider/iothub.ts). The typed settings of IotHubProperties are taken
 * as the wire declares them (PROPERTY_SETTINGS), so the two cannot drift apart.
 */
export interface HubInputs extends Pick<IotHubProperties, PropertySetting> {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
  location: string;
  sku: { name: string; capacity?: number };
  eventHubs?: { partitionCount?: number; retentionTimeInDays?: number };
  cloudToDevice?: CloudToDevice;
  ipFilterRules?: IpFilterRule[];
  authorizationPolicies?: AuthorizationPolicy[];
  tags?: Record<string, string>;
  comments?: string;
  features?: string;
  properties?: Record<string, unknown>;
  /** The program's shape: a type and a list of user-assigned identity ids (the wire has a map of them). */
  identity?: HubIdentity;
  apiVersion: ApiVersion;
  timeouts?: Timeouts;
  adoptExisting?: boolean;
  /** The Pulumi resource name, used to autoname the hub when `name` is not given. */
  __autoNamePrefix?: string;
  /** Set by check() when the provider chose the name (kept across updates; dropped when a name is given). */
  __autoNamed?: boolean;
  /** The stack resource that owns the hub (provider/ownership.ts): seeds the autoname, tags the hubs it creates. */
  __owner?: string;
  /** Inputs also carry what the engine adds (`__provider`), passed through untouched. */
  [other: string]: unknown;
}

export interface CloudToDevice {
  maxDeliveryCount?: number;
  defaultTtlAsIso8601?: string;
  feedback?: { lockDurationAsIso8601?: string; ttlAsIso8601?: string; maxDeliveryCount?: number };
}

export interface IpFilterRule {
  filterName: string;
  action: "Accept" | "Reject";
  ipMask: string;
}

export interface AuthorizationPolicy {
  keyName: string;
  rights: string;
  /** A trigger the program changes to rotate this policy's keys (README, "Key rotation"); never sent to Azure. */
  rotateKeys?: string;
}

export interface HubIdentity {
  type: string;
  userAssignedIdentities?: string[];
}

/** The typed settings that live in IotHubProperties (docs/IOTHUB-ARM.md, "Typed settings and their diffs"). */
export const PROPERTY_SETTINGS = [
  "routing",
  "storageEndpoints",
  "messagingEndpoints",
  "enableFileUploadNotifications",
  "networkRuleSets",
  "publicNetworkAccess",
  "minTlsVersion",
  "disableLocalAuth",
  "disableDeviceSAS",
  "disableModuleSAS",
  "restrictOutboundNetworkAccess",
  "allowedFqdnList",
] as const;
export type PropertySetting = (typeof PROPERTY_SETTINGS)[number];

/** The typed settings: those of IotHubProperties, and the hub's managed identity (top level of the description). */
export const TYPED_SETTINGS = [...PROPERTY_SETTINGS, "identity"] as const;
export type TypedSetting = (typeof TYPED_SETTINGS)[number];

/**
 * The inputs that describe the hub in Azure and so are compared for drift and laid over the remote
 * document on update. Everything else is identity (name, group, subscription) or provider settings.
 */
export const MANAGED_FIELDS = [
  "location",
  "sku",
  "eventHubs",
  "cloudToDevice",
  "ipFilterRules",
  "authorizationPolicies",
  "tags",
  "comments",
  "features",
  ...TYPED_SETTINGS,
  "properties",
] as const;
export type ManagedField = (typeof MANAGED_FIELDS)[number];

/** Identity of the hub: changing any of these is a different hub. */
export const IDENTITY_FIELDS = ["subscriptionId", "resourceGroupName", "name"] as const;

