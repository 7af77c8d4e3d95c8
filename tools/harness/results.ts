/** Result shapes of the engine steps (ARCHITECTURE.md section 3) and the error type the harness throws. */
import type { PropertyMap } from "./marshal";

export type StepOp = "create" | "update" | "replace" | "delete" | "same";

export interface Step {
  urn: string;
  op: StepOp;
}

export interface StepError {
  /** "" for a failure of the program itself. */
  urn: string;
  message: string;
  /** Set when the provider reported a partial failure (ErrorResourceInitFailed): the resource exists. */
  partial?: { id: string; properties: PropertyMap; reasons: string[] };
}

interface StepResult {
  steps: Step[];
  errors: StepError[];
  /** What the host(s) of this step wrote to stderr (diagnostics; the host logs failed Check/Diff/Read/Delete). */
  hostStderr: string;
}

export interface UpResult extends StepResult {
  /** The program's return value with every Output resolved (stack outputs). */
  outputs: Record<string, unknown>;
}

export interface PreviewResult extends StepResult {
  /** Stack outputs; values not known before the update are `undefined`. */
  outputs: Record<string, unknown>;
}

/** Refresh steps: "same" (outputs unchanged), "update" (outputs changed), "delete" (Read said the resource is gone). */
export type RefreshResult = StepResult;

export class StackError extends Error {
  override readonly name = "StackError";
  constructor(
    message: string,
    readonly errors: StepError[],
    readonly hostStderr: string,
  ) {
    super(`${message}\n${errors.map((e) => `  ${e.urn || "program"}: ${e.message}`).join("\n")}${
      hostStderr.trim() ? `\n--- dynamic-provider host stderr ---\n${hostStderr.trimEnd()}` : ""
    }`);
  }
}

/** Returns the result if it has no errors; otherwise throws a StackError that includes the host's stderr. */
export function ok<T extends StepResult>(result: T): T {
  if (result.errors.length) throw new StackError("the step failed:", result.errors, result.hostStderr);
  return result;
}
