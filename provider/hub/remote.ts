import type { HubRef, IotHubDescription, Pacing, SharedAccessSignatureAuthorizationRule } from "../arm";

/** The first response of a long-running write, handed back to wait for it; opaque to the lifecycle. */
export interface StartedOperation {
  handle: unknown;
}

/**
 * The calls the IotHub lifecycle makes, one per REST operation of the seed (docs/IOTHUB-ARM.md, "Operations"), and the
 * pacing its waits use. Implemented on the ARM client (hub/arm-remote.ts), and by a fake in the lifecycle's fast tests;
 * errors are the ARM client's ArmError.
 */
export interface HubRemote {
  readonly ref: HubRef;
  /** ARM resource id, as the service spells it. */
  readonly resourceId: string;
  /** The clock and polling schedule of every wait of the lifecycle. */
  readonly pacing: Pacing;
  /** GET; undefined on 404. */
  get(): Promise<IotHubDescription | undefined>;
  /** POST listkeys, every page. */
  listKeys(): Promise<SharedAccessSignatureAuthorizationRule[]>;
  beginPut(body: IotHubDescription, pre: { ifMatch?: string; ifNoneMatch?: string }): Promise<StartedOperation>;
  /** Waits for the operation to end; throws its error when it fails, ArmError OperationTimedOut at the deadline. */
  waitForPut(op: StartedOperation, o: OperationWait): Promise<void>;
  /** DELETE; undefined when there was nothing to delete (204 or 404). */
  beginDelete(pre: { ifMatch?: string }): Promise<StartedOperation | undefined>;
  waitForDelete(op: StartedOperation, o: OperationWait): Promise<void>;
}

export interface OperationWait {
  /** What is left of the operation's overall timeout. */
  timeoutInMs: number;
  progress: (status: string) => void;
}
