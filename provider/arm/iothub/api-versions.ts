/**
 * The Microsoft.Devices api-versions this package speaks. 2016-02-03 is the seed's
 * (shared/seed/iot-hub-resource-provider-rest.md); 2023-06-30 is the newest stable one
 * (IOTHUB-ARM-NOTES.md, header).
 */
export const API_VERSIONS = ["2016-02-03", "2023-06-30"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = "2016-02-03";

export function isApiVersion(value: unknown): value is ApiVersion {
  return typeof value === "string" && (API_VERSIONS as readonly string[]).includes(value);
}
