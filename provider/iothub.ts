import * as pulumi from "@pulumi/pulumi";
import type { ApiVersion } from "./arm/iothub/api-versions";
import { SECRET_OUTPUTS } from "./hub/outputs";
import type { HubSettingsArgs } from "./iothub-settings-args";
import { ownerOf } from "./owner";
import { providerShell } from "./shell";

/**
 * Arguments of an IoT hub (`Microsoft.Devices/IotHubs`). Omitted optional fields are left as Azure has them. The typed
 * settings (routing, file upload, network, authentication, identity) are in HubSettingsArgs.
 */
export interface IotHubArgs extends HubSettingsArgs {
  /** Resource group that holds the hub (must exist). Changing it replaces the hub. */
  resourceGroupName: pulumi.Input<string>;
  /** Hub name, globally unique (3–50 letters, digits, hyphens). Default: the Pulumi name plus a suffix derived from the organization, project, stack and Pulumi name (the same on every run of this stack). Changing it replaces the hub. */
  name?: pulumi.Input<string>;
  /** Azure region, e.g. `westeurope`. Changing it replaces the hub. */
  location: pulumi.Input<string>;
  /** SKU: `name` F1, S1–S3 (and B1–B3 with api-version 2023-06-30); `capacity` in units (default 1). Free↔paid and Standard→Basic replace the hub. */
  sku: pulumi.Input<{ name: pulumi.Input<string>; capacity?: pulumi.Input<number> }>;
  /** The built-in Event Hub-compatible endpoint `events`: partitions 2–128 (default 4; 2 for F1; changing it replaces the hub), retention 1–7 days (default 1). */
  eventHubs?: pulumi.Input<{ partitionCount?: pulumi.Input<number>; retentionTimeInDays?: pulumi.Input<number> }>;
  /** Cloud-to-device messaging: max delivery count 1–100, default TTL and feedback queue settings as ISO 8601 durations. */
  cloudToDevice?: pulumi.Input<CloudToDeviceArgs>;
  /** IP filter rules, in order of precedence; the list replaces the hub's rules. */
  ipFilterRules?: pulumi.Input<pulumi.Input<{ filterName: pulumi.Input<string>; action: pulumi.Input<"Accept" | "Reject">; ipMask: pulumi.Input<string> }>[]>;
  /**
   * Shared access policies (`rights` e.g. "RegistryRead, ServiceConnect"); the list replaces the hub's policies, existing
   * keys are kept by every update. Keys are outputs. `rotateKeys`: any string; changing it gives that policy new keys.
   */
  authorizationPolicies?: pulumi.Input<pulumi.Input<{ keyName: pulumi.Input<string>; rights: pulumi.Input<string>; rotateKeys?: pulumi.Input<string> }>[]>;
  /** Resource tags (at most 49: the provider adds its hidden ownership tag `hidden-pulumi-iothub-owner` to hubs it creates); the map replaces the hub's tags, the ownership tag is kept. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Free-text comments on the hub. */
  comments?: pulumi.Input<string>;
  /** `None` or `DeviceManagement`. */
  features?: pulumi.Input<string>;
  /** Further IotHubProperties of the chosen api-version without a typed argument (e.g. enableDataResidency), merged over what the hub has. */
  properties?: pulumi.Input<Record<string, unknown>>;
  /** Subscription id. Default: stack config `iothub:subscriptionId`, then AZURE_SUBSCRIPTION_ID / ARM_SUBSCRIPTION_ID. Changing it replaces the hub. */
  subscriptionId?: pulumi.Input<string>;
  /** Microsoft.Devices api-version: `2016-02-03` (default) or `2023-06-30`. */
  apiVersion?: pulumi.Input<ApiVersion>;
  /** How long to wait for each operation, in minutes (default 30 each): Pulumi's customTimeouts do not reach dynamic providers. */
  timeouts?: pulumi.Input<{ createMinutes?: pulumi.Input<number>; updateMinutes?: pulumi.Input<number>; deleteMinutes?: pulumi.Input<number> }>;
  /** Take over a hub that already exists with this name (it is then updated to match the program). Default false: an existing hub is refused. */
  adoptExisting?: pulumi.Input<boolean>;
}

