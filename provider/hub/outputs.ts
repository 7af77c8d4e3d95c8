import { withoutOwnerTag } from "../ownership";
import { isPlainObject, toPlain } from "../values";
import type { IotHubDescription, SharedAccessSignatureAuthorizationRule } from "../arm";
import { hubStateWord } from "../arm";
import { observedSetting } from "./compare";
import type { ManagedField } from "./inputs";
import { MANAGED_FIELDS, TYPED_SETTINGS } from "./inputs";
import { canonicalRights, tierOf } from "./rules";

/** Outputs that carry keys (routing and storageEndpoints: the endpoints' connection strings and Cosmos DB keys): marked secret through `additionalSecretOutputs` (never plaintext in state). */
export const SECRET_OUTPUTS = ["sharedAccessPolicies", "connectionStrings", "eventHubConnectionStrings", "routing", "storageEndpoints"] as const;

/** Settings echoed into outputs so that read/delete (which only receive outputs) know them. */
const ECHOED_SETTINGS = ["subscriptionId", "resourceGroupName", "name", "apiVersion", "timeouts", "adoptExisting", "__autoNamePrefix", "__autoNamed", "__owner"] as const;

/**
 * The remote hub seen in the shape of the inputs, for the managed fields the program sets. This is
 * what diff compares against after a refresh, and what lost-update protection compares with state.
 * `previous` (the inputs, or the state) supplies what Azure never answers: the declared secrets of
 * endpoints it answers masked (provider/hub/compare.ts), and the policies' `rotateKeys` triggers.
 */
export function observedManaged(remote: IotHubDescription, rules: SharedAccessSignatureAuthorizationRule[] | undefined, fields: Iterable<ManagedField>,
  passThroughKeys: string[], previous: Record<string, unknown> = {}): Partial<Record<ManagedField, unknown>> {
  const observed: Partial<Record<ManagedField, unknown>> = {};
  const props = remote.properties ?? {};
  const events = props.eventHubEndpoints?.events;
  for (const field of fields) {
    switch (field) {
      case "location":
        observed.location = remote.location;
        break;
      case "sku":
        observed.sku = { name: remote.sku?.name, capacity: remote.sku?.capacity };
        break;
      case "eventHubs":
        observed.eventHubs = { partitionCount: events?.partitionCount, retentionTimeInDays: events?.retentionTimeInDays };
        break;
      case "cloudToDevice":
        observed.cloudToDevice = props.cloudToDevice ?? {};
        break;
      case "ipFilterRules":
        observed.ipFilterRules = (props.ipFilterRules ?? []).map((r) => ({ filterName: r.filterName, action: r.action, ipMask: r.ipMask }));
        break;
      case "authorizationPolicies":
        observed.authorizationPolicies = (rules ?? []).map((r) => ({
          keyName: r.keyName,
          rights: canonicalRights(r.rights) ?? r.rights,
          rotateKeys: rotateTriggerOf(previous.authorizationPolicies, r.keyName),
        }));
        break;
      case "tags":
        observed.tags = withoutOwnerTag(remote.tags);
        break;
      case "comments":
        observed.comments = props.comments;
        break;
      case "features":
        observed.features = props.features;
        break;
      case "properties":
        observed.properties = Object.fromEntries(passThroughKeys.map((k) => [k, props[k]]));
        break;
      default:
        if ((TYPED_SETTINGS as readonly string[]).includes(field)) {
          observed[field] = observedSetting(field as (typeof TYPED_SETTINGS)[number], remote, previous[field]);
        }
    }
  }
  return observed;
}

/** The `rotateKeys` trigger a list of policies (inputs or state) gives the named policy. */
export function rotateTriggerOf(policies: unknown, keyName: string): string | undefined {
  if (!Array.isArray(policies)) return undefined;
  const match = policies.find((p) => isPlainObject(p) && typeof p.keyName === "string" && p.keyName.toLowerCase() === keyName.toLowerCase());
  return isPlainObject(match) && typeof match.rotateKeys === "string" ? match.rotateKeys : undefined;
}

/** The managed fields a set of inputs (or of outputs in state) contains. */
export function managedFieldsOf(values: Record<string, unknown>): ManagedField[] {
  return MANAGED_FIELDS.filter((f) => values[f] !== undefined);
}

export function passThroughKeysOf(values: Record<string, unknown>): string[] {
  return isPlainObject(values.properties) ? Object.keys(values.properties) : [];
}

/**
 * Outputs recorded in state: the settings, the managed fields as observed in Azure, and what the
 * service computed. Keys and connection strings are included here and made secret by the resource's
 * `additionalSecretOutputs` (SECRET_OUTPUTS).
 */
export function hubOutputs(o: {
  settings: Record<string, unknown>;
  managedFrom: Record<string, unknown>;
  remote: IotHubDescription;
  rules: SharedAccessSignatureAuthorizationRule[];
}): Record<string, unknown> {
  const { remote, rules } = o;
  const props = remote.properties ?? {};
  const events = props.eventHubEndpoints?.events;
  const hostName = props.hostName;
  const echoed = Object.fromEntries(ECHOED_SETTINGS.map((k) => [k, o.settings[k]]));
  const managed = observedManaged(remote, rules, managedFieldsOf(o.managedFrom), passThroughKeysOf(o.managedFrom), o.managedFrom);
  return toPlain({
    ...echoed,
    ...managed,
    resourceId: remote.id,
    hostName,
    etag: remote.etag,
    provisioningState: props.provisioningState,
    state: hubStateWord(remote),
    tier: remote.sku?.tier ?? (remote.sku?.name ? tierOf(remote.sku.name) : undefined),
    eventHubEndpoint: events?.endpoint,
    eventHubPath: events?.path,
    eventHubPartitionIds: events?.partitionIds,
    eventHubPartitionCount: events?.partitionCount,
    sharedAccessPolicies: rules.map((r) => ({ keyName: r.keyName, rights: r.rights, primaryKey: r.primaryKey, secondaryKey: r.secondaryKey })),
    connectionStrings: Object.fromEntries(
      rules.filter((r) => r.primaryKey).map((r) => [r.keyName, `HostName=${hostName};SharedAccessKeyName=${r.keyName};SharedAccessKey=${r.primaryKey}`]),
    ),
    eventHubConnectionStrings: Object.fromEntries(
      rules
        .filter((r) => r.primaryKey && /ServiceConnect/i.test(r.rights) && events?.endpoint)
        .map((r) => [r.keyName, `Endpoint=${events?.endpoint};SharedAccessKeyName=${r.keyName};SharedAccessKey=${r.primaryKey};EntityPath=${events?.path}`]),
    ),
  });
}

/** Inputs as a refresh sees them: settings from state, managed fields from Azure. */
export function refreshedInputs(outputs: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const k of [...ECHOED_SETTINGS, ...MANAGED_FIELDS]) if (outputs[k] !== undefined) inputs[k] = outputs[k];
  return inputs;
}
