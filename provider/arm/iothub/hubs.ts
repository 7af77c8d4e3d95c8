/**
 * The hub operations of Microsoft.Devices (docs/IOTHUB-ARM.md, "Operations"), both api-versions.
 */
import type { ArmClient, ArmResponse, PollProgress } from "../client";
import { DEFAULT_LRO_TIMEOUT_IN_MS, HUB_OPERATION_USUAL_DURATION_IN_MS } from "../constants";
import { unlessNotFound } from "../errors";
import { waitForActiveHub } from "./hub-wait";
import type { ApiVersion } from "./api-versions";
import { hubChildPath, hubPath, hubsPath } from "./paths";
import type { HubRef, IotHubDescription, SharedAccessSignatureAuthorizationRule } from "./types";

export interface CallOptions {
  signal?: AbortSignal;
}

export interface OperationWaitOptions extends CallOptions {
  /** Overall limit of the wait; default DEFAULT_LRO_TIMEOUT_IN_MS. */
  timeoutInMs?: number;
  onProgress?: (p: PollProgress) => void;
}

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** GET hub; throws ArmError (isNotFound) when absent. */
export async function getHub(client: ArmClient, ref: HubRef, o: CallOptions = {}): Promise<IotHubDescription> {
  const res = await client.request<IotHubDescription>({ method: "GET", path: hubPath(ref), apiVersion: ref.apiVersion, signal: o.signal });
  return res.body;
}

/** GET hub; undefined on 404. */
export async function findHub(client: ArmClient, ref: HubRef, o: CallOptions = {}): Promise<IotHubDescription | undefined> {
  return unlessNotFound(getHub(client, ref, o));
}

/**
 * PUT hub (create or full replacement) and return the first response: 201 + Azure-AsyncOperation when
 * asynchronous, 200 when synchronous. If-None-Match "*" for a create that must not overwrite, If-Match with the
 * etag from a GET for an update (docs/IOTHUB-ARM.md, "ETags").
 * Retried on transient failures like every PUT; a create with If-None-Match "*" whose first attempt did reach the
 * service answers 412 on the retry — `ArmError.unansweredAttempts > 0` tells the caller (see isOwnLostCreate).
 */
export async function beginPutHub(
  client: ArmClient,
  ref: HubRef,
  hub: IotHubDescription,
  o: Preconditions & CallOptions = {},
): Promise<ArmResponse<IotHubDescription>> {
  return client.request<IotHubDescription>({
    method: "PUT",
    path: hubPath(ref),
    apiVersion: ref.apiVersion,
    body: hub,
    ifMatch: o.ifMatch,
    ifNoneMatch: o.ifNoneMatch,
    signal: o.signal,
  });
}

/**
 * Which hub operation a first response started: a PUT answered 201 created the hub, any other PUT answer is an
 * update of an existing one (docs/IOTHUB-ARM.md, "Long-running operations").
 */
export function hubOperationKind(method: "PUT" | "DELETE", first: Pick<ArmResponse, "status">): keyof typeof HUB_OPERATION_USUAL_DURATION_IN_MS {
  if (method === "DELETE") return "delete";
  return first.status === 201 ? "create" : "update";
}

/**
 * Waits for a hub PUT or DELETE started by the begin* calls to end; throws the operation's error when it fails.
 * Polls on the schedule of the operation's kind, built around its usual duration (docs/RELIABILITY.md, "Polling").
 * It reads no result: after a PUT, the hub is read by waiting for it to be Active (hub-wait.ts), which is also
 * where the post-update 404 is ridden out.
 */
export async function waitForHubOperation(
  client: ArmClient,
  ref: HubRef,
  first: ArmResponse,
  o: OperationWaitOptions & { method: "PUT" | "DELETE" },
): Promise<void> {
  await client.waitForOperation(first, {
    method: o.method,
    resourcePath: hubPath(ref),
    apiVersion: ref.apiVersion,
    timeoutInMs: o.timeoutInMs ?? DEFAULT_LRO_TIMEOUT_IN_MS,
    usualDurationInMs: HUB_OPERATION_USUAL_DURATION_IN_MS[hubOperationKind(o.method, first)],
    fetchResult: false,
    signal: o.signal,
    onProgress: o.onProgress,
  });
}

/** PUT, wait for the operation, then for the hub to be Active; the hub as it then is. */
export async function putHubAndWait(
  client: ArmClient,
  ref: HubRef,
  hub: IotHubDescription,
  o: Preconditions & OperationWaitOptions = {},
): Promise<IotHubDescription> {
  const timeoutInMs = o.timeoutInMs ?? DEFAULT_LRO_TIMEOUT_IN_MS;
  const deadline = client.pacing.clock.now() + timeoutInMs;
  const first = await beginPutHub(client, ref, hub, o);
  await waitForHubOperation(client, ref, first, { ...o, timeoutInMs, method: "PUT" });
  const active = await waitForActiveHub({
    getHub: () => findHub(client, ref, o),
    hubName: ref.name,
    whenMissing: "wait",
    pacing: client.pacing,
    timeoutInMs: Math.max(1, deadline - client.pacing.clock.now()),
    signal: o.signal,
  });
  return active as IotHubDescription;
}

/** DELETE hub; the first response, or undefined when there was nothing to delete (204 or 404). */
export async function beginDeleteHub(
  client: ArmClient,
  ref: HubRef,
  o: { ifMatch?: string } & CallOptions = {},
): Promise<ArmResponse | undefined> {
  const res = await unlessNotFound(
    client.request({ method: "DELETE", path: hubPath(ref), apiVersion: ref.apiVersion, ifMatch: o.ifMatch, signal: o.signal }),
  );
  return res?.status === 204 ? undefined : res;
}

/** DELETE hub and wait until it is gone. "notFound" when it did not exist (204 or 404). */
export async function deleteHubAndWait(
  client: ArmClient,
  ref: HubRef,
  o: { ifMatch?: string } & OperationWaitOptions = {},
): Promise<"deleted" | "notFound"> {
  const first = await beginDeleteHub(client, ref, o);
  if (first === undefined) return "notFound";
  await waitForHubOperation(client, ref, first, { ...o, method: "DELETE" });
  return "deleted";
}

/** POST listkeys, every page. A read, so retried like one. */
export async function listKeys(client: ArmClient, ref: HubRef, o: CallOptions = {}): Promise<SharedAccessSignatureAuthorizationRule[]> {
  return client.list<SharedAccessSignatureAuthorizationRule>({
    method: "POST",
    path: hubChildPath(ref, "listkeys"),
    apiVersion: ref.apiVersion,
    idempotent: true,
    signal: o.signal,
  });
}

/**
 * GET the hubs of a subscription, or of one resource group when `resourceGroup` is given, every page (the client
 * follows nextLink, only to its own endpoint's origin).
 */
export async function listHubs(
  client: ArmClient,
  o: { subscriptionId: string; resourceGroup?: string; apiVersion: ApiVersion } & CallOptions,
): Promise<IotHubDescription[]> {
  return client.list<IotHubDescription>({ method: "GET", path: hubsPath(o), apiVersion: o.apiVersion, signal: o.signal });
}
