import * as pulumi from "@pulumi/pulumi";
import { ConsumerGroup, IotHub } from "pulumi-iothub";

const config = new pulumi.Config();

// The smallest useful hub: S1, one unit, two partitions. Its name is the Pulumi name plus a stable suffix.
const hub = new IotHub("hub", {
  resourceGroupName: config.get("resourceGroupName") ?? "iot-examples",
  location: config.get("location") ?? "westeurope",
  sku: { name: "S1", capacity: 1 },
  eventHubs: { partitionCount: 2, retentionTimeInDays: 1 },
  tags: { example: "basic" },
});

// A reader of the hub's built-in event hub endpoint ("events"); created as soon as the hub is Active.
const reader = new ConsumerGroup("reader", { hub, name: "reader" });

export const hubName = hub.name;
export const hostName = hub.hostName;
export const consumerGroup = reader.name;
// Secrets: shown as [secret] unless `pulumi stack output --show-secrets`.
export const serviceConnectionString = hub.connectionStrings.apply((c) => c["service"]);
export const eventHubConnectionString = hub.eventHubConnectionStrings.apply((c) => c["service"]);
