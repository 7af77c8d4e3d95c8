/** Microsoft.Devices on the ARM client: the wire objects, once, and the operations on them. */
export * from "./api-versions";
export * from "./types";
export * from "./paths";
export * from "./hubs";
export * from "./hub-state";
export * from "./hub-wait";
export * from "./consumer-groups";
export * from "./jobs";
