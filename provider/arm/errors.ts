/**
 * The one error type of the ARM client, and the parsing of the service's error bodies.
 *
 * Three body shapes reach us (docs/IOTHUB-ARM.md, "Errors"):
 * - ARM envelope, from ARM itself: `{"error":{"code":"ResourceNotFound","message":"…","details":[…]}}`
 * - IoT Hub flat body, current service: `{"code":412001,"httpStatusCode":"PreconditionFailed","message":"…"}`
 *   (the code is a number, which breaks typed clients)
 * - IoT Hub flat body, 2016 era: `{"Code":"IotHubsQuotaExceeded","HttpStatusCode":"BadRequest","Message":"…"}`
 * `code` is always a string: numeric IoT Hub codes become `IH<number>` as the service prints them in its
 * messages ("errorcode: IH412001").
 */
import { MAX_ERROR_TEXT_LENGTH } from "./constants";

/** Codes the client itself produces (statusCode 0: no HTTP status was involved). */
export type ClientErrorCode =
  | "InsecureTransport"
  | "InvalidEndpoint"
  | "InvalidPathSegment"
  | "InvalidEtag"
  | "ForeignOrigin"
  | "InvalidResponse"
  | "RequestAborted"
  | "OperationTimedOut"
  | "OperationFailed"
  | "OperationCanceled"
  | "TooManyPages"
  | "NetworkError"
  | "ClientClosed"
  | "CredentialUnavailable"
  | "InvalidArgument";

export interface ArmErrorInit {
  code: string;
  statusCode: number;
  message: string;
  requestId?: string;
  correlationId?: string;
  details?: unknown;
  /** How many attempts were made before giving up (retries included). */
  attempts?: number;
  /**
   * Earlier attempts that were sent but never answered (the connection broke after the request left): the
   * service may have carried them out. A 412 on a create retried after one is likely the create's own.
   */
  unansweredAttempts?: number;
  cause?: unknown;
}

export class ArmError extends Error {
  override readonly name = "ArmError";
  readonly code: string;
  readonly statusCode: number;
  readonly requestId?: string;
  readonly correlationId?: string;
  readonly details?: unknown;
  readonly attempts?: number;
  readonly unansweredAttempts?: number;

  constructor(init: ArmErrorInit) {
    super(redactSecrets(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
    this.correlationId = init.correlationId;
    this.details = init.details;
    this.attempts = init.attempts;
    this.unansweredAttempts = init.unansweredAttempts;
  }
}

/** Checks the name rather than `instanceof`, so it works across duplicated copies of this package. */
export function isArmError(e: unknown): e is ArmError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "ArmError" &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { statusCode?: unknown }).statusCode === "number"
  );
}

export function isNotFound(e: unknown): boolean {
  return isArmError(e) && e.statusCode === 404;
}

export function isPreconditionFailed(e: unknown): boolean {
  return isArmError(e) && e.statusCode === 412;
}

export function isConflict(e: unknown): boolean {
  return isArmError(e) && e.statusCode === 409;
}

/**
 * 409 IH409002 "<hub> is not currently in Active state" (docs/IOTHUB-ARM.md, "409 while not Active"): another write is
 * in flight; the caller should wait for the hub to become Active and retry.
 */
export function isHubNotActive(e: unknown): boolean {
  if (!isArmError(e) || e.statusCode !== 409) return false;
  return e.code === "IH409002" || /errorcode:\s*IH409002/i.test(e.message) || /not currently in Active state/i.test(e.message);
}

/** ARM's own names for statuses, used when a body gives none (they match `httpStatusCode` in IoT Hub bodies). */
const STATUS_NAMES: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  408: "RequestTimeout",
  409: "Conflict",
  412: "PreconditionFailed",
  413: "RequestEntityTooLarge",
  429: "TooManyRequests",
  500: "InternalServerError",
  501: "NotImplemented",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

export function statusName(statusCode: number): string {
  return STATUS_NAMES[statusCode] ?? `Http${statusCode}`;
}

interface ParsedErrorBody {
  code?: string;
  message?: string;
  statusText?: string;
  details?: unknown;
}

