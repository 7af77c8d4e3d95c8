import * as pulumi from "@pulumi/pulumi";
import { IotHub } from "pulumi-iothub";

const config = new pulumi.Config();

// The fields this program manages: the SKU and the tags. Everything else on the hub (routing, network rules,
// policies) stays as Azure has it and never shows as drift.
const hub = new IotHub("drifting", {
  resourceGroupName: config.get("resourceGroupName") ?? "iot-examples",
  location: config.get("location") ?? "westeurope",
  sku: { name: "S1", capacity: config.getNumber("capacity") ?? 1 },
  tags: { owner: "platform", example: "drift" },
});

export const hubName = hub.name;
export const etag = hub.etag;
