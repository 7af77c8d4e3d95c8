import { isLegacy } from "../api-versions";
import { supportTimestamp } from "../ids";
import { EmulatorError } from "./emulator-error";
import { IH, type IotHubErrorCode } from "./iothub-codes";

/** The single factory for every error body the emulator sends (as Azurite builds its errors). */

export function armError(status: number, code: string, message: string, headers?: Record<string, string>): EmulatorError {
  return new EmulatorError(status, { kind: "arm", code }, message, headers);
}

export function iotHubError(code: IotHubErrorCode, message: string, headers?: Record<string, string>): EmulatorError {
  return new EmulatorError(code.status, { kind: "iothub", code }, message, headers);
}

const REASON_PHRASES: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  404: "NotFound",
  409: "Conflict",
  412: "PreconditionFailed",
  429: "TooManyRequests",
  500: "InternalServerError",
  503: "ServiceUnavailable",
};

export function httpStatusWord(status: number): string {
  return REASON_PHRASES[status] ?? String(status);
}

/**
 * Renders an error as the wire body.
 * - ARM envelope: `{"error":{"code":"ResourceNotFound","message":"..."}}`.
 * - IoT Hub, api-version 2016-02-03: `{"Code":"IotHubsQuotaExceeded","HttpStatusCode":"BadRequest","Message":"... errorcode: IH400019."}`
 *   (PascalCase, string code — the 2016 service).
 * - IoT Hub, later versions: `{"code":400019,"httpStatusCode":"BadRequest","message":"... errorcode: IH400019."}`
 *   (camelCase, numeric code — today's service).
 * The IoT Hub message carries the support sentence with the correlation id and timestamp. Sources: docs/IOTHUB-ARM.md,
 * "Errors".
 */
export function renderError(
  error: EmulatorError,
  o: { apiVersion?: string; correlationId: string; nowMs: number },
): Record<string, unknown> {
  if (error.family.kind === "arm") {
    return { error: { code: error.family.code, message: error.message } };
  }
  const c = error.family.code;
  const message =
    `${error.message} If you contact a support representative please include this correlation identifier: ` +
    `${o.correlationId}, timestamp: ${supportTimestamp(o.nowMs)}, errorcode: IH${c.number}.`;
  const statusWord = httpStatusWord(error.status);
  if (isLegacy(o.apiVersion)) {
    return { Code: c.name, HttpStatusCode: statusWord, Message: message };
  }
  return { code: c.number, httpStatusCode: statusWord, message };
}

// ---- The errors used in more than one place, with their real messages where known. ----

/** ARM's 404 for a hub (docs/IOTHUB-ARM.md, "Errors"). */
export function hubNotFound(resourceGroup: string, name: string): EmulatorError {
  return armError(
    404,
    "ResourceNotFound",
    `The Resource 'Microsoft.Devices/IotHubs/${name}' under resource group '${resourceGroup}' was not found. ` +
      "For more details please go to https://aka.ms/ARMResourceNotFoundFix",
  );
}

/** ARM's 404 for a resource group (docs/IOTHUB-ARM.md, "Errors"). */
export function resourceGroupNotFound(resourceGroup: string): EmulatorError {
  return armError(404, "ResourceGroupNotFound", `Resource group '${resourceGroup}' could not be found.`);
}

/** docs/IOTHUB-ARM.md, "409 while not Active". */
export function hubNotActive(name: string): EmulatorError {
  return iotHubError(
    IH.IotHubNotActive,
    `${name} is not currently in Active state. Try the request again after it is in Active state.`,
  );
}

/** The hub variant of the 412 message (docs/IOTHUB-ARM.md, "ETags"). */
export function preconditionFailed(): EmulatorError {
  return iotHubError(
    IH.PreconditionFailed,
    "Precondition failed: Either bad ETag was supplied or IotHub description was changed. " +
      "Get the latest IotHub description and retry.",
  );
}

/**
 * ARM's 429 (emulator/README.md "Throttling"): the ARM envelope with code `TooManyRequests` and `Retry-After` in
 * whole seconds. Both the token buckets (rate-limits.ts) and the injected `status: 429` fault answer with it, so a
 * client sees one shape whichever produced it.
 */
/** `retryAfter`: seconds, or an HTTP date (both are Retry-After forms, RFC 9110 §10.2.3). */
export function tooManyRequests(message: string, retryAfter: number | string): EmulatorError {
  return armError(429, "TooManyRequests", message, { "Retry-After": String(retryAfter) });
}

export function invalidBody(message: string): EmulatorError {
  return iotHubError(IH.InvalidRequestBody, message);
}
