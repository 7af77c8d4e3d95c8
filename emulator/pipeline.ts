import type { IncomingMessage, ServerResponse } from "node:http";
import { checkApiVersion } from "./api-version-check";
import { isHubApiVersion } from "./api-versions";
import { isAadPath } from "./aad";
import { authenticate, authorize } from "./auth";
import { EMULATOR_REGION } from "./constants";
import type { ControlRoutes } from "./handlers/control";
import type { EmulatorCore } from "./core";
import type { HandlerResult, RequestContext } from "./context";
import { isEmulatorError, type EmulatorError } from "./errors/emulator-error";
import { armError, hubNotActive, iotHubError, renderError, tooManyRequests } from "./errors/factory";
import { IH } from "./errors/iothub-codes";
import type { FaultAction } from "./faults";
import { parseJsonBody, readBody, sendJson } from "./http-io";
import { newGuid, routingRequestId } from "./ids";
import { subscriptionOf, type RateLimitAnswer } from "./rate-limits";
import type { Router } from "./router";

/**
 * One request, in order: ids → control route? → Azure AD token endpoint (aad.ts)? → auth → throttling → injected
 * fault → route → api-version → handler.
 * Auth (401: no, malformed, unknown or expired token; then 403: a subscription the token is not granted) comes before
 * everything that could change state (a 401 or 403 changes nothing: docs/IOTHUB-ARM.md, "Errors"; emulator/README.md
 * "Tokens and subscriptions").
 * Throttling is ARM's, in front of the resource provider (emulator/README.md "Throttling"): a refused request reaches
 * nothing behind it, not even a fault's count; an injected fault stands for the RP, behind ARM, so it finds the token
 * taken. Every answer carries x-ms-request-id, x-ms-correlation-request-id (the client's, else a new one) and
 * x-ms-routing-request-id (docs/IOTHUB-ARM.md, "Errors").
 */
export interface PipelineDeps {
  core: EmulatorCore;
  router: Router;
  control: ControlRoutes;
  scheme: "http" | "https";
}

export const CONTROL_PREFIX = "/_emulator/";

export async function handleRequest(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { core } = deps;
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const path = url.pathname;
  const clientCorrelation = req.headers["x-ms-correlation-request-id"];
  const correlationId = typeof clientCorrelation === "string" && clientCorrelation !== "" ? clientCorrelation : newGuid();
  const requestId = newGuid();
  const headers: Record<string, string> = {
    "x-ms-request-id": requestId,
    "x-ms-correlation-request-id": correlationId,
    "x-ms-routing-request-id": routingRequestId(EMULATOR_REGION, core.now(), requestId),
  };
  const rawApiVersion = url.searchParams.get("api-version");
  const renderVersion = rawApiVersion !== null && isHubApiVersion(rawApiVersion) ? rawApiVersion : undefined;

  // Control routes and the Azure AD token endpoint are not ARM: no journal entry, no ARM auth or throttling.
  const aad = isAadPath(path);
  if (!path.toLowerCase().startsWith(CONTROL_PREFIX) && !aad) {
    const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
    // After the answer (or the dropped connection): the status the client could have seen.
    res.once("close", () =>
      core.journal.record({
        method,
        path,
        apiVersion: rawApiVersion ?? undefined,
        ifMatch: header("if-match"),
        ifNoneMatch: header("if-none-match"),
        status: res.headersSent ? res.statusCode : 0,
        requestId,
      }),
    );
  }

  try {
    const text = await readBody(req);
    if (path.toLowerCase().startsWith(CONTROL_PREFIX)) {
      const answer = await deps.control.handle(method, path.slice(CONTROL_PREFIX.length), parseJsonBody(text));
      sendJson(res, answer.status, answer.body, headers);
      return;
    }
    if (aad) {
      const answer = core.aad.answer(method, path, text, `${deps.scheme}://${req.headers.host ?? `${core.config.host}:${core.config.port}`}`);
      sendJson(res, answer.status, answer.body, headers);
      return;
    }

    // Auth first: a request without a valid token gets 401, one outside its token's subscriptions 403, and either
    // changes nothing, not even a throttling token or a fault's count.
    const principal = authenticate(req.headers, core.acceptedTokens(), core.now());
    const subscriptionId = subscriptionOf(path);
    authorize(principal, method, path, subscriptionId);
    // Counted here, before the route and api-version checks, so their errors count too (INFERRED: ARM's front door
    // throttles before it routes; emulator/README.md "Throttling").
    if (subscriptionId !== undefined) {
      const limit = core.rateLimits.take(subscriptionId, method);
      headers[limit.header] = String(limit.remaining);
      if (limit.retryAfterSeconds !== undefined) throw throttled(core, subscriptionId, limit);
    }
    const fault = core.faults.take(method, path, operationHubOf(core, path));
    if (fault && !(await applyFault(deps, fault, path, req))) return;
    const answerLost = fault?.kind === "dropAnswer";

    const match = deps.router.match(method, path);
    if (match.kind === "none") {
      throw armError(404, "InvalidResourceType", `The resource path '${path}' is not served by the IoT Hub emulator.`);
    }
    if (match.kind === "wrongMethod") {
      throw armError(405, "MethodNotAllowed", `The method '${method}' is not allowed here; allowed: ${match.allowed.join(", ")}.`, {
        Allow: match.allowed.join(", "),
      });
    }
    const apiVersion = checkApiVersion(rawApiVersion, match.route.apiVersions);
    const ctx: RequestContext = {
      method,
      path,
      query: url.searchParams,
      params: match.params,
      headers: req.headers,
      body: parseJsonBody(text),
      apiVersion,
      baseUrl: `${deps.scheme}://${req.headers.host ?? `${core.config.host}:${core.config.port}`}`,
      core,
    };
    const result: HandlerResult = await match.route.handler(ctx);
    if (answerLost) {
      req.socket.destroy();
      return;
    }
    sendJson(res, result.status, result.body, { ...headers, ...result.headers });
  } catch (e) {
    const error = isEmulatorError(e) ? e : unexpected(e);
    const body = renderError(error, { apiVersion: renderVersion, correlationId, nowMs: core.now() });
    sendJson(res, error.status, body, { ...headers, ...error.headers });
  }
}

