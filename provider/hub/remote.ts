import type { ApiVersion } from "../api-versions";
import type { HubDocument, SharedAccessRule } from "./document";

/** Which hub, in which api-version. */
export interface HubRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  apiVersion: ApiVersion;
}

/** The first response of a long-running write, handed back to wait for it; opaque to the lifecycle. */
export interface StartedOperation {
  handle: unknown;
}

/**
 * The calls the IotHub lifecycle makes, one per REST operation of the seed. Implemented on the ARM
 * client (hub/arm-remote.ts); errors are the ARM client's ArmError.
 */
export interface HubRemote {
  readonly ref: HubRef;
  /** ARM resource id, as the service spells it. */
  readonly resourceId: string;
  /** GET; undefined on 404. */
  get(): Promise<HubDocument | undefined>;
  /** POST listkeys, every page. */
  listKeys(): Promise<SharedAccessRule[]>;
  beginPut(body: HubDocument, pre: { ifMatch?: string; ifNoneMatch?: string }): Promise<StartedOperation>;
  /** Waits for the operation to succeed; throws its error when it fails, WaitTimeoutError at the deadline. */
  waitForPut(op: StartedOperation, o: WaitOptions): Promise<void>;
  /** DELETE; undefined when there was nothing to delete (204 or 404). */
  beginDelete(pre: { ifMatch?: string }): Promise<StartedOperation | undefined>;
  waitForDelete(op: StartedOperation, o: WaitOptions): Promise<void>;
}

export interface WaitOptions {
  /** What is left of the operation's overall timeout. */
  timeoutMs: number;
  progress: (status: string) => void;
}
