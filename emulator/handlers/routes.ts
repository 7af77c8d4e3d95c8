import { OPERATION_ROUTE } from "../lro/operation-urls";
import type { Route } from "../router";
import * as cg from "./consumer-groups";
import * as hubs from "./hubs";
import * as jobs from "./jobs";
import { checkNameAvailability } from "./name-availability";
import { getOperation } from "./operations";
import * as rg from "./resource-groups";

/** Every ARM route the emulator answers; paths as in the 2016 and 2023 swaggers, matched case-insensitively. */
const SUB = "/subscriptions/{subscriptionId}";
const GROUP = `${SUB}/resourceGroups/{resourceGroupName}`;
const HUBS_IN_GROUP = `${GROUP}/providers/Microsoft.Devices/IotHubs`;
const HUB = `${HUBS_IN_GROUP}/{resourceName}`;
const GROUPS = `${HUB}/eventHubEndpoints/{eventHubEndpointName}/ConsumerGroups`;

export const ROUTES: Route[] = [
  { method: "PUT", pattern: GROUP, apiVersions: "any", handler: rg.putResourceGroup },
  { method: "GET", pattern: GROUP, apiVersions: "any", handler: rg.getResourceGroup },
  { method: "DELETE", pattern: GROUP, apiVersions: "any", handler: rg.deleteResourceGroup },
  { method: "HEAD", pattern: GROUP, apiVersions: "any", handler: rg.resourceGroupExists },

  { method: "GET", pattern: `${SUB}/providers/Microsoft.Devices/IotHubs`, apiVersions: "hub", handler: hubs.listHubsInSubscription },
  { method: "POST", pattern: `${SUB}/providers/Microsoft.Devices/checkNameAvailability`, apiVersions: "hub", handler: checkNameAvailability },
  { method: "GET", pattern: OPERATION_ROUTE, apiVersions: "any", handler: getOperation },
  { method: "GET", pattern: HUBS_IN_GROUP, apiVersions: "hub", handler: hubs.listHubsInGroup },

  { method: "GET", pattern: HUB, apiVersions: "hub", handler: hubs.getHub },
  { method: "PUT", pattern: HUB, apiVersions: "hub", handler: hubs.putHubHandler },
  { method: "PATCH", pattern: HUB, apiVersions: "hub", handler: hubs.patchHub },
  { method: "DELETE", pattern: HUB, apiVersions: "hub", handler: hubs.deleteHubHandler },
  { method: "POST", pattern: `${HUB}/listkeys`, apiVersions: "hub", handler: hubs.listKeysHandler },
  // the SDK fetches later pages of listkeys with GET on the nextLink (arm-iothub listKeysNextOperationSpec)
  { method: "GET", pattern: `${HUB}/listkeys`, apiVersions: "hub", handler: hubs.listKeysHandler },
  { method: "POST", pattern: `${HUB}/IotHubKeys/{keyName}/listkeys`, apiVersions: "hub", handler: hubs.getKeyHandler },
  { method: "GET", pattern: `${HUB}/IotHubStats`, apiVersions: "hub", handler: hubs.getStats },

  { method: "GET", pattern: GROUPS, apiVersions: "hub", handler: cg.listConsumerGroups },
  { method: "GET", pattern: `${GROUPS}/{name}`, apiVersions: "hub", handler: cg.getConsumerGroup },
  { method: "PUT", pattern: `${GROUPS}/{name}`, apiVersions: "hub", handler: cg.putConsumerGroupHandler },
  { method: "DELETE", pattern: `${GROUPS}/{name}`, apiVersions: "hub", handler: cg.deleteConsumerGroupHandler },

  { method: "POST", pattern: `${HUB}/exportDevices`, apiVersions: "hub", handler: jobs.exportDevices },
  { method: "POST", pattern: `${HUB}/importDevices`, apiVersions: "hub", handler: jobs.importDevices },
  { method: "GET", pattern: `${HUB}/jobs`, apiVersions: "hub", handler: jobs.listJobs },
  { method: "GET", pattern: `${HUB}/jobs/{jobId}`, apiVersions: "hub", handler: jobs.getJob },
];
