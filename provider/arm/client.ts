/**
 * The ARM REST client: one endpoint, one credential, one connection pool. Sends api-version on every call,
 * an `x-ms-client-request-id`, If-Match/If-None-Match as asked; captures `x-ms-request-id` and
 * `x-ms-correlation-request-id`; retries what is safe to retry; follows nextLink and long-running operations.
 * HTTP error statuses become ArmError; what a 404, 409 or 412 means is for the caller to decide.
 */
import { randomUUID } from "node:crypto";
import type { TokenCredential } from "@azure/core-auth";
import type { Dispatcher } from "undici";
import { abortError, abortableDelay, pacing, realClock, throwIfAborted, type Pacing } from "./clock";
import { DEFAULT_MAX_ATTEMPTS, MAX_PAGES, USER_AGENT } from "./constants";
import { cachingCredential, defaultAzureCredential, scopeForEndpoint } from "./credentials";
import { normalizeEndpoint } from "./endpoints";
import { ArmError, clientError, errorFromResponse } from "./errors";
import { followOperation, type LroOptions } from "./lro/operation";
import { assertArmPath } from "./path";
import type { ArmResponse } from "./response";
import { NOT_SENT_NETWORK_CODES, decideRetry, networkErrorCode } from "./retry";
import { retryAfterInMs } from "./retry-after";
import { SubscriptionThrottle } from "./throttle";
import { assertTokenMaySend, createDispatcher, type ProxyEnv } from "./transport";

export type { LroOptions } from "./lro/operation";
export type { PollProgress } from "./poller";
export type { ArmResponse } from "./response";

export interface ArmClientOptions {
  /** ARM base URL, e.g. https://management.azure.com or the emulator's URL. */
  endpoint: string;
  /** Any @azure/core-auth credential; default: DefaultAzureCredential, built on first use. */
  credential?: TokenCredential;
  /** undici dispatcher; default: one keep-alive Agent (or ProxyAgent from the environment) for this endpoint. */
  dispatcher?: Dispatcher;
  /** Waits between retries and polls; injectable so tests take no real time. */
  delay?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** Attempts (first included) for idempotent calls; default DEFAULT_MAX_ATTEMPTS. */
  maxAttempts?: number;
  /** Receives one line per request and decision; never tokens or keys (bodies are not logged). */
  log?: (line: string) => void;
  /**
   * Polling waits when the service sends no Retry-After, the last one repeating. Default: built around each hub
   * operation's usual duration, DEFAULT_POLLING_SCHEDULE_IN_MS for other waits. When given (`iothub:pollingScheduleMs`),
   * it applies to every wait (docs/RELIABILITY.md, "Polling").
   */
  pollingScheduleInMs?: readonly number[];
  /**
   * Time allowed for one attempt's answer (headers, then between body chunks) before it counts as unanswered and is
   * retried like a dropped connection; default RESPONSE_TIMEOUT_IN_MS. Ignored with an injected dispatcher.
   */
  responseTimeoutInMs?: number;
  /** Jitter source for retry backoff; default Math.random. */
  random?: () => number;
  /** Where proxy settings are read from; default process.env. */
  env?: ProxyEnv;
  /**
   * The per-subscription request budget; default: one of this client's own. Clients that share one share the budget
   * (the provider runtime gives every client of a process the same).
   */
  throttle?: SubscriptionThrottle;
}

export interface ArmRequest {
  method: "GET" | "PUT" | "PATCH" | "DELETE" | "POST";
  /** Built with armPath(); already encoded; no query. */
  path: string;
  apiVersion: string;
  body?: unknown;
  /** Sent quoted as given ("*" stays as is, a bare etag gets quotes). */
  ifMatch?: string;
  ifNoneMatch?: string;
  /** Default: true except for POST. */
  idempotent?: boolean;
  signal?: AbortSignal;
}


interface SendRequest {
  method: ArmRequest["method"];
  url: URL;
  body?: unknown;
  ifMatch?: string;
  ifNoneMatch?: string;
  idempotent: boolean;
  signal?: AbortSignal;
}

export class ArmClient {
  /** Normalized endpoint (no trailing slash). */
  readonly endpoint: string;
  private readonly baseUrl: URL;
  private readonly scope: string;
  private readonly credential: TokenCredential;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  /** The clock and polling schedule of this client's retries and polls; the provider's waits for a hub use it too. */
  readonly pacing: Pacing;
  readonly throttle: SubscriptionThrottle;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly log?: (line: string) => void;
  private readonly random: () => number;
  private closed = false;

