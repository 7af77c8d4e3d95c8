import { iotHubError } from "../errors/factory";
import { IH } from "../errors/iothub-codes";
import { newGuid } from "../ids";
import { canonicalEnum } from "./enum-casing";
import type { HubDescription } from "./model";

/**
 * The hub's managed identities (2023-06-30 swagger, ArmIdentity; emulator/README.md, "Hub settings"). The service
 * assigns `principalId` and `tenantId` to the system-assigned identity and `{principalId, clientId}` to each
 * user-assigned one; they stay the same for as long as the identity stays assigned (a GET-modify-PUT must not
 * change them). Ids of user-assigned identities compare without case, as ARM ids do.
 */
export const IDENTITY_TYPES = ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"] as const;

export interface CheckedIdentity {
  systemAssigned: boolean;
  /** lower-cased ARM ids of the user-assigned identities */
  userAssigned: Set<string>;
}

export function composeIdentity(given: unknown, previous: HubDescription | undefined): HubDescription {
  const body = (typeof given === "object" && given !== null ? given : {}) as HubDescription;
  // "SystemAssigned,UserAssigned" (no space) is read as the combined type, as the enum is parsed leniently (INFERRED)
  const raw = typeof body.type === "string" ? body.type.replace(/\s*,\s*/, ", ") : (body.type ?? "None");
  const type = String(canonicalEnum(raw, { field: "identity.type", values: IDENTITY_TYPES, closed: true, code: IH.InvalidIdentity }));
  const identity: HubDescription = { type };
  const system = type.includes("SystemAssigned");
  const user = type.includes("UserAssigned");
  if (system) {
    const keep = previous && String(previous.type).includes("SystemAssigned");
    identity.principalId = keep ? previous.principalId : newGuid();
    identity.tenantId = keep ? previous.tenantId : newGuid();
  }
  const ids = body.userAssignedIdentities;
  if (ids !== undefined && ids !== null && (typeof ids !== "object" || Array.isArray(ids))) {
    throw iotHubError(IH.InvalidIdentity, "identity.userAssignedIdentities must be an object keyed by identity resource id.");
  }
  const userIds = Object.keys((ids ?? {}) as object);
  if (user && userIds.length === 0) {
    throw iotHubError(IH.InvalidIdentity, `identity.type '${type}' needs at least one entry in identity.userAssignedIdentities.`);
  }
  if (!user && userIds.length > 0) {
    throw iotHubError(IH.InvalidIdentity, `identity.userAssignedIdentities is only allowed when identity.type includes UserAssigned (it is '${type}').`);
  }
  if (user) {
    const before = new Map(Object.entries((previous?.userAssignedIdentities ?? {}) as HubDescription).map(([k, v]) => [k.toLowerCase(), v]));
    identity.userAssignedIdentities = Object.fromEntries(
      userIds.map((id) => {
        const kept = before.get(id.toLowerCase());
        return [id, { principalId: kept?.principalId ?? newGuid(), clientId: kept?.clientId ?? newGuid() }];
      }),
    );
  }
  return identity;
}

export function checkedIdentity(identity: HubDescription | undefined): CheckedIdentity {
  const type = String(identity?.type ?? "None");
  return {
    systemAssigned: type.includes("SystemAssigned"),
    userAssigned: new Set(Object.keys((identity?.userAssignedIdentities ?? {}) as object).map((k) => k.toLowerCase())),
  };
}

/**
 * An identity-based endpoint authenticates as the identity it names in `identity.userAssignedIdentity`, which must
 * be assigned to the hub, or else as the hub's system-assigned identity, which must then exist (INFERRED: the
 * service cannot authenticate as an identity the hub does not have).
 */
export function checkEndpointIdentity(endpoint: HubDescription, identity: CheckedIdentity, field: string): void {
  const named = endpoint.identity?.userAssignedIdentity;
  if (named !== undefined && named !== null) {
    if (typeof named !== "string" || !identity.userAssigned.has(named.toLowerCase())) {
      throw iotHubError(IH.InvalidIdentity, `${field}.identity.userAssignedIdentity '${String(named)}' is not a user-assigned identity of the hub.`);
    }
    return;
  }
  if (endpoint.authenticationType === "identityBased" && !identity.systemAssigned) {
    throw iotHubError(
      IH.InvalidIdentity,
      `${field} uses identityBased authentication without identity.userAssignedIdentity, but the hub has no system-assigned identity.`,
    );
  }
}
