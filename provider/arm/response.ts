/** One HTTP answer of ARM, as the client hands it on (and as the long-running-operation code reads it). */
export interface ArmResponse<T = unknown> {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: T;
  requestId?: string;
  correlationId?: string;
}