  constructor(options: ArmClientOptions) {
    this.baseUrl = normalizeEndpoint(options.endpoint);
    // Refused here, before any request or token fetch: a bearer token never goes over plain http off-host.
    assertTokenMaySend(this.baseUrl);
    this.endpoint = this.baseUrl.href.replace(/\/+$/, "");
    this.scope = scopeForEndpoint(this.endpoint);
    this.pacing = pacing({
      clock: { now: options.now ?? realClock.now, delay: options.delay ?? realClock.delay },
      scheduleInMs: options.pollingScheduleInMs,
      random: options.random,
    });
    this.now = this.pacing.clock.now;
    this.random = this.pacing.random;
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
    this.log = options.log;
    this.throttle = options.throttle ?? new SubscriptionThrottle();
    this.credential = cachingCredential(options.credential ?? lazyDefaultCredential(), { now: this.now });
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
      this.ownsDispatcher = false;
    } else {
      const choice = createDispatcher(this.baseUrl, options.env ?? process.env, options.responseTimeoutInMs);
      this.dispatcher = choice.dispatcher;
      this.ownsDispatcher = true;
      this.log?.(choice.kind === "proxy" ? `ARM ${this.baseUrl.origin} via proxy ${choice.proxyOrigin}` : `ARM ${this.baseUrl.origin} direct`);
    }
  }

  /** One call; throws ArmError for status >= 400 (after retries, for idempotent calls). */
  async request<T = unknown>(req: ArmRequest): Promise<ArmResponse<T>> {
    return this.send<T>({
      method: req.method,
      url: this.urlForPath(req.path, req.apiVersion),
      body: req.body,
      ifMatch: req.ifMatch,
      ifNoneMatch: req.ifNoneMatch,
      idempotent: req.idempotent ?? req.method !== "POST",
      signal: req.signal,
    });
  }

  /**
   * All items of a pageable list (`{value, nextLink}`; a bare array is accepted too, as the 2016 docs show).
   * Next pages are GETs of the absolute nextLink, as autorest clients do, and only to this endpoint's origin.
   */
  async list<T = unknown>(req: ArmRequest): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let res = await this.request<unknown>(req);
    for (let pages = 1; ; pages++) {
      const body = res.body;
      if (Array.isArray(body)) return items.concat(body as T[]);
      const page = (body ?? {}) as { value?: unknown; nextLink?: unknown };
      if (Array.isArray(page.value)) items.push(...(page.value as T[]));
      if (typeof page.nextLink !== "string" || page.nextLink === "") return items;
      if (seen.has(page.nextLink)) throw clientError("InvalidResponse", "the service returned the same nextLink twice");
      if (pages >= MAX_PAGES) throw clientError("TooManyPages", `more than ${MAX_PAGES} pages`);
      seen.add(page.nextLink);
      res = await this.send<unknown>({
        method: "GET",
        url: this.urlForLink(page.nextLink, req.apiVersion),
        idempotent: true,
        signal: req.signal,
      });
    }
  }

  /**
   * Starts nothing: follows an operation whose first response is given until it ends.
   * PUT/PATCH → the resource's final body (GET); DELETE → undefined; POST → the operation's result if any.
   * A Failed/Canceled operation throws ArmError with the operation's error code and message.
   */
  async waitForOperation<T = unknown>(first: ArmResponse, o: LroOptions): Promise<T | undefined> {
    return followOperation<T>(first, o, {
      getPath: (path, apiVersion, signal) => this.send({ method: "GET", url: this.urlForPath(path, apiVersion), idempotent: true, signal }),
      getLink: (link, apiVersion, signal) => this.send({ method: "GET", url: this.urlForLink(link, apiVersion), idempotent: true, signal }),
      pacing: this.pacing,
      log: this.log,
    });
  }

  /** Closes the connection pool if this client created it (an injected dispatcher belongs to its owner). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private urlForPath(path: string, apiVersion: string): URL {
    assertArmPath(path);
    const url = new URL(this.baseUrl.origin);
    url.pathname = this.baseUrl.pathname.replace(/\/+$/, "") + path;
    url.searchParams.set("api-version", apiVersion);
    return url;
  }

  /**
   * An absolute URL handed out by the service (nextLink, Azure-AsyncOperation, Location). Only this endpoint's origin
   * is followed: the request carries our bearer token, and a body or header pointing elsewhere must not be able to
   * collect it. The URL is otherwise opaque (docs/IOTHUB-ARM.md, "Long-running operations"); api-version is added only
   * when missing.
   */
  private urlForLink(link: string, apiVersion: string): URL {
    let url: URL;
    try {
      url = new URL(link, this.baseUrl);
    } catch {
      throw clientError("InvalidResponse", "the service returned a link that is not a URL");
    }
    if (url.origin !== this.baseUrl.origin) {
      throw clientError("ForeignOrigin", `refusing to follow a link to ${url.origin}; only ${this.baseUrl.origin} is trusted`);
    }
    if (!url.searchParams.has("api-version")) url.searchParams.set("api-version", apiVersion);
    return url;
  }

  private async send<T>(req: SendRequest): Promise<ArmResponse<T>> {
    if (this.closed) throw clientError("ClientClosed", "the client is closed");
    assertTokenMaySend(req.url);
    const clientRequestId = randomUUID();
    const bodyText = req.body === undefined ? undefined : JSON.stringify(req.body);
    const conditional = conditionalHeaders(req);
    const shownPath = req.url.pathname;
    let unansweredAttempts = 0;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(req.signal);
      const headers: Record<string, string> = {
        authorization: `Bearer ${await this.token(req.signal)}`,
        accept: "application/json",
        "user-agent": USER_AGENT,
        "x-ms-client-request-id": clientRequestId,
        ...conditional,
      };
      if (bodyText !== undefined) headers["content-type"] = "application/json";
      const permit = await this.throttle.acquire(this.pacing.clock, { method: req.method, pathname: shownPath, signal: req.signal });
      const startedAt = this.now();
      let status: number;
      let responseHeaders: Record<string, string>;
      let text: string;
      try {
        const res = await this.dispatcher.request({
          origin: req.url.origin,
          path: req.url.pathname + req.url.search,
          method: req.method,
          headers,
          body: bodyText,
          signal: req.signal,
        });
        status = res.statusCode;
        responseHeaders = flattenHeaders(res.headers);
        text = await res.body.text();
      } catch (error) {
        permit.done();
        if (req.signal?.aborted) throw abortError(req.signal);
        const code = networkErrorCode(error);
        const decision = decideRetry({
          attempt,
          maxAttempts: this.maxAttempts,
          idempotent: req.idempotent,
          networkCode: code,
          nowInMs: this.now(),
          random: this.random,
        });
        this.log?.(`${req.method} ${shownPath} → ${code ?? "error"} (attempt ${attempt})${decision === "skip" ? "" : `, retry in ${decision.retryAfterInMs} ms`}`);
        if (decision === "skip") {
          throw new ArmError({
            code: code ?? "NetworkError",
            statusCode: 0,
            message: `${req.method} ${shownPath} failed after ${attempt} attempt(s): ${code ?? "NetworkError"}: ${(error as Error)?.message ?? String(error)}`,
            attempts: attempt,
            cause: error,
          });
        }
        if (code === undefined || !NOT_SENT_NETWORK_CODES.has(code)) unansweredAttempts++;
        await this.wait(decision.retryAfterInMs, req.signal);
        continue;
      }
      const requestId = responseHeaders["x-ms-request-id"];
      const correlationId = responseHeaders["x-ms-correlation-request-id"];
      permit.done({ status, headers: responseHeaders, retryAfterInMs: retryAfterInMs(responseHeaders, this.now()) });
      const body = parseBody(text);
      this.log?.(`${req.method} ${shownPath} → ${status} (${this.now() - startedAt} ms, attempt ${attempt})${requestId ? ` [x-ms-request-id: ${requestId}]` : ""}`);
      if (status < 400) return { status, headers: responseHeaders, body: body as T, requestId, correlationId };
      const decision = decideRetry({
        attempt,
        maxAttempts: this.maxAttempts,
        idempotent: req.idempotent,
        status,
        headers: responseHeaders,
        nowInMs: this.now(),
        random: this.random,
      });
      if (decision === "skip") {
        throw errorFromResponse({ statusCode: status, body, requestId, correlationId, attempts: attempt, unansweredAttempts });
      }
      this.log?.(`${req.method} ${shownPath}: retry in ${decision.retryAfterInMs} ms`);
      await this.wait(decision.retryAfterInMs, req.signal);
    }
  }

  /**
   * A token for this endpoint's scope. Credential failures (no Azure CLI login, no managed identity…) become an
   * ArmError too, so callers handle one type; the original stays as `cause`.
   */
  private async token(signal?: AbortSignal): Promise<string> {
    let token;
    try {
      token = await this.credential.getToken(this.scope, { abortSignal: signal });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      throw clientError("CredentialUnavailable", `no token for ${this.scope}: ${(error as Error)?.message ?? String(error)}`, error);
    }
    if (!token?.token) throw clientError("CredentialUnavailable", `the credential returned no token for ${this.scope}`);
    return token.token;
  }

  private wait(ms: number, signal?: AbortSignal): Promise<void> {
    return abortableDelay(this.pacing.clock, ms, signal);
  }
}

