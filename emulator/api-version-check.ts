import { isHubApiVersion, isWellFormedApiVersion, SUPPORTED_HUB_API_VERSIONS } from "./api-versions";
import { armError } from "./errors/factory";
import type { ApiVersionPolicy } from "./router";

/**
 * ARM refuses api-versions before the RP sees the request (ARM envelope, 400):
 * - missing: `MissingApiVersionParameter`, "The api-version query parameter (?api-version=) is required for all requests."
 * - malformed: `InvalidApiVersionParameter`, "The api-version '<v>' is invalid. The supported versions are '...'."
 *   (docs/IOTHUB-ARM.md, "Errors")
 * - well-formed but not served by the IotHubs type: `NoRegisteredProviderFound`, "No registered resource provider
 *   found for location '<loc>' and API version '<v>' for type 'IotHubs'. The supported api-versions are '...'."
 *   (the wording ARM uses for RP types: docs/IOTHUB-ARM.md, "Errors").
 */
export function checkApiVersion(value: string | null, policy: ApiVersionPolicy, location = "global"): string {
  if (value === null || value === "") {
    throw armError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const supported = SUPPORTED_HUB_API_VERSIONS.join(", ");
  if (!isWellFormedApiVersion(value)) {
    const versions = policy === "hub" ? supported : "any date-shaped version, e.g. 2021-04-01";
    throw armError(400, "InvalidApiVersionParameter", `The api-version '${value}' is invalid. The supported versions are '${versions}'.`);
  }
  if (policy === "hub" && !isHubApiVersion(value)) {
    throw armError(
      400,
      "NoRegisteredProviderFound",
      `No registered resource provider found for location '${location}' and API version '${value}' for type 'IotHubs'. ` +
        `The supported api-versions are '${supported}'.`,
    );
  }
  return value;
}
