import * as pulumi from "@pulumi/pulumi";
import type { IotHubDescription } from "../arm/iothub/types";
import type { ListIotHubsArgs } from "./operations";
import { readIotHubs } from "./operations";
import type { InputsOf } from "./program-target";
import { programTarget } from "./program-target";

/**
 * Every IoT hub of the subscription, or of one resource group: the list operations
 * (`GET …/providers/Microsoft.Devices/IotHubs`), every page followed. Descriptions as {@link getIotHub} returns them.
 *
 * @example
 * const names = (await listIotHubs({ resourceGroupName: "rg" })).map((h) => h.name);
 */
export function listIotHubs(args: ListIotHubsArgs = {}): Promise<IotHubDescription[]> {
  return readIotHubs(programTarget(), args);
}

/** {@link listIotHubs} for `pulumi.Input`s. */
export function listIotHubsOutput(args: InputsOf<ListIotHubsArgs> = {}): pulumi.Output<IotHubDescription[]> {
  return pulumi.output(args).apply((plain) => listIotHubs(plain as ListIotHubsArgs));
}
