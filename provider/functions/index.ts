/**
 * The Pulumi functions of the package: Microsoft.Devices reads (and the device export) for programs, each with a
 * promise form and an `…Output` form, as Pulumi's own providers offer them. They run in the program's process with
 * the resources' settings (program-target.ts); the CLI runs the same operations (operations.ts, device-export.ts).
 */
export { getIotHub, getIotHubOutput } from "./get-iot-hub";
export type { GetIotHubArgs } from "./operations";
export { listIotHubs, listIotHubsOutput } from "./list-iot-hubs";
export type { ListIotHubsArgs } from "./operations";
export { listIotHubKeys, listIotHubKeysOutput } from "./list-iot-hub-keys";
export type { ListIotHubKeysArgs } from "./operations";
export { listConsumerGroups, listConsumerGroupsOutput } from "./list-consumer-groups";
export type { ListConsumerGroupsArgs } from "./operations";
export { exportDeviceIdentities, exportDeviceIdentitiesOutput } from "./export-device-identities";
export type { ExportDeviceIdentitiesArgs } from "./device-export";
export { FunctionArgumentError, isFunctionArgumentError } from "./target";
export type { FunctionScope } from "./target";
