import { runDeviceExport } from "../../functions/device-export";
import type { Command } from "../command";
import { expectPositionals, hubAddressOf } from "../command";
import { UsageError } from "../io";
import { writeFields, writeJson } from "../output";

export const exportDevicesCommand: Command = {
  name: "export-devices",
  summary: "export the device identities to a blob container (a job); --wait follows it",
  help: `Usage: iothub export-devices RG/HUB --container-uri URI [--exclude-keys] [--wait] [--timeout-minutes N]
  --container-uri URI    SAS URI of the blob container (never printed)
  --exclude-keys         leave the devices' keys out of the export
  --wait                 follow the job to completed (progress on stderr); a failed job exits 1 with its reason
  --timeout-minutes N    with --wait, how long to follow it (default 30)
  JSON: the job, {jobId, type, status, startTimeUtc, endTimeUtc?, failureReason?}.`,
  flags: {
    "container-uri": { type: "string" },
    "exclude-keys": { type: "boolean" },
    wait: { type: "boolean" },
    "timeout-minutes": { type: "string" },
  },
  async run(ctx) {
    expectPositionals(ctx, 1);
    const address = hubAddressOf(ctx);
    const uri = ctx.flags["container-uri"];
    if (typeof uri !== "string") throw new UsageError("--container-uri is required");
    const minutesFlag = ctx.flags["timeout-minutes"] as string | undefined;
    const timeoutMinutes = minutesFlag === undefined ? undefined : Number(minutesFlag);
    const job = await runDeviceExport(
      ctx.target(),
      { ...ctx.scope, ...address, exportBlobContainerUri: uri, excludeKeys: ctx.flags["exclude-keys"] === true, wait: ctx.flags.wait === true, timeoutMinutes },
      ctx.progress,
    );
    if (ctx.output === "json") return writeJson(ctx.io, job);
    writeFields(ctx.io, [["job", job.jobId], ["type", job.type], ["status", job.status], ["started", job.startTimeUtc], ["ended", job.endTimeUtc]]);
  },
};
