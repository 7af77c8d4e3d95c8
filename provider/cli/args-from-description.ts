/**
 * Hub description → the IotHub arguments that declare it as it is: the one mapping behind `iothub import`. It is the
 * provider's own view of a remote hub in the shape of the inputs (hub/outputs.ts `observedManaged`, which refresh and
 * lost-update protection use too), taken over every managed field (hub/inputs.ts `MANAGED_FIELDS`): a field the
 * provider starts managing is imported as soon as `observedManaged` reads it, and the adopting `pulumi up` compares the
 * program with exactly these values, so it finds nothing to write.
 */
import type { IotHubDescription, SharedAccessSignatureAuthorizationRule } from "../arm/iothub/types";
import type { ApiVersion } from "../arm/iothub/api-versions";
import type { ManagedField } from "../hub/inputs";
import { MANAGED_FIELDS } from "../hub/inputs";
import { observedManaged } from "../hub/outputs";
import { isPlainObject } from "../values";

/** The hub's identity as the program names it. */
export interface ImportedHubIdentity {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
  apiVersion: ApiVersion;
}

/**
 * The pass-through `properties` bag is left out: which of the hub's further properties a program wants to own is the
 * user's choice, and leaving them out leaves them as Azure has them.
 */
const NOT_IMPORTED: readonly ManagedField[] = ["properties"];

export function argsFromDescription(
  identity: ImportedHubIdentity,
  hub: IotHubDescription,
  rules: SharedAccessSignatureAuthorizationRule[],
): Record<string, unknown> {
  const fields = MANAGED_FIELDS.filter((f) => !NOT_IMPORTED.includes(f));
  const observed = observedManaged(hub, rules, fields, []);
  const managed = Object.fromEntries(fields.map((f) => [f, compact(observed[f])]).filter(([, v]) => v !== undefined));
  return { ...identity, ...managed, adoptExisting: true };
}

/** Drops what declares nothing: undefined values and empty objects (an empty list is kept: "no rules" is a value). */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, compact(v)] as const).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
