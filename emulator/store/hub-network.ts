import { iotHubError } from "../errors/factory";
import { IH } from "../errors/iothub-codes";
import { canonicalEnum } from "./enum-casing";
import type { HubDescription } from "./model";

/**
 * Network settings of a PUT with their enums in the swagger's casing (emulator/README.md, "Hub settings"):
 * `ipFilterRules[].action` Accept|Reject (closed enum), `networkRuleSets` (defaultAction Deny|Allow, default Deny;
 * ipRules[].action Allow, default Allow), `publicNetworkAccess` Enabled|Disabled, `features` None|DeviceManagement.
 * Lists keep the order they were sent in.
 */
export function normalizeNetworkSettings(properties: HubDescription): void {
  if (properties.ipFilterRules !== undefined && properties.ipFilterRules !== null) {
    properties.ipFilterRules = asArray(properties.ipFilterRules, "ipFilterRules").map((raw, i) => {
      const rule = asObject(raw, `ipFilterRules[${i}]`);
      return { ...rule, action: canonicalEnum(rule.action, { field: `ipFilterRules[${i}].action`, values: ["Accept", "Reject"], closed: true }) };
    });
  }
  if (properties.networkRuleSets !== undefined && properties.networkRuleSets !== null) {
    const set = asObject(properties.networkRuleSets, "networkRuleSets");
    properties.networkRuleSets = {
      ...set,
      defaultAction: canonicalEnum(set.defaultAction ?? "Deny", { field: "networkRuleSets.defaultAction", values: ["Deny", "Allow"], closed: false }),
      ipRules: asArray(set.ipRules ?? [], "networkRuleSets.ipRules").map((raw, i) => {
        const rule = asObject(raw, `networkRuleSets.ipRules[${i}]`);
        return { ...rule, action: canonicalEnum(rule.action ?? "Allow", { field: `networkRuleSets.ipRules[${i}].action`, values: ["Allow"], closed: false }) };
      }),
    };
  }
  properties.publicNetworkAccess = canonicalEnum(properties.publicNetworkAccess, { field: "publicNetworkAccess", values: ["Enabled", "Disabled"], closed: false });
  properties.features = canonicalEnum(properties.features, { field: "features", values: ["None", "DeviceManagement"], closed: false });
  if (properties.publicNetworkAccess === undefined) delete properties.publicNetworkAccess;
}

function asArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw iotHubError(IH.InvalidRequestBody, `${field} must be an array.`);
  return value;
}

function asObject(value: unknown, field: string): HubDescription {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw iotHubError(IH.InvalidRequestBody, `${field} must be an object.`);
  return value as HubDescription;
}
