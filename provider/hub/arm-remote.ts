import type { ArmClient, ArmResponse, HubRef } from "../arm";
import { beginDeleteHub, beginPutHub, findHub, hubPath, listKeys, waitForHubOperation } from "../arm";
import type { HubRemote, OperationWait, StartedOperation } from "./remote";

/** HubRemote on the ARM client's hub operations (provider/arm/iothub/hubs.ts). */
export function hubRemote(client: ArmClient, ref: HubRef): HubRemote {
  const started = (first: ArmResponse): StartedOperation => ({ handle: first });
  const wait = (op: StartedOperation, method: "PUT" | "DELETE", o: OperationWait) =>
    waitForHubOperation(client, ref, op.handle as ArmResponse, { method, timeoutInMs: o.timeoutInMs, onProgress: (p) => o.progress(p.status) });
  return {
    ref,
    resourceId: hubPath(ref),
    pacing: client.pacing,
    get: () => findHub(client, ref),
    listKeys: () => listKeys(client, ref),
    beginPut: async (body, pre) => started(await beginPutHub(client, ref, body, pre)),
    waitForPut: (op, o) => wait(op, "PUT", o),
    beginDelete: async (pre) => {
      const first = await beginDeleteHub(client, ref, pre);
      return first === undefined ? undefined : started(first);
    },
    waitForDelete: (op, o) => wait(op, "DELETE", o),
  };
}
