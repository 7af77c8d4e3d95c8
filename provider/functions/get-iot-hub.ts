import * as pulumi from "@pulumi/pulumi";
import type { IotHubDescription } from "../arm/iothub/types";
import type { GetIotHubArgs } from "./operations";
import { readIotHub } from "./operations";
import type { InputsOf } from "./program-target";
import { programTarget } from "./program-target";

/**
 * One IoT hub's description (`GET …/IotHubs/{name}`), in the shape of the chosen api-version: location, sku, tags,
 * `properties` (state, hostName, eventHubEndpoints, …). A hub that does not exist rejects with an ArmError whose
 * `statusCode` is 404; every Azure error carries its code, message and `x-ms-request-id`.
 *
 * Runs in the program's process with the resources' settings: stack config `iothub:*`, then the Azure environment.
 *
 * @example
 * const hub = await getIotHub({ resourceGroupName: "rg", name: "my-hub" });
 * console.log(hub.properties?.hostName);
 */
export function getIotHub(args: GetIotHubArgs): Promise<IotHubDescription> {
  return readIotHub(programTarget(), args);
}

/** {@link getIotHub} for `pulumi.Input`s: the description as an `Output` (unknown while an input is unknown in preview). */
export function getIotHubOutput(args: InputsOf<GetIotHubArgs>): pulumi.Output<IotHubDescription> {
  return pulumi.output(args).apply((plain) => getIotHub(plain as GetIotHubArgs));
}
