import * as pulumi from "@pulumi/pulumi";
import { ConsumerGroup, IotHub } from "pulumi-iothub";

const config = new pulumi.Config();

const hub = new IotHub("telemetry", {
  resourceGroupName: config.get("resourceGroupName") ?? "iot-examples",
  location: config.get("location") ?? "westeurope",
  sku: { name: "S1", capacity: 1 },
  eventHubs: { partitionCount: 4, retentionTimeInDays: 1 },
  tags: { example: "hub-with-consumer-groups" },
});

// Created in the same `up` as the hub: the provider queues them behind the hub's create and retries
// the service's "not in Active state" 409 instead of failing.
for (const name of ["analytics", "archive", "alerts"]) {
  new ConsumerGroup(name, { hub, name });
}

export const hubName = hub.name;
export const hostName = hub.hostName;
// A secret: shown as [secret] unless `pulumi stack output --show-secrets`.
export const serviceConnectionString = hub.connectionStrings.apply((c) => c["service"]);
