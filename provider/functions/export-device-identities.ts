import * as pulumi from "@pulumi/pulumi";
import type { JobResponse } from "../arm/iothub/types";
import type { ExportDeviceIdentitiesArgs } from "./device-export";
import { runDeviceExport } from "./device-export";
import type { InputsOf } from "./program-target";
import { programTarget } from "./program-target";

/**
 * Exports the hub's device identities to a blob container (`POST …/exportDevices`), a job of the IoT Hub service.
 * Returns the job (`{ jobId, status, type, startTimeUtc, … }`): as started, or with `wait: true` as completed, with a
 * progress line (pulumi.log.info) at every status change; a failed job rejects with its reason. Not retried after an
 * ambiguous failure: a second attempt could start a second export.
 *
 * @example
 * const job = await exportDeviceIdentities({ resourceGroupName: "rg", name: "my-hub", exportBlobContainerUri: sasUri, excludeKeys: true, wait: true });
 */
export function exportDeviceIdentities(args: ExportDeviceIdentitiesArgs): Promise<JobResponse> {
  return runDeviceExport(programTarget(), args, (line) => void pulumi.log.info(line));
}

/**
 * {@link exportDeviceIdentities} for `pulumi.Input`s. Note that an `Output` is evaluated on every run of the program,
 * preview included: each run starts a new export job.
 */
export function exportDeviceIdentitiesOutput(args: InputsOf<ExportDeviceIdentitiesArgs>): pulumi.Output<JobResponse> {
  return pulumi.output(args).apply((plain) => exportDeviceIdentities(plain as ExportDeviceIdentitiesArgs));
}
