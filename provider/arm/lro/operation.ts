/**
 * Following one long-running operation over HTTP: turns the stored polling mode into a `pollOnce` callback
 * for the poller, then fetches the final result (a PUT/PATCH's resource, a POST's result, nothing after DELETE).
 */
import { ArmError, clientError, isNotFound, parseErrorBody, preferredCode } from "../errors";
import { retryAfterInMs } from "../retry-after";
import { decidePollingMode, provisioningState, type FirstResponse, type PollingMode } from "./mode";
import { nextIntervalInMs, pollUntilTerminal, throwIfAborted, type LroProgress, type PollOutcome } from "./poller";
import { mapStatusWord } from "./status";

export interface LroOptions {
  method: "PUT" | "PATCH" | "DELETE" | "POST";
  /** The resource the operation is about (built with armPath); GET here gives the final body of a PUT/PATCH. */
  resourcePath: string;
  apiVersion: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (p: LroProgress) => void;
}

export interface LroHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  requestId?: string;
}

export interface LroDependencies {
  /** GET a resource path (armPath form; api-version added); throws ArmError for status >= 400. */
  getPath: (path: string, apiVersion: string, signal?: AbortSignal) => Promise<LroHttpResponse>;
  /** GET a link the service handed out (absolute or relative, same origin only; kept opaque); throws likewise. */
  getLink: (link: string, apiVersion: string, signal?: AbortSignal) => Promise<LroHttpResponse>;
  scheduleInMs: readonly number[];
  delay: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  log?: (line: string) => void;
}

export async function followOperation<T>(first: FirstResponse, o: LroOptions, deps: LroDependencies): Promise<T | undefined> {
  const mode = decidePollingMode(first);
  const description = `${o.method} ${o.resourcePath}`;
  deps.log?.(`LRO ${description}: polling mode ${mode.kind}`);
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0) {
    // NaN or Infinity would mean no deadline and, with a NaN wait, a tight polling loop.
    throw clientError("InvalidArgument", `timeoutMs must be a positive number of milliseconds; got ${o.timeoutMs}`);
  }
  const startedAt = deps.now();
  const deadline = startedAt + o.timeoutMs;

  if (mode.kind === "done") {
    if (o.method === "DELETE") return undefined;
    if (hasBody(first.body)) return first.body as T;
    return o.method === "POST" ? undefined : ((await finalGet(o, deps, deadline)) as T);
  }

  const { last } = await pollUntilTerminal({
    pollOnce: (signal) => pollOnce(mode, o, deps, signal),
    initialRetryAfterInMs: retryAfterInMs(first.headers, deps.now()),
    scheduleInMs: deps.scheduleInMs,
    timeoutInMs: o.timeoutMs,
    signal: o.signal,
    delay: deps.delay,
    now: deps.now,
    onProgress: o.onProgress,
    description,
  });

  if (last.status === "failed" || last.status === "canceled") throw operationError(description, last);
  if (o.method === "DELETE") return undefined;
  if (o.method === "POST") {
    if (mode.kind === "location") return last.body as T;
    if (mode.kind === "asyncOperation" && mode.resultUrl) {
      return (await deps.getLink(mode.resultUrl, o.apiVersion, o.signal)).body as T;
    }
    return undefined;
  }
  // PUT/PATCH: the resource itself is the result (autorest's default final state; the 2016/2023 swaggers
  // declare no final-state-via, IOTHUB-ARM-NOTES.md §1.2). In body mode the last poll already was that GET.
  if (mode.kind === "body" && hasBody(last.body)) return last.body as T;
  return (await finalGet(o, deps, deadline)) as T;
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
      let res: LroHttpResponse;
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

function outcome(res: LroHttpResponse, status: PollOutcome["status"], statusWord: string, deps: LroDependencies): PollOutcome {
  return {
    status,
    statusWord,
    body: res.body,
    retryAfterInMs: retryAfterInMs(res.headers, deps.now()),
    httpStatus: res.status,
    requestId: res.requestId,
  };
}

/**
 * GET of the resource after a successful PUT/PATCH. A 404 here is a stale read, not an answer: IoT Hub has
 * been seen to report Succeeded and then answer 404 for a while (IOTHUB-ARM-NOTES.md §9, last point;
 * Terraform polls GET until 200). So 404 is retried on the polling schedule until the operation's deadline.
 */
async function finalGet(o: LroOptions, deps: LroDependencies, deadline: number): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await deps.getPath(o.resourcePath, o.apiVersion, o.signal)).body;
    } catch (error) {
      const waitInMs = nextIntervalInMs(deps.scheduleInMs, attempt);
      if (!isNotFound(error) || deps.now() + waitInMs > deadline) throw error;
      deps.log?.(`LRO ${o.method} ${o.resourcePath}: resource not readable yet after success, retrying`);
      await deps.delay(waitInMs, o.signal);
      throwIfAborted(o.signal);
    }
  }
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
