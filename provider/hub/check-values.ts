import { isIP } from "node:net";
import type { CheckFailures } from "../check-failures";
import { isUnknown } from "../values";

/** ISO 8601 durations as the swagger's `duration` format, e.g. PT1H, P2D, PT60S. */
export const ISO8601_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** An IPv4 address, or one with a prefix length 0-32 (IpFilterRule.ipMask and NetworkRuleSetIpRule.ipMask take IPv4 only). */
export function isIpv4MaskOrRange(mask: string): boolean {
  const [address, bits, extra] = mask.split("/");
  if (extra !== undefined || isIP(address) !== 4) return false;
  return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
}

export function checkIpv4Mask(field: string, value: unknown, failures: CheckFailures): void {
  if (!isUnknown(value) && (typeof value !== "string" || !isIpv4MaskOrRange(value))) {
    failures.add(field, "must be an IPv4 address or CIDR range such as 192.168.0.0/24", value);
  }
}

/**
 * An IP rule's `filterName`: required, and unique without case within its list (`seen` holds the names so far). The
 * classic `ipFilterRules` and `networkRuleSets.ipRules` follow the same rule.
 */
export function checkFilterName(field: string, value: unknown, seen: Set<string>, failures: CheckFailures): void {
  if (isUnknown(value)) return;
  if (typeof value !== "string" || value === "") failures.add(field, "is required", value);
  else if (seen.has(value.toLowerCase())) failures.add(field, "must be unique", value);
  else seen.add(value.toLowerCase());
}
