import * as pulumi from "@pulumi/pulumi";
import type { EventHubConsumerGroupInfo } from "../arm/iothub/types";
import type { ListConsumerGroupsArgs } from "./operations";
import { readConsumerGroups } from "./operations";
import type { InputsOf } from "./program-target";
import { programTarget } from "./program-target";

/**
 * The consumer groups of a hub's Event Hub-compatible endpoint, `$Default` included, every page followed. Each is
 * `{ name, … }`; with api-version 2023-06-30 also `id`, `etag` and `properties.created`.
 *
 * @example
 * const groups = (await listConsumerGroups({ resourceGroupName: "rg", hubName: "my-hub" })).map((g) => g.name);
 */
export function listConsumerGroups(args: ListConsumerGroupsArgs): Promise<EventHubConsumerGroupInfo[]> {
  return readConsumerGroups(programTarget(), args);
}

/** {@link listConsumerGroups} for `pulumi.Input`s. */
export function listConsumerGroupsOutput(args: InputsOf<ListConsumerGroupsArgs>): pulumi.Output<EventHubConsumerGroupInfo[]> {
  return pulumi.output(args).apply((plain) => listConsumerGroups(plain as ListConsumerGroupsArgs));
}
