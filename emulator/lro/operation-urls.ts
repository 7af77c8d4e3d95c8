import type { OperationRecord } from "../store/model";
import { normalizeLocation } from "../store/hub-rules";

/**
 * Operation URLs in the shape of the real service (docs/IOTHUB-ARM.md, "Long-running operations"):
 * `.../providers/Microsoft.Devices/locations/{region}/operationResults/{id}?api-version=...&operationSource=other&asyncinfo`
 * for Azure-AsyncOperation (status), and the same without `&asyncinfo` for Location (the result "as if synchronous").
 * Clients must treat them as opaque.
 */
export const OPERATION_ROUTE =
  "/subscriptions/{subscriptionId}/providers/Microsoft.Devices/locations/{location}/operationResults/{operationId}";

export function operationUrls(baseUrl: string, op: OperationRecord): { asyncOperation: string; location: string } {
  const path =
    `/subscriptions/${encodeURIComponent(op.subscriptionId)}/providers/Microsoft.Devices/locations/` +
    `${encodeURIComponent(normalizeLocation(op.location))}/operationResults/${op.id}`;
  const location = `${baseUrl}${path}?api-version=${op.apiVersion}&operationSource=other`;
  return { asyncOperation: `${location}&asyncinfo`, location };
}
