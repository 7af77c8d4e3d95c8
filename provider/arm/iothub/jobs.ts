/**
 * The subscription- and job-level operations of Microsoft.Devices: name availability and device export
 * (docs/IOTHUB-ARM.md, "Operations").
 */
import type { ArmClient } from "../client";
import type { OperationStatus } from "../lro/status";
import { armPath } from "../path";
import { pollUntilTerminal } from "../poller";
import type { ApiVersion } from "./api-versions";
import type { CallOptions } from "./hubs";
import { hubChildPath } from "./paths";
import type { ExportDevicesRequest, HubRef, JobResponse, NameAvailabilityInfo } from "./types";

/**
 * POST checkNameAvailability (hub names are global DNS names). Body `{"Name"}` in 2016-02-03, `{"name"}` in
 * 2023-06-30. It only reads, so it is retried like a GET.
 */
export async function checkNameAvailability(
  client: ArmClient,
  o: { subscriptionId: string; apiVersion: ApiVersion; name: string } & CallOptions,
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
 * POST exportDevices: starts a job (200 JobResponse; follow it with getJob). Not idempotent — a second attempt
 * after an ambiguous failure could start a second export — so it is only retried when the request provably never
 * left (connection refused), never on 5xx or a reset.
 */
export async function exportDevices(client: ArmClient, ref: HubRef, request: ExportDevicesRequest, o: CallOptions = {}): Promise<JobResponse> {
  const body =
    ref.apiVersion === "2016-02-03" ? { ExportBlobContainerUri: request.exportBlobContainerUri, ExcludeKeys: request.excludeKeys } : request;
  const res = await client.request<JobResponse>({
    method: "POST",
    path: hubChildPath(ref, "exportDevices"),
    apiVersion: ref.apiVersion,
    body,
    idempotent: false,
    signal: o.signal,
  });
  return res.body;
}

export async function getJob(client: ArmClient, ref: HubRef, jobId: string, o: CallOptions = {}): Promise<JobResponse> {
  const res = await client.request<JobResponse>({ method: "GET", path: hubChildPath(ref, "jobs", jobId), apiVersion: ref.apiVersion, signal: o.signal });
  return res.body;
}

/**
 * A job's status words (swagger JobResponse.status: unknown, enqueued, running, completed, failed, cancelled) on the
 * closed set of the poller: only completed, failed and cancelled end the wait.
 */
const JOB_STATUSES: Record<string, OperationStatus> = { completed: "succeeded", failed: "failed", cancelled: "canceled", canceled: "canceled" };

export function jobStatusOf(job: JobResponse): OperationStatus {
  return JOB_STATUSES[String(job.status ?? "").toLowerCase()] ?? "running";
}

/**
 * Follows a job on the package's one poller (docs/ARCHITECTURE.md, "Waiting") until it is completed, failed or
 * cancelled, and returns it as it then is; the caller decides what a failed job means. `onStatus` sees every poll's
 * job. Timeout: ArmError OperationTimedOut.
 */
export async function waitForJob(
  client: ArmClient,
  ref: HubRef,
  jobId: string,
  o: { timeoutInMs: number; onStatus?: (job: JobResponse) => void } & CallOptions,
): Promise<JobResponse> {
  const { last } = await pollUntilTerminal({
    pollOnce: async (signal) => {
      const job = await getJob(client, ref, jobId, { signal });
      o.onStatus?.(job);
      return { status: jobStatusOf(job), statusWord: String(job.status ?? "unknown"), body: job };
    },
    pacing: client.pacing,
    timeoutInMs: o.timeoutInMs,
    signal: o.signal,
    description: `job ${jobId} of IotHub ${ref.name}`,
  });
  return last.body as JobResponse;
}
