import { iotHubError } from "../errors/factory";
import { IH } from "../errors/iothub-codes";

/**
 * `rights` of a shared access policy as the service stores it (emulator/README.md, "Hub settings"). The swagger's
 * AccessRights enum (both api-versions) lists every combination comma-and-space joined in one fixed order, so that
 * order is the canonical one: RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect.
 * - Names are matched without case and surrounding spaces; duplicates collapse (INFERRED).
 * - RegistryWrite implies RegistryRead and a policy given both keeps only RegistryWrite (INFERRED from Terraform's
 *   azurerm provider, whose reading code says the service stores only RegistryWrite; docs/IOTHUB-ARM.md "The objects").
 * - An unknown name is refused (400 IH400014, INFERRED code): the enum is closed (`modelAsString: false`).
 */
export const ACCESS_RIGHTS_ORDER = ["RegistryRead", "RegistryWrite", "ServiceConnect", "DeviceConnect"] as const;

export function normalizeAccessRights(rights: string, keyName: string): string {
  const byLower = new Map(ACCESS_RIGHTS_ORDER.map((r) => [r.toLowerCase(), r]));
  const given = new Set<string>();
  for (const part of rights.split(",")) {
    const word = part.trim();
    const right = byLower.get(word.toLowerCase());
    if (!right) {
      throw iotHubError(
        IH.InvalidAccessRights,
        `Invalid access right '${word}' in policy '${keyName}': rights must be a comma-separated list of ${ACCESS_RIGHTS_ORDER.join(", ")}.`,
      );
    }
    given.add(right);
  }
  if (given.has("RegistryWrite")) given.delete("RegistryRead");
  return ACCESS_RIGHTS_ORDER.filter((r) => given.has(r)).join(", ");
}
