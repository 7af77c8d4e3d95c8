import * as pulumi from "@pulumi/pulumi";
import { ConsumerGroup, IotHub } from "pulumi-iothub";

/** One hub of the fleet, as stack config `fleet:hubs` lists it. */
interface HubSpec {
  /** Part of the Pulumi name; the Azure name is derived from it (globally unique, stable per stack). */
  name: string;
  partitionCount?: number;
  consumerGroups?: string[];
}

const config = new pulumi.Config();
// One stack per environment (Pulumi.dev.yaml, Pulumi.prod.yaml): the program is the same, only config differs, so
// promoting dev → prod is merging a config change and letting the pipeline run `pulumi up` on each stack in turn.
const environment = config.get("environment") ?? pulumi.getStack();
const resourceGroupName = config.get("resourceGroupName") ?? `iot-${environment}`;
const location = config.get("location") ?? "westeurope";
const sku = { name: config.get("skuName") ?? "S1", capacity: config.getNumber("capacity") ?? 1 };
const hubs = config.getObject<HubSpec[]>("hubs") ?? [
  { name: "telemetry", consumerGroups: ["analytics", "archive"] },
  { name: "commands", consumerGroups: ["audit"] },
];

// Every hub and group below goes out in one `pulumi up`, in parallel. They share one ARM budget per subscription in
// the provider process: it slows its own requests down before ARM's throttling refuses them and waits out a 429's
// Retry-After for all of them at once, so a large fleet ends without failed resources (docs/RELIABILITY.md,
// "Throttling"). Writes to one hub are queued behind its create, so its groups do not fail with "hub not Active" 409s.
const deployed = hubs.map((spec) => {
  const hub = new IotHub(`${environment}-${spec.name}`, {
    resourceGroupName,
    location,
    sku,
    eventHubs: { partitionCount: spec.partitionCount ?? 2, retentionTimeInDays: 1 },
    tags: { environment, fleet: spec.name },
  });
  for (const group of spec.consumerGroups ?? []) {
    new ConsumerGroup(`${environment}-${spec.name}-${group}`, { hub, name: group });
  }
  return hub;
});

export const hubNames = deployed.map((h) => h.name);
export const hostNames = deployed.map((h) => h.hostName);
