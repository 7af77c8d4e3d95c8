import type { HandlerResult, RequestContext } from "../context";
import { armError } from "../errors/factory";
import { operationUrls } from "../lro/operation-urls";
import type { OperationRecord } from "../store/model";
import { renderHub } from "../views/hub-view";
import { viewOptions } from "./hubs";

/**
 * The operation URLs handed out by PUT/PATCH/DELETE (docs/IOTHUB-ARM.md, "Long-running operations").
 * - with `asyncinfo` (Azure-AsyncOperation): `{"status":"Running"}` until the hub is Active again (or gone), then
 *   `{"status":"Succeeded"}`, or `{"status":"Failed","error":{code,message}}` (ARM async-operations contract).
 * - without (Location): "the GET to the operation result URL will generate exactly the same result as if the
 *   original operation had completed synchronously" (seed): 202 + Location + Retry-After while running; then the
 *   hub (201 for a create, 200 for an update), 200 for a delete, or the error.
 */
export function getOperation(ctx: RequestContext): HandlerResult {
  const op = ctx.core.store.findOperation(ctx.params.operationId);
  if (!op || op.subscriptionId.toLowerCase() !== ctx.params.subscriptionId.toLowerCase()) {
    throw armError(404, "OperationNotFound", `The operation '${ctx.params.operationId}' was not found.`);
  }
  return ctx.query.has("asyncinfo") ? status(op) : result(ctx, op);
}

function status(op: OperationRecord): HandlerResult {
  if (op.status === "Failed") return { status: 200, body: { status: "Failed", error: op.error } };
  return { status: 200, body: { status: op.status } };
}

function result(ctx: RequestContext, op: OperationRecord): HandlerResult {
  if (op.status === "Running") {
    return {
      status: 202,
      headers: {
        Location: operationUrls(ctx.baseUrl, op).location,
        "Retry-After": String(ctx.core.config.retryAfterSeconds),
      },
    };
  }
  if (op.status === "Failed") {
    const error = op.error ?? { code: "InternalServerError", message: "The operation failed." };
    throw armError(500, error.code, error.message);
  }
  if (op.kind === "delete") return { status: 200 };
  const hub = ctx.core.store.findHub(op.subscriptionId, op.resourceGroup, op.hubName);
  if (!hub) {
    throw armError(404, "ResourceNotFound", `The Resource 'Microsoft.Devices/IotHubs/${op.hubName}' under resource group '${op.resourceGroup}' was not found.`);
  }
  return { status: op.answeredStatus ?? (op.kind === "create" ? 201 : 200), body: renderHub(hub, op.apiVersion, viewOptions(ctx)) };
}
