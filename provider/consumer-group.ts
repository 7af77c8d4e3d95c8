import * as pulumi from "@pulumi/pulumi";
import type { ApiVersion } from "./arm/iothub/api-versions";
import type { IotHub } from "./iothub";
import { ownerOf } from "./owner";
import { IOTHUB_MODULE } from "./iothub";
import { providerShell } from "./shell";

/** Arguments of a device-to-cloud consumer group on a hub's Event Hub-compatible endpoint. */
export interface ConsumerGroupArgs {
  /** The hub, when it is managed in this program (supplies hub name, resource group, subscription and api-version). */
  hub?: IotHub;
  /** Hub name, when `hub` is not given. */
  hubName?: pulumi.Input<string>;
  /** Resource group of the hub, when `hub` is not given. */
  resourceGroupName?: pulumi.Input<string>;
  /** Subscription of the hub. Default: the hub's, else stack config `iothub:subscriptionId` / AZURE_SUBSCRIPTION_ID. */
  subscriptionId?: pulumi.Input<string>;
  /** Event Hub-compatible endpoint name (default `events`). */
  eventHubEndpointName?: pulumi.Input<string>;
  /** Consumer group name (1–50 letters, digits, `-`, `.`, `_`; not `$Default`). Default: the Pulumi name plus a suffix derived from the organization, project, stack and Pulumi name. */
  name?: pulumi.Input<string>;
  /** Microsoft.Devices api-version; default the hub's, else `2016-02-03`. */
  apiVersion?: pulumi.Input<ApiVersion>;
  /** How long to wait for the hub to accept the write, in minutes (default 30 each). */
  timeouts?: pulumi.Input<{ createMinutes?: pulumi.Input<number>; deleteMinutes?: pulumi.Input<number> }>;
  /** Take over a consumer group that already exists with this name. Default false: an existing one is refused. */
  adoptExisting?: pulumi.Input<boolean>;
}

export const CONSUMER_GROUP_TYPE = "ConsumerGroup";

/**
 * A D2C consumer group. All writes to one hub are queued in the provider process, wait for the hub
 * to be Active, and retry the service's "not currently in Active state" 409 until the timeout.
 */
export class ConsumerGroup extends pulumi.dynamic.Resource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly hubName: pulumi.Output<string>;
  declare public readonly resourceGroupName: pulumi.Output<string>;
  declare public readonly subscriptionId: pulumi.Output<string>;
  declare public readonly eventHubEndpointName: pulumi.Output<string>;
  declare public readonly apiVersion: pulumi.Output<ApiVersion>;
  /** ARM resource id of the consumer group. */
  declare public readonly resourceId: pulumi.Output<string>;
  /** ETag as the service reports it; the real service reports null. */
  declare public readonly etag: pulumi.Output<string | null>;
  /** Creation time as the service reports it (RFC 1123), or null (2016-02-03 does not report it). */
  declare public readonly created: pulumi.Output<string | null>;

  constructor(name: string, args: ConsumerGroupArgs, opts?: pulumi.CustomResourceOptions) {
    const { hub, ...rest } = args;
    const props = {
      resourceId: undefined,
      etag: undefined,
      created: undefined,
      ...rest,
      // Filled in by check() when omitted; listing them makes them outputs.
      name: rest.name,
      eventHubEndpointName: rest.eventHubEndpointName,
      hubName: rest.hubName ?? hub?.name,
      resourceGroupName: rest.resourceGroupName ?? hub?.resourceGroupName,
      subscriptionId: rest.subscriptionId ?? hub?.subscriptionId,
      apiVersion: rest.apiVersion ?? hub?.apiVersion,
      __autoNamePrefix: name,
      __owner: ownerOf(name, opts),
    };
    super(providerShell("consumerGroup"), name, props, opts, IOTHUB_MODULE, CONSUMER_GROUP_TYPE);
  }
}
