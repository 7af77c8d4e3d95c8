import type { HandlerResult, RequestContext } from "../context";
import { invalidBody } from "../errors/factory";
import { HUB_NAME_PATTERN } from "../store/hub-rules";

/**
 * POST .../providers/Microsoft.Devices/checkNameAvailability, body `{"Name"}` (swagger 2016) or `{"name"}` (swagger
 * 2023). Real bodies (azure-cli recording; docs/IOTHUB-ARM.md, "Operations"): taken → `{nameAvailable:false,
 * reason:"AlreadyExists", message:"IotHub name 'x' is not available"}`; free → `{nameAvailable:true, reason:"Invalid",
 * message:null}` (yes, "Invalid" even when free). A hub that is being deleted still counts as taken until its delete
 * completes (azure-cli recording).
 */
export function checkNameAvailability(ctx: RequestContext): HandlerResult {
  const body = (typeof ctx.body === "object" && ctx.body !== null ? ctx.body : {}) as { name?: unknown; Name?: unknown };
  const name = body.name ?? body.Name;
  if (typeof name !== "string") throw invalidBody("The 'name' property is required.");
  if (!HUB_NAME_PATTERN.test(name)) {
    return {
      status: 200,
      body: { nameAvailable: false, reason: "Invalid", message: `IotHub name '${name}' is invalid` },
    };
  }
  if (ctx.core.store.findHubByName(name)) {
    return {
      status: 200,
      body: { nameAvailable: false, reason: "AlreadyExists", message: `IotHub name '${name}' is not available` },
    };
  }
  return { status: 200, body: { nameAvailable: true, reason: "Invalid", message: null } };
}