/** Reads any of the three shapes; unknown shapes give an empty result. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (typeof body !== "object" || body === null) return {};
  const record = body as Record<string, unknown>;
  const envelope = record.error;
  if (typeof envelope === "object" && envelope !== null) {
    const inner = envelope as Record<string, unknown>;
    return {
      code: normalizeCode(inner.code ?? inner.Code),
      message: asText(inner.message ?? inner.Message),
      details: inner.details ?? inner.Details,
    };
  }
  return {
    code: normalizeCode(record.code ?? record.Code),
    message: asText(record.message ?? record.Message),
    statusText: asText(record.httpStatusCode ?? record.HttpStatusCode),
    details: record.details ?? record.Details,
  };
}

/** 412001 → "IH412001" (the form IoT Hub prints in messages); strings are kept as sent. */
export function normalizeCode(code: unknown): string | undefined {
  if (typeof code === "number" && Number.isFinite(code)) return `IH${code}`;
  if (typeof code === "string" && code.trim() !== "") {
    return /^\d+$/.test(code.trim()) ? `IH${code.trim()}` : code.trim();
  }
  return undefined;
}

export interface HttpErrorContext {
  statusCode: number;
  body: unknown;
  requestId?: string;
  correlationId?: string;
  attempts?: number;
  unansweredAttempts?: number;
}

/**
 * `PreconditionFailed (412) IH412001: Invalid ETag supplied… [x-ms-request-id: …]`
 */
export function errorFromResponse(ctx: HttpErrorContext): ArmError {
  const parsed = parseErrorBody(ctx.body);
  const statusText = parsed.statusText && /^[A-Za-z]+$/.test(parsed.statusText) ? parsed.statusText : statusName(ctx.statusCode);
  let text = parsed.message;
  if (text === undefined && typeof ctx.body === "string" && ctx.body.trim() !== "") {
    text = truncate(ctx.body.trim());
  }
  const { code, alias } = preferredCode(parsed.code, text, statusText);
  const requestIdPart = ctx.requestId ? ` [x-ms-request-id: ${ctx.requestId}]` : "";
  const message = `${statusText} (${ctx.statusCode}) ${code}${alias}: ${text ?? "(no message)"}${requestIdPart}`;
  return new ArmError({
    code,
    statusCode: ctx.statusCode,
    message,
    requestId: ctx.requestId,
    correlationId: ctx.correlationId,
    details: parsed.details,
    attempts: ctx.attempts,
    unansweredAttempts: ctx.unansweredAttempts,
  });
}

/**
 * The code an error is known by. The 2016-era body names the error in words ("IotHubsQuotaExceeded") where the current
 * one sends the number; both messages end with "errorcode: IH<number>." (docs/IOTHUB-ARM.md, "Errors"). Prefer that IH
 * code, so one error has one code whatever the api-version or the way it arrived (a response or a failed operation's
 * status); `alias` keeps the word for the message.
 */
export function preferredCode(bodyCode: string | undefined, text: string | undefined, fallback: string): { code: string; alias: string } {
  const messageCode = text === undefined ? undefined : /errorcode:\s*(IH\d+)/i.exec(text)?.[1].toUpperCase();
  const code = bodyCode !== undefined && /^IH\d+$/.test(bodyCode) ? bodyCode : (messageCode ?? bodyCode ?? fallback);
  return { code, alias: bodyCode !== undefined && bodyCode !== code ? ` (${bodyCode})` : "" };
}

export function clientError(code: ClientErrorCode, message: string, cause?: unknown): ArmError {
  return new ArmError({ code, statusCode: 0, message: `${code}: ${message}`, cause });
}

/**
 * Defence in depth: no message we build contains a token, but service text or a wrapped network error might
 * echo a header. Anything that looks like a bearer token or a JWT is replaced.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, "$1[redacted]")
    .replace(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, "[redacted-jwt]");
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_TEXT_LENGTH ? `${text.slice(0, MAX_ERROR_TEXT_LENGTH)}…` : text;
}

/** The result, or undefined when the service answered 404 (the resource, or its parent, is absent). */
export async function unlessNotFound<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * The lost answer (docs/IOTHUB-ARM.md, "Quirks"): an attempt was sent, the connection broke before its answer, and
 * the client retried. For a create sent with If-None-Match "*", the retry meets the resource the lost attempt
 * created and answers 412 — the caller's own resource, not somebody else's.
 */
export function isOwnLostCreate(e: unknown): boolean {
  return isPreconditionFailed(e) && isArmError(e) && (e.unansweredAttempts ?? 0) > 0;
}
