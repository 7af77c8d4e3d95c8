/**
 * An engine-like stack for tests (ARCHITECTURE.md section 3): runs a program under `pulumi.runtime.setMocks`, drives
 * each dynamic resource through the real dynamic-provider host over gRPC, and keeps the state between steps.
 *
 * Every step starts its own host (as every CLI run does) and stops it at the end, unless the stack keeps one host for
 * all its steps (`hostLifetime: "per-stack"`, host-launcher.ts). The SDK keeps its settings in
 * module state, so steps never overlap: they are queued, across all Stack instances of a test file.
 */
import * as fs from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { configureArgs, programConfig, type StackConfig } from "./config";
import { Deployment, deleteResource, explain } from "./deployment";
import { HostLauncher, type HostLifetime } from "./host-launcher";
import { HostSession } from "./host-session";
import { deepEqual } from "./marshal";
import { installEngineMocks, waitForRegistrations } from "./registrations";
import { StackError, type PreviewResult, type RefreshResult, type Step, type StepError, type UpResult } from "./results";
import { deletionOrder, secretOutputKeys, serializeState, type StateResource } from "./state";

export interface StackOptions {
  /** Host cwd, where `require()` in serialized providers resolves. Default: the repository root. */
  programDir?: string;
  /** Default: `name:` of `<programDir>/Pulumi.yaml`, else "harness". */
  project?: string;
  /** Default "test". */
  stack?: string;
  /** Default "organization": what the CLI reports with a local file backend (checked against the real CLI). */
  organization?: string;
  /** "ns:key" (or "key", namespaced with the project) → value or `{ secret }`. */
  config?: StackConfig;
  /** Extra environment for the host process. */
  env?: Record<string, string>;
  /** A fresh host per step (default, as the CLI), or one for all steps of the stack (host-launcher.ts). */
  hostLifetime?: HostLifetime;
  /**
   * A launcher shared with other stacks of the same program directory, project, stack name and environment: one
   * host for all their steps (host-launcher.ts). Its owner closes it; this stack's close() leaves it running.
   */
  sharedHosts?: HostLauncher;
}

export type Program = () => unknown;

const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** How long the registrations must stay quiet after a failure before the step is considered over. */
const SETTLE_AFTER_FAILURE_IN_MS = 100;
const POLL_IN_MS = 10;

let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

const DEFAULT_ORGANIZATION = "organization";

export class Stack {
  readonly programDir: string;
  readonly project: string;
  readonly stackName: string;
  private state: StateResource[] = [];
  private stderr = "";
  private stdout = "";
  private readonly sessions = new Set<HostSession>();
  /** Starts each step's host, one step ahead. */
  private readonly launcher: HostLauncher;
  private readonly ownsLauncher: boolean;
  /** The stack config as `pulumi config` holds it now. */
  private config: StackConfig;
  /**
   * The config the default provider was last registered with by an `up`: the engine keeps it in state as that
   * provider's inputs, and refresh and destroy (which run no program) configure the provider from it.
   */
  private providerConfig: StackConfig | undefined;

  constructor(private readonly o: StackOptions = {}) {
    this.programDir = path.resolve(o.programDir ?? REPO_ROOT);
    this.project = o.project ?? projectName(this.programDir) ?? "harness";
    this.stackName = o.stack ?? "test";
    this.config = { ...o.config };
    this.ownsLauncher = o.sharedHosts === undefined;
    this.launcher = o.sharedHosts ?? new HostLauncher({
      programDir: this.programDir,
      project: this.project,
      stack: this.stackName,
      organization: o.organization ?? DEFAULT_ORGANIZATION,
      env: o.env,
    }, o.hostLifetime ?? "per-step");
  }

  /** `pulumi config set`: later steps see these values ("ns:key" or "key" → value or `{ secret }`). */
  setConfig(values: StackConfig): void {
    if (this.o.hostLifetime === "per-stack" || this.o.sharedHosts !== undefined) {
      // A kept host configured its providers once and would not see the change (host-launcher.ts).
      throw new Error("setConfig needs a fresh host per step: this stack keeps one host for all its steps");
    }
    this.config = { ...this.config, ...values };
  }

  /** `pulumi up`: check → diff → create/update/replace/same, then deletes. Step errors are in the result. */
  up(program: Program): Promise<UpResult> {
    return serialized(() => this.run(program, false));
  }

  /** `pulumi preview`: Check and Diff only; inputs not yet known reach the provider as the engine's sentinel. */
  preview(program: Program): Promise<PreviewResult> {
    return serialized(() => this.run(program, true));
  }

  /** `pulumi refresh`: Read for every resource; a Read answering no id drops the resource. */
  refresh(): Promise<RefreshResult> {
    return serialized(() => this.withSession(this.providerConfig ?? this.config, async (session) => {
      const errors: StepError[] = [];
      // Reads run concurrently, as the engine refreshes; steps are reported in state order.
      const reads = await Promise.all(this.state.map(async (r): Promise<{ step?: Step; next?: StateResource }> => {
        if (!r.custom || !r.id) return { next: r };
        try {
          const client = await session.client();
          const read = await client.read({ urn: r.urn, type: r.type, name: r.name }, r.id, r.outputs, r.inputs);
          if (!read.id) return { step: { urn: r.urn, op: "delete" } };
          const next: StateResource = {
            ...r,
            id: read.id,
            outputs: read.properties,
            inputs: read.inputs ?? r.inputs,
            secretOutputs: secretOutputKeys(read.properties, r.secretInputs, r.additionalSecretOutputs),
          };
          return { step: { urn: r.urn, op: deepEqual(read.properties, r.outputs) ? "same" : "update" }, next };
        } catch (e) {
          errors.push({ urn: r.urn, message: explain(e) });
          return { next: r };
        }
      }));
      const steps = reads.flatMap((x) => (x.step ? [x.step] : []));
      this.state = reads.flatMap((x) => (x.next ? [x.next] : []));
      return { steps, errors };
    }));
  }