/** If-Match / If-None-Match as the caller gives them: `*` as is, a bare etag quoted (RFC 9110 §8.8.3). */
export function quoteEtag(etag: string): string {
  if (/[\r\n]/.test(etag)) throw clientError("InvalidEtag", "an etag must not contain line breaks");
  const trimmed = etag.trim();
  if (trimmed === "") throw clientError("InvalidEtag", "an etag must not be empty");
  if (trimmed === "*" || trimmed.startsWith('"') || trimmed.startsWith('W/"')) return trimmed;
  return `"${trimmed}"`;
}

function conditionalHeaders(req: { ifMatch?: string; ifNoneMatch?: string }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (req.ifMatch !== undefined) headers["if-match"] = quoteEtag(req.ifMatch);
  if (req.ifNoneMatch !== undefined) headers["if-none-match"] = quoteEtag(req.ifNoneMatch);
  return headers;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/**
 * JSON when it parses (IoT Hub answers `null` to a DELETE: docs/IOTHUB-ARM.md, "Long-running operations"); otherwise
 * the text; empty → undefined.
 */
function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** DefaultAzureCredential, constructed only when the first token is needed. */
function lazyDefaultCredential(): TokenCredential {
  let inner: TokenCredential | undefined;
  return {
    getToken: (scopes, options) => {
      inner ??= defaultAzureCredential();
      return inner.getToken(scopes, options);
    },
  };
}
