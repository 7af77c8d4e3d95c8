/** The two api-versions of Microsoft.Devices/IotHubs the emulator speaks (docs/IOTHUB-ARM.md, "Operations"). */
export const API_2016 = "2016-02-03";
export const API_2023 = "2023-06-30";
export type HubApiVersion = typeof API_2016 | typeof API_2023;
export const SUPPORTED_HUB_API_VERSIONS: readonly HubApiVersion[] = [API_2016, API_2023];

/** ARM's own api-version syntax: a date, optionally with a suffix such as `-preview`. */
const API_VERSION_SYNTAX = /^\d{4}-\d{2}-\d{2}(-[a-z]+)?$/i;

export function isWellFormedApiVersion(value: string): boolean {
  return API_VERSION_SYNTAX.test(value);
}

export function isHubApiVersion(value: string): value is HubApiVersion {
  return (SUPPORTED_HUB_API_VERSIONS as readonly string[]).includes(value);
}

/** 2016-02-03 bodies are the older shape (PascalCase errors, names-only consumer-group lists, no identity). */
export function isLegacy(apiVersion: string | undefined): boolean {
  return apiVersion === API_2016;
}
