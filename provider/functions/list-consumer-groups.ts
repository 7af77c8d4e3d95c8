import * as pulumi from "@pulumi/pulumi";
import { CheckFailures } from "../check-failures";
import { listConsumerGroupItems } from "../arm/iothub/consumer-groups";
import { EVENTS_ENDPOINT } from "../arm/iothub/paths";
import type { EventHubConsumerGroupInfo } from "../arm/iothub/types";
import { ENDPOINTS_BY_API_VERSION } from "../consumer-group/inputs";
import type { FunctionScope, FunctionTarget, InputsOf } from "./target";
import { FunctionArgumentError, hubRefOf, programTarget } from "./target";

export interface ListConsumerGroupsArgs extends FunctionScope {
  /** Resource group that holds the hub. */
  resourceGroupName: string;
  /** The hub's name. */
  hubName: string;
  /** Event Hub-compatible endpoint (default `events`; 2016-02-03 also has `operationsMonitoringEvents`). */
  eventHubEndpointName?: string;
}

/** Every consumer group of the endpoint, all pages, in one shape for both api-versions. Shared by the CLI. */
export async function readConsumerGroups(target: FunctionTarget, args: ListConsumerGroupsArgs): Promise<EventHubConsumerGroupInfo[]> {
  const ref = hubRefOf("listConsumerGroups", args, args.hubName, "hubName", target);
  const endpoint = args.eventHubEndpointName ?? EVENTS_ENDPOINT;
  if (!ENDPOINTS_BY_API_VERSION[ref.apiVersion].includes(endpoint)) {
    const failures = new CheckFailures();
    failures.add("eventHubEndpointName", `must be one of ${ENDPOINTS_BY_API_VERSION[ref.apiVersion].join(", ")} for api-version ${ref.apiVersion}`, endpoint);
    throw new FunctionArgumentError("listConsumerGroups", failures.list.map((f) => f.reason));
  }
  const items = await listConsumerGroupItems(target.client, ref, { eventHubEndpoint: endpoint });
  // 2016-02-03 lists bare names; 2023-06-30 objects.
  return items.map((item) => (typeof item === "string" ? { name: item } : item));
}

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