/** Returns true when the request should then be handled normally (a delay); false when answered/dropped. */
async function applyFault(
  deps: PipelineDeps,
  fault: FaultAction,
  path: string,
  req: IncomingMessage,
): Promise<boolean> {
  switch (fault.kind) {
    case "drop":
      req.socket.destroy();
      return false;
    case "dropAnswer":
      return true; // handled normally; the answer is dropped after the handler ran
    case "delay": {
      const completed = await deps.core.scheduler.sleep(fault.ms);
      if (!completed) req.socket.destroy(); // the emulator is closing
      return completed;
    }
    case "hubNotActive": {
      const hubName = /\/IotHubs\/([^/]+)/i.exec(path)?.[1];
      throw hubNotActive(hubName ? decodeURIComponent(hubName) : "IotHub");
    }
    case "status":
      throw statusFault(fault, deps.core.now());
  }
}

/** The hub whose long-running operation an operation URL (`.../operationResults/{id}`) names, for `operationOf` rules. */
function operationHubOf(core: EmulatorCore, path: string): string | undefined {
  const id = /\/operationResults\/([^/]+)$/i.exec(path)?.[1];
  return id === undefined ? undefined : core.store.findOperation(decodeURIComponent(id))?.hubName;
}

/**
 * An empty bucket (rate-limits.ts). The message names the operation type, the subscription and the wait, as ARM's
 * throttling messages do; its exact wording is the emulator's (INFERRED, emulator/README.md "Throttling").
 */
function throttled(core: EmulatorCore, subscriptionId: string, limit: RateLimitAnswer): EmulatorError {
  const { capacity, perSecond } = core.config.throttling[limit.kind];
  const operation = limit.kind.slice(0, -1); // "reads" → "read"
  return tooManyRequests(
    `Number of '${operation}' requests for subscription '${subscriptionId}' exceeded the limit of ${capacity} ` +
      `(refilled at ${perSecond} per second). Please try again after '${limit.retryAfterSeconds}' seconds.`,
    limit.retryAfterSeconds ?? 1,
  );
}

/**
 * 429 comes as ARM's throttling envelope (emulator/README.md "Faults and out-of-band changes": ARM's envelope with
 * Retry-After, default 1 s); 500/503 as the RP's flat error.
 */
function statusFault(fault: Extract<FaultAction, { kind: "status" }>, nowMs: number): EmulatorError {
  const { status, retryAfterSeconds } = fault;
  const seconds = retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  // An HTTP date is whole seconds: rounded up, so the client never waits less than asked.
  const value = seconds === undefined ? undefined
    : fault.retryAfterAs === "httpDate" ? new Date(Math.ceil((nowMs + seconds * 1000) / 1000) * 1000).toUTCString() : String(seconds);
  const retry: Record<string, string> = value !== undefined ? { "Retry-After": value } : {};
  if (status === 429) {
    return tooManyRequests("The request is being throttled as the limit has been reached for operation type.", value ?? "1");
  }
  if (status === 503) return iotHubError(IH.ServiceUnavailable, "The service is temporarily unavailable.", retry);
  return iotHubError(IH.InternalServerError, "Internal Error.", retry);
}

function unexpected(e: unknown): EmulatorError {
  process.stderr.write(`iothub-emulator: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
  return armError(500, "InternalServerError", `The emulator failed: ${(e as Error)?.message ?? String(e)}`);
}
