import { iotHubError } from "../errors/factory";
import { IH } from "../errors/iothub-codes";

/**
 * Keys inside endpoint connection strings (emulator/README.md, "Hub settings"). A GET shows them masked, the rest of
 * the string as stored: `...;SharedAccessKey=****;EntityPath=x` for Event Hubs and Service Bus endpoints,
 * `...;AccountName=a;AccountKey=****` for storage (real GET bodies; sources in emulator/README.md). A PUT that sends such a masked string back keeps the key stored for the same endpoint
 * (INFERRED: azure-cli edits routing endpoints by GET-modify-PUT, which could not work otherwise).
 */
export const MASK = "****";

/** `SharedAccessKey=<value>` or `AccountKey=<value>` as one `;`-separated segment: 1 = the name, 2 = the value. */
const SECRET_SEGMENT = /(?<=^|;)\s*(SharedAccessKey|AccountKey)\s*=([^;]*)/gi;

/** The string as a GET shows it: every key value replaced by `****`; anything that is not a string stays as it is. */
export function maskConnectionString(connectionString: unknown): unknown {
  if (typeof connectionString !== "string") return connectionString;
  return connectionString.replace(SECRET_SEGMENT, (_whole, name: string) => `${name}=${MASK}`);
}

function storedValue(stored: unknown, name: string): string | undefined {
  if (typeof stored !== "string") return undefined;
  for (const m of stored.matchAll(SECRET_SEGMENT)) if (m[1].toLowerCase() === name.toLowerCase()) return m[2];
  return undefined;
}

/**
 * The string to store for a PUT: a masked key (`****`) takes the value of the same key in the string stored before.
 * Without one to take: 400 IH400116, the code the service answers for an unusable connection string (the wording for
 * this case is INFERRED).
 */
export function restoreMaskedKeys(given: unknown, stored: unknown, endpointName: string): unknown {
  if (typeof given !== "string") return given;
  return given.replace(SECRET_SEGMENT, (whole: string, name: string, value: string) => {
    if (value !== MASK) return whole;
    const before = storedValue(stored, name);
    if (before === undefined || before === MASK || before === "") {
      throw iotHubError(
        IH.InvalidEndpointConnectionString,
        `endpointName:${endpointName}, exceptionMessage:The connection string carries a masked ${name} and no key is stored for this endpoint.`,
      );
    }
    return `${name}=${before}`;
  });
}
