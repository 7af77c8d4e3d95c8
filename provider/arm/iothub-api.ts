/**
 * Typed Microsoft.Devices operations on top of ArmClient, for api-versions 2016-02-03 (the seed) and
 * 2023-06-30 (newest stable). Shapes and differences follow IOTHUB-ARM-NOTES.md §2–§7; where the swagger
 * and the 2016 doc pages disagree the swagger wins (§2).
 */
import { isNotFound } from "./errors";
import type { ArmClient, ArmResponse, LroProgress } from "./client";
import { DEFAULT_LRO_TIMEOUT_IN_MS } from "./constants";
import { armPath } from "./path";

export type IotHubApiVersion = "2016-02-03" | "2023-06-30";

/** Which hub, in which api-version. */
export interface HubRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  apiVersion: IotHubApiVersion;
}

/** IotHubDescription, loosely: both api-versions, only the fields this package reads typed. */
export interface IotHubDescription {
  id?: string;
  name?: string;
  type?: string;
  location: string;
  tags?: Record<string, string>;
  etag?: string;
  sku: { name: string; tier?: string; capacity?: number };
  properties?: {
    provisioningState?: string;
    state?: string;
    hostName?: string;
    [other: string]: unknown;
  };
  [other: string]: unknown;
}

export interface SharedAccessSignatureAuthorizationRule {
  keyName: string;
  primaryKey?: string;
  secondaryKey?: string;
  rights: string;
}

/** 2016: `{tags, id, name}`; 2023: `{properties, id, name, type, etag}` (real etag null, §5). */
export interface EventHubConsumerGroupInfo {
  id?: string;
  name?: string;
  type?: string;
  etag?: string | null;
  properties?: Record<string, unknown>;
  tags?: Record<string, string>;
}

export interface NameAvailabilityInfo {
  nameAvailable: boolean;
  reason?: string;
  message?: string | null;
}

/** §7, JobResponse (all read-only). */
export interface JobResponse {
  jobId?: string;
  startTimeUtc?: string;
  endTimeUtc?: string;
  type?: string;
  status?: string;
  failureReason?: string;
  statusMessage?: string;
  parentJobId?: string;
}

