import * as pulumi from "@pulumi/pulumi";
import { CheckFailures } from "../check-failures";
import { listHubs } from "../arm/iothub/hubs";
import type { IotHubDescription } from "../arm/iothub/types";
import type { FunctionScope, FunctionTarget, InputsOf } from "./target";
import { checkResourceGroup, programTarget, scopeOf } from "./target";

export interface ListIotHubsArgs extends FunctionScope {
  /** Only the hubs of this resource group. Default: every hub of the subscription. */
  resourceGroupName?: string;
}

/** Every hub, all pages followed. Shared by the CLI's `list`. */
export async function readIotHubs(target: FunctionTarget, args: ListIotHubsArgs): Promise<IotHubDescription[]> {
  const failures = new CheckFailures();
  checkResourceGroup("resourceGroupName", args.resourceGroupName, failures, false);
  const scope = scopeOf("listIotHubs", args, target, failures);
  return listHubs(target.client, { ...scope, resourceGroup: args.resourceGroupName });
}

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
