/**
 * Decodes the `ErrorResourceInitFailed` detail a dynamic-provider host attaches to a failed Create/Update.
 *
 * The host (cmd/dynamic-provider/index.js, `grpcResponseFromError`) packs it into a google.rpc.Status sent as the
 * `grpc-status-details-bin` trailer when the thrown error has an `id`; the engine then records the resource with
 * those properties and the next `up` updates it (docs/PULUMI-DYNAMIC.md, "Partial failures").
 */
import type { Metadata } from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { PropertyMap } from "./marshal";

export interface PartialFailure {
  id: string;
  properties: PropertyMap;
  reasons: string[];
}

const DETAIL_TYPE = "pulumirpc.ErrorResourceInitFailed";

export function decodePartialFailure(metadata: Metadata | undefined): PartialFailure | undefined {
  const raw = metadata?.get("grpc-status-details-bin")[0];
  if (raw === undefined) return undefined;
  const status = statusproto.Status.deserializeBinary(typeof raw === "string" ? Buffer.from(raw, "base64") : raw);
  for (const any of status.getDetailsList()) {
    if (any.getTypeName() !== DETAIL_TYPE) continue;
    const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
    return {
      id: detail.getId(),
      properties: (detail.getProperties()?.toJavaScript() ?? {}) as PropertyMap,
      reasons: detail.getReasonsList(),
    };
  }
  return undefined;
}