  /** `pulumi destroy`: Delete every resource, dependents first. Throws a StackError (with host stderr) on failure. */
  destroy(): Promise<void> {
    return serialized(async () => {
      const r = await this.withSession(this.providerConfig ?? this.config, async (session) => {
        const errors: StepError[] = [];
        for (const res of deletionOrder(this.state)) {
          try {
            await deleteResource(session, res);
            this.state = this.state.filter((x) => x !== res);
          } catch (e) {
            errors.push({ urn: res.urn, message: explain(e) });
            break; // the engine stops at the first failed delete
          }
        }
        return { steps: [], errors };
      });
      if (r.errors.length) throw new StackError("destroy failed:", r.errors, r.hostStderr);
    });
  }

  /** The state as the engine keeps it (deep copies): urn, type, name, id, inputs, outputs, secretOutputs, … */
  resources(): StateResource[] {
    return structuredClone(this.state);
  }

  /** The checkpoint text the engine would write; every secret is a ciphertext object. Grep it for leaks. */
  serializedState(): string {
    return serializeState(this.state);
  }

  /** Everything every host of this stack wrote to stderr. */
  hostStderr(): string {
    return this.stderr;
  }

  /** Everything every host of this stack wrote to stdout after its port line (`console.log` in providers). */
  hostStdout(): string {
    return this.stdout;
  }

  /** Stops any host still running (and the stack's kept host). Call this when done with the stack. */
  async close(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => s.close()));
    if (this.ownsLauncher) await this.launcher.close();
  }

  private async run(program: Program, preview: boolean): Promise<UpResult> {
    if (!preview) this.providerConfig = this.config;
    return this.withSession(this.config, async (session) => {
      const deployment = new Deployment(preview, this.state, session);
      const config = programConfig(this.config, this.project);
      await installEngineMocks({
        project: this.project,
        stack: this.stackName,
        organization: this.o.organization ?? DEFAULT_ORGANIZATION,
        preview,
        config: config.values,
        secretConfigKeys: config.secretKeys,
        register: deployment.register,
      });
      let outputs: Record<string, unknown> = {};
      await deployment.retirePendingDeletes();
      try {
        if (!deployment.failed) outputs = await untilDoneOrFailed(resolveOutputs(await program()), deployment) ?? {};
      } catch (e) {
        deployment.recordProgramError(e);
      }
      await untilDoneOrFailed(waitForRegistrations(), deployment);
      const next = await deployment.finish();
      if (!preview) this.state = next;
      return { steps: deployment.orderedSteps, errors: deployment.errors, outputs };
    });
  }

  private async withSession<T extends { steps: Step[]; errors: StepError[] }>(
    providerConfig: StackConfig,
    work: (s: HostSession) => Promise<T>,
  ): Promise<T & { hostStderr: string }> {
    let stepStderr = "";
    const session = new HostSession(
      () =>
        this.launcher.take({
          stderr: (text) => {
            stepStderr += text;
            this.stderr += text;
          },
          stdout: (text) => {
            this.stdout += text;
          },
        }),
      configureArgs(providerConfig, this.project),
    );
    this.sessions.add(session);
    try {
      const result = await work(session);
      return { ...result, hostStderr: stepStderr };
    } catch (e) {
      if (e instanceof StackError) throw e;
      throw new StackError(`harness step failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`, [], stepStderr);
    } finally {
      await session.close();
      this.sessions.delete(session);
    }
  }
}

/** Stack outputs: the program's return value with its Outputs resolved (unknown → undefined). */
async function resolveOutputs(value: unknown): Promise<Record<string, unknown> | undefined> {
  if (value === undefined || value === null || typeof value !== "object") return undefined;
  // Output.promise() is the SDK's internal accessor; `apply` would never run for values unknown in preview.
  const out = pulumi.output(value) as unknown as { promise(): Promise<Record<string, unknown>> };
  return out.promise();
}

/**
 * Waits for `work`, unless a step failed: then the failed registration is never answered (deployment.ts), so wait
 * only until nothing is in flight for a short while and return undefined.
 */
async function untilDoneOrFailed<T>(work: Promise<T>, deployment: Deployment): Promise<T | undefined> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  let quietSince: number | undefined;
  while (!settled) {
    await Promise.race([done.catch(() => undefined), delay(POLL_IN_MS)]);
    if (settled) break;
    if (!deployment.failed || deployment.busy > 0) {
      quietSince = undefined;
      continue;
    }
    quietSince ??= Date.now();
    if (Date.now() - quietSince >= SETTLE_AFTER_FAILURE_IN_MS) {
      done.catch(() => undefined); // it may never settle; never let it surface as an unhandled rejection
      return undefined;
    }
  }
  return done;
}

function projectName(dir: string): string | undefined {
  try {
    const m = /^name:\s*["']?([^"'\s#]+)/m.exec(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
    return m?.[1];
  } catch {
    return undefined;
  }
}
