/**
 * The Microsoft.Devices api-versions this package speaks. 2016-02-03 is the version of the seed (Microsoft's
 * 2016 REST reference); 2023-06-30 is the newest stable one (docs/IOTHUB-ARM.md, "Operations").
 */
export const API_VERSIONS = ["2016-02-03", "2023-06-30"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = "2016-02-03";

export function isApiVersion(value: unknown): value is ApiVersion {
  return typeof value === "string" && (API_VERSIONS as readonly string[]).includes(value);
}
