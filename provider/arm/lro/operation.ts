/**
 * Following one long-running operation over HTTP: turns the stored polling mode into a `pollOnce` callback
 * for the poller, then fetches the final result (a PUT/PATCH's resource, a POST's result, nothing after DELETE).
 */
import type { Pacing } from "../clock";
import type { ArmResponse } from "../response";
import { ArmError, isNotFound, parseErrorBody, preferredCode } from "../errors";
import { pollUntilTerminal, type PollOutcome, type PollProgress } from "../poller";
import { retryAfterInMs } from "../retry-after";
import { decidePollingMode, provisioningState, type FirstResponse, type PollingMode } from "./mode";
import { mapStatusWord } from "./status";

export interface LroOptions {
  method: "PUT" | "PATCH" | "DELETE" | "POST";
  /** The resource the operation is about (built with armPath); GET here gives the final body of a PUT/PATCH. */
  resourcePath: string;
  apiVersion: string;
  timeoutInMs: number;
  /** How long this kind of operation usually takes; its polling schedule is built around it (poller.ts). */
  usualDurationInMs?: number;
  /**
   * PUT/PATCH: read the resource once the operation succeeded and return it (default). `false` stops at the
   * terminal status, for a caller that reads the resource itself (the hub's wait for Active does).
   */
  fetchResult?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: PollProgress) => void;
}

export interface LroDependencies {
  /** GET a resource path (armPath form; api-version added); throws ArmError for status >= 400. */
  getPath: (path: string, apiVersion: string, signal?: AbortSignal) => Promise<ArmResponse>;
  /** GET a link the service handed out (absolute or relative, same origin only; kept opaque); throws likewise. */
  getLink: (link: string, apiVersion: string, signal?: AbortSignal) => Promise<ArmResponse>;
  pacing: Pacing;
  log?: (line: string) => void;
}

export async function followOperation<T>(first: FirstResponse, o: LroOptions, deps: LroDependencies): Promise<T | undefined> {
  const mode = decidePollingMode(first);
  const description = `${o.method} ${o.resourcePath}`;
  deps.log?.(`LRO ${description}: polling mode ${mode.kind}`);
  const wantsResult = o.fetchResult ?? true;

  if (mode.kind === "done") {
    if (o.method === "DELETE" || !wantsResult) return undefined;
    if (hasBody(first.body)) return first.body as T;
    return o.method === "POST" ? undefined : ((await finalGet(o, deps)) as T);
  }

  const { last } = await pollUntilTerminal({
    pollOnce: (signal) => pollOnce(mode, o, deps, signal),
    initialRetryAfterInMs: retryAfterInMs(first.headers, deps.pacing.clock.now()),
    usualDurationInMs: o.usualDurationInMs,
    pacing: deps.pacing,
    timeoutInMs: o.timeoutInMs,
    signal: o.signal,
    onProgress: o.onProgress,
    description,
  });

  if (last.status === "failed" || last.status === "canceled") throw operationError(description, last);
  if (o.method === "DELETE" || !wantsResult) return undefined;
  if (o.method === "POST") {
    if (mode.kind === "location") return last.body as T;
    if (mode.kind === "asyncOperation" && mode.resultUrl) {
      return (await deps.getLink(mode.resultUrl, o.apiVersion, o.signal)).body as T;
    }
    return undefined;
  }
  // PUT/PATCH: the resource itself is the result (autorest's default final state; the 2016/2023 swaggers
  // declare no final-state-via: docs/IOTHUB-ARM.md, "Long-running operations"). In body mode the last poll already
  // was that GET.
  if (mode.kind === "body" && hasBody(last.body)) return last.body as T;
  return (await finalGet(o, deps)) as T;
}

async function pollOnce(mode: PollingMode, o: LroOptions, deps: LroDependencies, signal?: AbortSignal): Promise<PollOutcome> {
  switch (mode.kind) {
    case "asyncOperation": {
      const res = await deps.getLink(mode.statusUrl, o.apiVersion, signal);
      const word = (res.body as { status?: unknown } | undefined)?.status;
      if (typeof word !== "string") {
        // No status word (an empty 200/204): decide by the HTTP status as @azure/core-lro does; 202 is
        // still running, any other success is done. Treating it as running would wait out the timeout.
        return outcome(res, res.status === 202 ? "running" : "succeeded", res.status === 202 ? "Accepted" : "Succeeded", deps);
      }
      return outcome(res, mapStatusWord(word), word, deps);
    }
    case "location": {
      const res = await deps.getLink(mode.resultUrl, o.apiVersion, signal);
      if (res.status === 202) return outcome(res, "running", provisioningState(res.body) ?? "Accepted", deps);
      return outcome(res, "succeeded", "Succeeded", deps);
    }
    case "body": {
      let res: ArmResponse;
      try {
        res = await deps.getPath(o.resourcePath, o.apiVersion, signal);
      } catch (error) {
        // A DELETE followed by reading the resource ends when the resource is gone.
        if (o.method === "DELETE" && isNotFound(error)) return { status: "succeeded", statusWord: "Deleted" };
        throw error;
      }
      const word = provisioningState(res.body);
      // ARM resources without a provisioningState are done with it (ARM RPC: absent means Succeeded).
      let status = word === undefined ? "succeeded" : mapStatusWord(word);
      if (o.method === "DELETE" && status === "succeeded") status = "running";
      return outcome(res, status, word ?? "Succeeded", deps);
    }
    case "done":
      return { status: "succeeded", statusWord: "Succeeded" };
  }
}

function outcome(res: ArmResponse, status: PollOutcome["status"], statusWord: string, deps: LroDependencies): PollOutcome {
  return {
    status,
    statusWord,
    body: res.body,
    retryAfterInMs: retryAfterInMs(res.headers, deps.pacing.clock.now()),
    httpStatus: res.status,
    requestId: res.requestId,
  };
}

/**
 * GET of the resource after a successful PUT/PATCH. A 404 here is an error like any other: IoT Hub's habit of
 * answering 404 for a while after an update is the hub's quirk, waited out where the hub is awaited
 * (provider/arm/iothub/hub-wait.ts), which is why hub writes ask for `fetchResult: false`.
 */
async function finalGet(o: LroOptions, deps: LroDependencies): Promise<unknown> {
  return (await deps.getPath(o.resourcePath, o.apiVersion, o.signal)).body;
}

/** A Failed/Canceled operation, as an ArmError carrying the operation's own error code and message. */
function operationError(description: string, last: PollOutcome): ArmError {
  const parsed = parseErrorBody(last.body);
  const fallback = last.status === "canceled" ? "OperationCanceled" : "OperationFailed";
  const { code, alias } = preferredCode(parsed.code, parsed.message, fallback);
  const message = parsed.message ?? `the operation ended ${last.statusWord}`;
  return new ArmError({
    code,
    // The HTTP exchange itself succeeded; the status is that of the poll that reported the failure.
    statusCode: last.httpStatus ?? 200,
    message: `${description} ended ${last.statusWord}: ${code}${alias}: ${message}${last.requestId ? ` [x-ms-request-id: ${last.requestId}]` : ""}`,
    requestId: last.requestId,
    details: parsed.details,
  });
}

function hasBody(body: unknown): boolean {
  return body !== undefined && body !== null && body !== "";
}
