/**
 * What a CLI run touches, passed in so tests can run commands in-process (docs/CLI.md, "Exit codes"): the streams, the
 * environment and the exit codes a pipeline relies on.
 */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export const EXIT_OK = 0;
/** Azure answered an error, or the work failed (a job that failed, a timeout, no credential). */
export const EXIT_FAILED = 1;
/** The command line was wrong: nothing was sent to Azure. */
export const EXIT_USAGE = 2;

/** A wrong command line: printed with the command's usage hint, exit code EXIT_USAGE. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** An expected failure that is not an Azure answer (a policy the hub does not have): a code and a sentence, exit 1. */
export class CliFailure extends Error {
  override readonly name = "CliFailure";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
