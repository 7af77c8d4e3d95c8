/**
 * The reads behind the Pulumi functions and the CLI's commands, on a FunctionTarget: one place that checks the
 * arguments and calls provider/arm/iothub. No Pulumi here (the functions wrap these in promise and Output forms).
 */
import { listConsumerGroupItems } from "../arm/iothub/consumer-groups";
import { getHub, listHubs, listKeys } from "../arm/iothub/hubs";
import { EVENTS_ENDPOINT } from "../arm/iothub/paths";
import type { EventHubConsumerGroupInfo, IotHubDescription, SharedAccessSignatureAuthorizationRule } from "../arm/iothub/types";
import { CheckFailures } from "../check-failures";
import { ENDPOINTS_BY_API_VERSION } from "../consumer-group/inputs";
import type { FunctionScope, FunctionTarget } from "./target";
import { FunctionArgumentError, checkResourceGroup, hubRefOf, scopeOf } from "./target";

export interface GetIotHubArgs extends FunctionScope {
  /** Resource group that holds the hub. */
  resourceGroupName: string;
  /** The hub's name. */
  name: string;
}

export interface ListIotHubsArgs extends FunctionScope {
  /** Only the hubs of this resource group. Default: every hub of the subscription. */
  resourceGroupName?: string;
}

export interface ListIotHubKeysArgs extends FunctionScope {
  /** Resource group that holds the hub. */
  resourceGroupName: string;
  /** The hub's name. */
  name: string;
}

export interface ListConsumerGroupsArgs extends FunctionScope {
  /** Resource group that holds the hub. */
  resourceGroupName: string;
  /** The hub's name. */
  hubName: string;
  /** Event Hub-compatible endpoint (default `events`; 2016-02-03 also has `operationsMonitoringEvents`). */
  eventHubEndpointName?: string;
}

/** The hub description as Azure answers it (no keys: GET never returns them). */
export async function readIotHub(target: FunctionTarget, args: GetIotHubArgs): Promise<IotHubDescription> {
  return getHub(target.client, hubRefOf("getIotHub", args, args.name, "name", target));
}

/** Every hub of the subscription or resource group, all pages followed. */
export async function readIotHubs(target: FunctionTarget, args: ListIotHubsArgs): Promise<IotHubDescription[]> {
  const failures = new CheckFailures();
  checkResourceGroup("resourceGroupName", args.resourceGroupName, failures, false);
  const scope = scopeOf("listIotHubs", args, target, failures);
  return listHubs(target.client, { ...scope, resourceGroup: args.resourceGroupName });
}

/** The shared access policies with their keys (`POST …/listkeys`, every page). */
export async function readIotHubKeys(target: FunctionTarget, args: ListIotHubKeysArgs): Promise<SharedAccessSignatureAuthorizationRule[]> {
  return listKeys(target.client, hubRefOf("listIotHubKeys", args, args.name, "name", target));
}

/** Every consumer group of the endpoint, all pages, in one shape for both api-versions. */
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