export interface CloudToDeviceArgs {
  maxDeliveryCount?: pulumi.Input<number>;
  defaultTtlAsIso8601?: pulumi.Input<string>;
  feedback?: pulumi.Input<{ lockDurationAsIso8601?: pulumi.Input<string>; ttlAsIso8601?: pulumi.Input<string>; maxDeliveryCount?: pulumi.Input<number> }>;
}

export interface SharedAccessPolicy {
  keyName: string;
  rights: string;
  primaryKey: string;
  secondaryKey: string;
}

/** Pulumi type token: `pulumi-nodejs:dynamic/iothub:IotHub`. Renaming it later would need aliases. */
export const IOTHUB_MODULE = "iothub";
export const IOTHUB_TYPE = "IotHub";

/**
 * An Azure IoT hub managed through the Microsoft.Devices ARM REST API, with ETag lost-update
 * protection, async-operation waits, and keys and connection strings as secrets.
 */
export class IotHub extends pulumi.dynamic.Resource {
  /** The hub's name in Azure. */
  declare public readonly name: pulumi.Output<string>;
  declare public readonly resourceGroupName: pulumi.Output<string>;
  declare public readonly subscriptionId: pulumi.Output<string>;
  declare public readonly location: pulumi.Output<string>;
  declare public readonly apiVersion: pulumi.Output<ApiVersion>;
  /** ARM resource id (`/subscriptions/…/providers/Microsoft.Devices/IotHubs/<name>`). */
  declare public readonly resourceId: pulumi.Output<string>;
  /** `<name>.azure-devices.net`. */
  declare public readonly hostName: pulumi.Output<string>;
  /** ETag of the hub as last written or refreshed; sent as If-Match on the next write. */
  declare public readonly etag: pulumi.Output<string>;
  declare public readonly provisioningState: pulumi.Output<string>;
  /** `Active` once the hub accepts writes. */
  declare public readonly state: pulumi.Output<string>;
  /** `Free`, `Standard` or `Basic`, from the SKU. */
  declare public readonly tier: pulumi.Output<string>;
  /** Event Hub-compatible endpoint, `sb://…/`. */
  declare public readonly eventHubEndpoint: pulumi.Output<string>;
  /** Event Hub-compatible name (EntityPath). */
  declare public readonly eventHubPath: pulumi.Output<string>;
  declare public readonly eventHubPartitionIds: pulumi.Output<string[]>;
  declare public readonly eventHubPartitionCount: pulumi.Output<number>;
  /** Shared access policies with their keys (secret). */
  declare public readonly sharedAccessPolicies: pulumi.Output<SharedAccessPolicy[]>;
  /** Service connection strings by policy name (secret). */
  declare public readonly connectionStrings: pulumi.Output<Record<string, string>>;
  /** Event Hub-compatible connection strings by policy name, for policies with ServiceConnect (secret). */
  declare public readonly eventHubConnectionStrings: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: IotHubArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      resourceId: undefined, hostName: undefined, etag: undefined, provisioningState: undefined, state: undefined,
      tier: undefined, eventHubEndpoint: undefined, eventHubPath: undefined, eventHubPartitionIds: undefined,
      eventHubPartitionCount: undefined, sharedAccessPolicies: undefined, connectionStrings: undefined,
      eventHubConnectionStrings: undefined,
    };
    super(
      providerShell("iotHub"),
      name,
      // name, subscriptionId and apiVersion are filled in by check() when omitted; listing them makes them outputs.
      // Endpoint connection strings and Cosmos DB keys live in routing and storageEndpoints: secret inputs, so the
      // state keeps them as ciphertext (docs/PULUMI-DYNAMIC.md, "Secrets"); SECRET_OUTPUTS does the same for the outputs.
      { ...outputs, ...args, routing: secretOrUndefined(args.routing), storageEndpoints: secretOrUndefined(args.storageEndpoints), name: args.name, subscriptionId: args.subscriptionId, apiVersion: args.apiVersion, __autoNamePrefix: name, __owner: ownerOf(name, opts) },
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS] },
      IOTHUB_MODULE,
      IOTHUB_TYPE,
    );
  }
}

function secretOrUndefined<T>(value: pulumi.Input<T> | undefined): pulumi.Output<unknown> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}
