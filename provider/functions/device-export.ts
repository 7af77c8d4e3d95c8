/**
 * The device export behind exportDeviceIdentities and `iothub export-devices`: start the job, and follow it when asked.
 * No Pulumi here.
 */
import { ArmError } from "../arm/errors";
import { exportDevices, jobStatusOf, waitForJob } from "../arm/iothub/jobs";
import type { JobResponse } from "../arm/iothub/types";
import { CheckFailures } from "../check-failures";
import { formatElapsed, progressReporter } from "../progress";
import { DEFAULT_TIMEOUT_MINUTES } from "../timeouts";
import type { FunctionScope, FunctionTarget } from "./target";
import { FunctionArgumentError, hubRefOf } from "./target";

export interface ExportDeviceIdentitiesArgs extends FunctionScope {
  /** Resource group that holds the hub. */
  resourceGroupName: string;
  /** The hub's name. */
  name: string;
  /** SAS URI of the blob container the job writes `devices.txt` to (https). A secret: never logged or echoed. */
  exportBlobContainerUri: string;
  /** Leave the devices' keys out of the export. */
  excludeKeys: boolean;
  /** Follow the job until it is completed (or failed). Default false: return the started job. */
  wait?: boolean;
  /** With `wait`: how long to follow the job, in minutes (default 30). */
  timeoutMinutes?: number;
}

/** Where progress lines go: pulumi.log.info in a program, stderr in the CLI. */
export type ProgressLog = (line: string) => void;

/**
 * Starts the export and, with `wait`, follows it on the package's one poller, writing a line at every change of the
 * job's status. A failed or cancelled job rejects with an ArmError (`OperationFailed` / `OperationCanceled`) that says
 * the job's reason.
 */
export async function runDeviceExport(target: FunctionTarget, args: ExportDeviceIdentitiesArgs, log: ProgressLog): Promise<JobResponse> {
  const failures = new CheckFailures();
  checkContainerUri(args.exportBlobContainerUri, failures);
  if (typeof args.excludeKeys !== "boolean") failures.add("excludeKeys", "is required: true or false", args.excludeKeys);
  if (args.wait !== undefined && typeof args.wait !== "boolean") failures.add("wait", "must be true or false", args.wait);
  const minutes = args.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  if (typeof minutes !== "number" || !(minutes > 0) || minutes > 24 * 60) failures.add("timeoutMinutes", "must be a number of minutes greater than 0 and at most 1440", minutes);
  if (!failures.ok) throw new FunctionArgumentError("exportDeviceIdentities", failures.list.map((f) => f.reason));
  const ref = hubRefOf("exportDeviceIdentities", args, args.name, "name", target);

  const started = await exportDevices(target.client, ref, { exportBlobContainerUri: args.exportBlobContainerUri, excludeKeys: args.excludeKeys });
  const jobId = started.jobId;
  if (!args.wait) return started;
  if (typeof jobId !== "string" || jobId === "") {
    throw new ArmError({ code: "InvalidResponse", statusCode: 0, message: `exportDevices on IotHub ${ref.name} answered no jobId to follow` });
  }
  const { clock } = target.client.pacing;
  const startedAtMs = clock.now();
  const what = `export job ${jobId} of IotHub ${ref.name}`;
  let lastStatus = started.status;
  // A line at every change of status, and while one lasts, the provider's periodic line (provider/progress.ts).
  const stillGoing = progressReporter({ what, now: () => clock.now(), write: log });
  log(`${what}: ${started.status ?? "started"}`);
  const job = await waitForJob(target.client, ref, jobId, {
    timeoutInMs: minutes * 60_000,
    onStatus: (j) => {
      if (j.status === lastStatus) return stillGoing(String(j.status ?? "unknown"));
      lastStatus = j.status;
      log(`${what}: ${j.status ?? "unknown"}, ${formatElapsed(clock.now() - startedAtMs)} elapsed`);
    },
  });
  const status = jobStatusOf(job);
  if (status === "succeeded") return job;
  const reason = job.failureReason ?? job.statusMessage ?? "the service gave no reason";
  throw new ArmError({
    code: status === "failed" ? "OperationFailed" : "OperationCanceled",
    statusCode: 0,
    message: `export job ${jobId} of IotHub ${ref.name} ended ${job.status}: ${reason}`,
    details: job,
  });
}

/** A SAS URI carries a signature: the rule is said, the value never shown. */
function checkContainerUri(value: unknown, failures: CheckFailures): void {
  const rule = "must be the https SAS URI of a blob container";
  if (typeof value !== "string" || value === "") return failures.add("exportBlobContainerUri", `is required: it ${rule}`, value);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // A SAS URI carries its token: over plain http it would travel readable (README, "Secrets").
  if (url === undefined || url.protocol !== "https:") failures.addSecret("exportBlobContainerUri", rule);
}
