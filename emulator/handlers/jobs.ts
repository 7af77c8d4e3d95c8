import { isLegacy } from "../api-versions";
import type { HandlerResult, RequestContext } from "../context";
import { invalidBody, iotHubError } from "../errors/factory";
import { IH } from "../errors/iothub-codes";
import { rfc1123 } from "../ids";
import { keyOf, type JobRecord } from "../store/model";
import { requireHub } from "../store/hubs";
import { paginate } from "../views/paging";
import { hubAddress, pageOptions } from "./params";

/**
 * exportDevices / importDevices answer 200 with a JobResponse at once (swagger; docs/IOTHUB-ARM.md, "Operations"); the
 * job progresses enqueued → running → completed and `GET .../jobs/{jobId}` shows it. Bodies: 2016
 * `{ExportBlobContainerUri, ExcludeKeys}` (PascalCase, both required, swagger 2016); 2023 `{exportBlobContainerUri,
 * excludeKeys}` (swagger 2023; docs/IOTHUB-ARM.md, "The objects"). Import: `{InputBlobContainerUri,
 * OutputBlobContainerUri}`.
 */
function renderJob(job: JobRecord): object {
  const body: Record<string, unknown> = {
    jobId: job.jobId,
    startTimeUtc: rfc1123(job.startMs),
    type: job.type,
    status: job.status,
  };
  if (job.endMs !== undefined) body.endTimeUtc = rfc1123(job.endMs);
  if (job.status === "failed" && job.failureReason !== undefined) body.failureReason = job.failureReason;
  return body;
}

function requireFields(body: unknown, fields: Array<[name: string, type: "string" | "boolean"]>): void {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  for (const [name, type] of fields) {
    if (typeof b[name] !== type) throw invalidBody(`The '${name}' property is required (${type}).`);
  }
}

export function exportDevices(ctx: RequestContext): HandlerResult {
  const hub = requireHub(ctx.core, hubAddress(ctx));
  requireFields(
    ctx.body,
    isLegacy(ctx.apiVersion)
      ? [["ExportBlobContainerUri", "string"], ["ExcludeKeys", "boolean"]]
      : [["exportBlobContainerUri", "string"], ["excludeKeys", "boolean"]],
  );
  return { status: 200, body: renderJob(ctx.core.jobs.start(hub, "export")) };
}

export function importDevices(ctx: RequestContext): HandlerResult {
  const hub = requireHub(ctx.core, hubAddress(ctx));
  requireFields(
    ctx.body,
    isLegacy(ctx.apiVersion)
      ? [["InputBlobContainerUri", "string"], ["OutputBlobContainerUri", "string"]]
      : [["inputBlobContainerUri", "string"], ["outputBlobContainerUri", "string"]],
  );
  return { status: 200, body: renderJob(ctx.core.jobs.start(hub, "import")) };
}

export function getJob(ctx: RequestContext): HandlerResult {
  const hub = requireHub(ctx.core, hubAddress(ctx));
  const job = ctx.core.store.findJob(keyOf(hub), ctx.params.jobId);
  if (!job) throw iotHubError(IH.JobNotFound, `Job '${ctx.params.jobId}' was not found on IotHub '${hub.name}'.`);
  return { status: 200, body: renderJob(job) };
}

export function listJobs(ctx: RequestContext): HandlerResult {
  const hub = requireHub(ctx.core, hubAddress(ctx));
  const key = keyOf(hub);
  const jobs = ctx.core.store.state.jobs.filter((j) => j.hubKey === key).map(renderJob);
  return { status: 200, body: paginate(jobs, pageOptions(ctx)) };
}
