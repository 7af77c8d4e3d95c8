import * as pulumi from "@pulumi/pulumi";
import { getHub } from "../arm/iothub/hubs";
import type { IotHubDescription } from "../arm/iothub/types";
import type { FunctionScope, FunctionTarget, InputsOf } from "./target";
import { hubRefOf, programTarget } from "./target";

export interface GetIotHubArgs extends FunctionScope {
  /** Resource group that holds the hub. */
  resourceGroupName: string;
  /** The hub's name. */
  name: string;
}

/** The hub description as Azure answers it (no keys: GET never returns them). Shared by the CLI's `show`. */
export async function readIotHub(target: FunctionTarget, args: GetIotHubArgs): Promise<IotHubDescription> {
  return getHub(target.client, hubRefOf("getIotHub", args, args.name, "name", target));
}

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
