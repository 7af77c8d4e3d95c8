/**
 * The Pulumi functions of the package: Microsoft.Devices reads (and the device export) for programs, each with a
 * promise form and an `…Output` form, as Pulumi's own providers offer them. They run in the program's process with
 * the resources' settings (target.ts).
 */
export { getIotHub, getIotHubOutput } from "./get-iot-hub";
export type { GetIotHubArgs } from "./get-iot-hub";
export { listIotHubs, listIotHubsOutput } from "./list-iot-hubs";
export type { ListIotHubsArgs } from "./list-iot-hubs";
export { listIotHubKeys, listIotHubKeysOutput } from "./list-iot-hub-keys";
export type { ListIotHubKeysArgs } from "./list-iot-hub-keys";
export { listConsumerGroups, listConsumerGroupsOutput } from "./list-consumer-groups";
export type { ListConsumerGroupsArgs } from "./list-consumer-groups";
export { exportDeviceIdentities, exportDeviceIdentitiesOutput } from "./export-device-identities";
export type { ExportDeviceIdentitiesArgs } from "./export-device-identities";
export { FunctionArgumentError, isFunctionArgumentError } from "./target";
export type { FunctionScope } from "./target";
