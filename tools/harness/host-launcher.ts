/**
 * Where each step's dynamic-provider host comes from.
 *
 * - `"per-step"` (the default): a fresh host for every step, as every CLI run starts its own. Module state in the
 *   provider's runtime never survives from one step to the next.
 * - `"per-stack"`: one host for all the steps of a stack, stopped by `Stack.close()`. Every step still opens its own
 *   gRPC connection and sends Configure, as the engine does at the start of a run; what a step cannot see is a fresh
 *   process. In particular the host keeps each provider it configured (by its serialized text) and does not
 *   configure it again: a stack whose config changes between steps must use `"per-step"`. Booting a host costs about a second of CPU, most of a provider test's
 *   step, so the suites of many short scenarios use this; the harness's own tests, the differential suite against
 *   the real CLI and everything about process lifetime keep `"per-step"`.
 * A `"per-stack"` launcher can also be shared by several stacks of one program with one config
 * (StackOptions.sharedHosts): the provider suites give every such stack of a test file the same one
 * (test/iothub/world.ts), as one long-lived process.
 */
import { startHost, type HostOptions, type RunningHost } from "./host";

export type HostLifetime = "per-step" | "per-stack";

export interface HostOutput {
  stderr(text: string): void;
  stdout(text: string): void;
}

export class HostLauncher {
  private kept?: Promise<RunningHost>;
  /** Where the kept host's output goes: the step that uses it now. */
  private output?: HostOutput;

  constructor(
    private readonly options: Omit<HostOptions, "onStderr" | "onStdout">,
    private readonly lifetime: HostLifetime,
  ) {}

  /** A host for one step, its output going to `output`. Closing it ends the step's use of it. */
  async take(output: HostOutput): Promise<RunningHost> {
    if (this.lifetime === "per-step") {
      return startHost({ ...this.options, onStderr: (t) => output.stderr(t), onStdout: (t) => output.stdout(t) });
    }
    this.output = output;
    this.kept ??= startHost({ ...this.options, onStderr: (t) => this.output?.stderr(t), onStdout: (t) => this.output?.stdout(t) });
    let host: RunningHost;
    try {
      host = await this.kept;
    } catch (e) {
      this.kept = undefined;
      throw e;
    }
    // The step's close() only lets go of the host; Stack.close() (via this.close()) stops it.
    return { ...host, close: async () => void (this.output = undefined) };
  }

  /** Stops the kept host, if any. */
  async close(): Promise<void> {
    const kept = this.kept;
    this.kept = undefined;
    if (kept) await kept.then((host) => host.close(), () => undefined);
  }
}
