import type { IotHubErrorCode } from "./iothub-codes";

/**
 * One error type inside the emulator. Handlers throw it; the server renders it with `renderError` in the shape the
 * real service would use. Two families (docs/IOTHUB-ARM.md, "Errors"):
 * - "arm": produced by ARM itself (not found, auth, api-version): `{"error":{"code","message"}}`.
 * - "iothub": produced by the IoT Hub RP: flat `{code, httpStatusCode, message}`.
 */
export type ErrorFamily =
  | { kind: "arm"; code: string }
  | { kind: "iothub"; code: IotHubErrorCode };

export class EmulatorError extends Error {
  override readonly name = "EmulatorError";
  constructor(
    readonly status: number,
    readonly family: ErrorFamily,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function isEmulatorError(e: unknown): e is EmulatorError {
  return e instanceof Error && e.name === "EmulatorError";
}
