/**
 * The top-level Pulumi project: hubs and consumer groups from stack config, so a pipeline can manage
 * a fleet of hubs by editing YAML. Example `Pulumi.dev.yaml`:
 *
 *   config:
 *     iothub:subscriptionId: 00000000-0000-0000-0000-000000000000
 *     iothub-stack:hubs:
 *       - name: contoso-telemetry-dev
 *         resourceGroupName: iot-dev
 *         location: westeurope
 *         sku: { name: S1, capacity: 1 }
 *         eventHubs: { partitionCount: 4, retentionTimeInDays: 1 }
 *         consumerGroups: [analytics, archive]
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsumerGroup, IotHub } from "./provider";
import type { IotHubArgs } from "./provider";

/** One hub of the `hubs` config list: IotHub arguments plus the names of its consumer groups. */
interface HubSpec extends Omit<IotHubArgs, "resourceGroupName" | "location" | "sku"> {
  /** Pulumi resource name; default the hub name. */
  key?: string;
  resourceGroupName: string;
  location: string;
  sku: { name: string; capacity?: number };
  consumerGroups?: string[];
}

const hubs = new pulumi.Config().requireObject<HubSpec[]>("hubs");

const created = hubs.map((spec, i) => {
  const { key, consumerGroups, ...args } = spec;
  const resourceName = key ?? (typeof args.name === "string" ? args.name : `hub-${i}`);
  const hub = new IotHub(resourceName, args);
  for (const group of consumerGroups ?? []) {
    new ConsumerGroup(`${resourceName}-${group}`, { hub, name: group });
  }
  return hub;
});

export const hostNames = created.map((hub) => hub.hostName);
export const eventHubEndpoints = created.map((hub) => hub.eventHubEndpoint);