/** The 2023 ExportDevicesRequest, camelCase; mapped to 2016's PascalCase when needed. */
export interface ExportDevicesRequest {
  exportBlobContainerUri: string;
  excludeKeys: boolean;
  exportBlobName?: string;
  authenticationType?: "keyBased" | "identityBased";
  identity?: { userAssignedIdentity?: string };
  includeConfigurations?: boolean;
  configurationsBlobName?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface WaitOptions extends CallOptions {
  /** Overall limit of the wait; default DEFAULT_LRO_TIMEOUT_IN_MS. */
  timeoutMs?: number;
  onProgress?: (p: LroProgress) => void;
}

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** Default consumer-group endpoint: the only one in 2023-06-30 (§5). */
export const EVENTS_ENDPOINT = "events";

/** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs/{name}` (§1, spec casing). */
export function hubPath(ref: HubRef): string {
  return armPath(
    "subscriptions",
    ref.subscriptionId,
    "resourceGroups",
    ref.resourceGroup,
    "providers",
    "Microsoft.Devices",
    "IotHubs",
    ref.name,
  );
}

export function consumerGroupPath(ref: HubRef, name: string, eventHubEndpoint: string = EVENTS_ENDPOINT): string {
  return `${hubPath(ref)}${armPath("eventHubEndpoints", eventHubEndpoint, "ConsumerGroups", name)}`;
}

/** GET hub; throws ArmError (isNotFound) when absent. */
export async function getHub(client: ArmClient, ref: HubRef, o: CallOptions = {}): Promise<IotHubDescription> {
  const res = await client.request<IotHubDescription>({ method: "GET", path: hubPath(ref), apiVersion: ref.apiVersion, signal: o.signal });
  return res.body;
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

/** GET hub; undefined on 404. */
export async function findHub(client: ArmClient, ref: HubRef, o: CallOptions = {}): Promise<IotHubDescription | undefined> {
  return unlessNotFound(getHub(client, ref, o));
}

/**
 * PUT hub (create or full replacement, §4) and return the first response: 201 + Azure-AsyncOperation when
 * asynchronous, 200 when synchronous (§1.2). If-None-Match "*" for a create that must not overwrite, If-Match
 * with the etag from a GET for an update (§1.1).
 * Retried on transient failures like every PUT; note that a create with If-None-Match "*" whose first attempt
 * did reach the service answers 412 on the retry — `ArmError.attempts > 1` tells the caller to look.
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

/** Waits for a hub PUT/PATCH/DELETE started by the begin* calls; PUT/PATCH → the hub as finally read. */
export async function waitForHubOperation(
  client: ArmClient,
  ref: HubRef,
  first: ArmResponse,
  o: WaitOptions & { method: "PUT" | "PATCH" | "DELETE" },
): Promise<IotHubDescription | undefined> {
  return client.waitForOperation<IotHubDescription>(first, {
    method: o.method,
    resourcePath: hubPath(ref),
    apiVersion: ref.apiVersion,
    timeoutMs: o.timeoutMs ?? DEFAULT_LRO_TIMEOUT_IN_MS,
    signal: o.signal,
    onProgress: o.onProgress,
  });
}

export async function putHubAndWait(
  client: ArmClient,
  ref: HubRef,
  hub: IotHubDescription,
  o: Preconditions & WaitOptions = {},
): Promise<IotHubDescription> {
  const first = await beginPutHub(client, ref, hub, o);
  const final = await waitForHubOperation(client, ref, first, { ...o, method: "PUT" });
  return final as IotHubDescription;
}

/** DELETE hub; the first response, or undefined when there was nothing to delete (404). */
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

/** DELETE hub and wait until it is gone. "notFound" when it did not exist (204 or 404, §1.1). */
export async function deleteHubAndWait(
  client: ArmClient,
  ref: HubRef,
  o: { ifMatch?: string } & WaitOptions = {},
): Promise<"deleted" | "notFound"> {
  const first = await beginDeleteHub(client, ref, o);
  if (first === undefined) return "notFound";
  await waitForHubOperation(client, ref, first, { ...o, method: "DELETE" });
  return "deleted";
}

/** POST listkeys, every page (§6). A read, so retried like one. */
export async function listKeys(client: ArmClient, ref: HubRef, o: CallOptions = {}): Promise<SharedAccessSignatureAuthorizationRule[]> {
  return client.list<SharedAccessSignatureAuthorizationRule>({
    method: "POST",
    path: `${hubPath(ref)}${armPath("listkeys")}`,
    apiVersion: ref.apiVersion,
    idempotent: true,
    signal: o.signal,
  });
}

export interface ConsumerGroupOptions extends CallOptions {
  /** Event Hub-compatible endpoint; default "events". */
  eventHubEndpoint?: string;
}

/** One request on one consumer group: the path, api-version and signal every consumer-group call shares. */
function consumerGroupRequest<T>(
  client: ArmClient,
  ref: HubRef,
  name: string,
  o: ConsumerGroupOptions,
  request: { method: "GET" | "PUT" | "DELETE"; body?: unknown; ifMatch?: string },
): Promise<ArmResponse<T>> {
  return client.request<T>({ ...request, path: consumerGroupPath(ref, name, o.eventHubEndpoint), apiVersion: ref.apiVersion, signal: o.signal });
}

export async function getConsumerGroup(
  client: ArmClient,
  ref: HubRef,
  name: string,
  o: ConsumerGroupOptions = {},
): Promise<EventHubConsumerGroupInfo> {
  return (await consumerGroupRequest<EventHubConsumerGroupInfo>(client, ref, name, o, { method: "GET" })).body;
}

/** GET consumer group; undefined on 404 (of the group or of its hub). */
export async function findConsumerGroup(
  client: ArmClient,
  ref: HubRef,
  name: string,
  o: ConsumerGroupOptions = {},
): Promise<EventHubConsumerGroupInfo | undefined> {
  return unlessNotFound(getConsumerGroup(client, ref, name, o));
}

/**
 * PUT consumer group, synchronous 200 in both versions (§5). 2016-02-03 takes no body; 2023-06-30 requires
 * `{"properties":{"name":"<cg>"}}` (an empty body is rejected with IH400007).
 */
export async function putConsumerGroup(
  client: ArmClient,
  ref: HubRef,
  name: string,
  o: ConsumerGroupOptions = {},
): Promise<EventHubConsumerGroupInfo> {
  const body = ref.apiVersion === "2016-02-03" ? undefined : { properties: { name } };
  return (await consumerGroupRequest<EventHubConsumerGroupInfo>(client, ref, name, o, { method: "PUT", body })).body;
}

/**
 * DELETE consumer group (synchronous 200, §5); "notFound" when it was already gone. `ifMatch` is sent
 * when the caller holds a real etag (the seed's DELETE table; the real service reports null ones).
 */
export async function deleteConsumerGroup(
  client: ArmClient,
  ref: HubRef,
  name: string,
  o: ConsumerGroupOptions & { ifMatch?: string } = {},
): Promise<"deleted" | "notFound"> {
  const res = await unlessNotFound(consumerGroupRequest(client, ref, name, o, { method: "DELETE", ifMatch: o.ifMatch }));
  return res === undefined || res.status === 204 ? "notFound" : "deleted";
}

/** Every page. 2016-02-03 lists names (strings), 2023-06-30 objects (§5); both are returned as given. */
export async function listConsumerGroups(
  client: ArmClient,
  ref: HubRef,
  o: ConsumerGroupOptions = {},
): Promise<Array<string | EventHubConsumerGroupInfo>> {
  return client.list<string | EventHubConsumerGroupInfo>({
    method: "GET",
    path: `${hubPath(ref)}${armPath("eventHubEndpoints", o.eventHubEndpoint ?? EVENTS_ENDPOINT, "ConsumerGroups")}`,
    apiVersion: ref.apiVersion,
    signal: o.signal,
  });
}

/** The names from either list shape. */
export async function listConsumerGroupNames(client: ArmClient, ref: HubRef, o: ConsumerGroupOptions = {}): Promise<string[]> {
  const items = await listConsumerGroups(client, ref, o);
  return items.map((item) => (typeof item === "string" ? item : (item.name ?? ""))).filter((n) => n !== "");
}

/**
 * POST checkNameAvailability (hub names are global DNS names, §11). Body `{"Name"}` in 2016-02-03, `{"name"}` in
 * 2023-06-30 (§2, §3). It only reads, so it is retried like a GET.
 */
export async function checkNameAvailability(
  client: ArmClient,
  o: { subscriptionId: string; apiVersion: IotHubApiVersion; name: string } & CallOptions,
): Promise<NameAvailabilityInfo> {
  const res = await client.request<NameAvailabilityInfo>({
    method: "POST",
    path: armPath("subscriptions", o.subscriptionId, "providers", "Microsoft.Devices", "checkNameAvailability"),
    apiVersion: o.apiVersion,
    body: o.apiVersion === "2016-02-03" ? { Name: o.name } : { name: o.name },
    idempotent: true,
    signal: o.signal,
  });
  return res.body;
}

/**
 * POST exportDevices: starts a job (200 JobResponse; poll getJob, §7). Not idempotent — a second attempt after
 * an ambiguous failure could start a second export — so it is only retried when the request provably never
 * left (connection refused), never on 5xx or a reset.
 */
export async function exportDevices(
  client: ArmClient,
  ref: HubRef,
  request: ExportDevicesRequest,
  o: CallOptions = {},
): Promise<JobResponse> {
  const body =
    ref.apiVersion === "2016-02-03"
      ? { ExportBlobContainerUri: request.exportBlobContainerUri, ExcludeKeys: request.excludeKeys }
      : request;
  const res = await client.request<JobResponse>({
    method: "POST",
    path: `${hubPath(ref)}${armPath("exportDevices")}`,
    apiVersion: ref.apiVersion,
    body,
    idempotent: false,
    signal: o.signal,
  });
  return res.body;
}

export async function getJob(client: ArmClient, ref: HubRef, jobId: string, o: CallOptions = {}): Promise<JobResponse> {
  const res = await client.request<JobResponse>({
    method: "GET",
    path: `${hubPath(ref)}${armPath("jobs", jobId)}`,
    apiVersion: ref.apiVersion,
    signal: o.signal,
  });
  return res.body;
}
