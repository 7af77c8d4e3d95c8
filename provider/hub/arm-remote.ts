import type { ArmClient, ArmResponse } from "../arm";
import { beginDeleteHub, beginPutHub, findHub, hubPath, isNotFound, listKeys, waitForHubOperation } from "../arm";
import type { HubDocument } from "./document";
import type { HubRef, HubRemote, StartedOperation, WaitOptions } from "./remote";

/** HubRemote on the ARM client's typed IoT Hub operations (provider/arm/iothub-api.ts). */
export function hubRemote(client: ArmClient, ref: HubRef): HubRemote {
  const started = (first: ArmResponse): StartedOperation => ({ handle: first });
  const wait = async (op: StartedOperation, method: "PUT" | "DELETE", o: WaitOptions) => {
    try {
      await waitForHubOperation(client, ref, op.handle as ArmResponse, {
        method,
        timeoutMs: o.timeoutMs,
        onProgress: (p) => o.progress(p.status),
      });
    } catch (e) {
      // The operation succeeded but the final GET found no hub: after some updates the real service
      // answers 404 for a while (Azure/azure-rest-api-specs#27183). The lifecycle waits it out.
      if (method === "PUT" && isNotFound(e)) return;
      throw e;
    }
  };
  return {
    ref,
    resourceId: hubPath(ref),
    get: () => findHub(client, ref) as Promise<HubDocument | undefined>,
    listKeys: () => listKeys(client, ref),
    beginPut: async (body, pre) => started(await beginPutHub(client, ref, body as Parameters<typeof beginPutHub>[2], pre)),
    waitForPut: (op, o) => wait(op, "PUT", o),
    beginDelete: async (pre) => {
      const first = await beginDeleteHub(client, ref, pre);
      return first === undefined ? undefined : started(first);
    },
    waitForDelete: (op, o) => wait(op, "DELETE", o),
  };
}
