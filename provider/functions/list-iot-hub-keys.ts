import * as pulumi from "@pulumi/pulumi";
import type { SharedAccessSignatureAuthorizationRule } from "../arm/iothub/types";
import type { ListIotHubKeysArgs } from "./operations";
import { readIotHubKeys } from "./operations";
import type { InputsOf } from "./program-target";
import { programTarget } from "./program-target";

/**
 * The hub's shared access policies with their keys: `{ keyName, rights, primaryKey, secondaryKey }[]`.
 *
 * **The caller holds plaintext keys.** Nothing marks them secret: do not log them, and do not export them from the
 * stack. To pass keys to resources or stack outputs, use {@link listIotHubKeysOutput}, which returns a secret.
 *
 * @example
 * const owner = (await listIotHubKeys({ resourceGroupName: "rg", name: "my-hub" })).find((p) => p.keyName === "iothubowner");
 */
export function listIotHubKeys(args: ListIotHubKeysArgs): Promise<SharedAccessSignatureAuthorizationRule[]> {
  return readIotHubKeys(programTarget(), args);
}

/**
 * {@link listIotHubKeys} for `pulumi.Input`s. The result is a **secret** `Output`: stored encrypted in state,
 * masked in the CLI's display, and anything derived from it stays secret.
 */
export function listIotHubKeysOutput(args: InputsOf<ListIotHubKeysArgs>): pulumi.Output<SharedAccessSignatureAuthorizationRule[]> {
  return pulumi.secret(pulumi.output(args).apply((plain) => listIotHubKeys(plain as ListIotHubKeysArgs)));
}
