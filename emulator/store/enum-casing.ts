import { iotHubError } from "../errors/factory";
import { IH, type IotHubErrorCode } from "../errors/iothub-codes";

/**
 * Enum values as the service stores them (emulator/README.md, "Hub settings"): a value matching one of the swagger's
 * enum values without regard to case is stored in the swagger's casing (INFERRED: the service parses enums
 * case-insensitively, as .NET does, and writes them back in their declared casing). A value outside the enum is
 * refused when the swagger closes it (`modelAsString: false`) and kept as sent when it does not (the service has
 * been seen returning values newer than the swagger, such as the route source `DigitalTwinChangeEvents`).
 */
export function canonicalEnum(
  value: unknown,
  o: { field: string; values: readonly string[]; closed: boolean; code?: IotHubErrorCode },
): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value !== "string") throw invalidValue(value, o);
  const match = o.values.find((v) => v.toLowerCase() === value.trim().toLowerCase());
  if (match) return match;
  if (o.closed) throw invalidValue(value, o);
  return value;
}

function invalidValue(value: unknown, o: { field: string; values: readonly string[]; code?: IotHubErrorCode }): Error {
  return iotHubError(o.code ?? IH.InvalidRequestBody, `Invalid value ${JSON.stringify(value)} for ${o.field}; expected one of ${o.values.join(", ")}.`);
}
