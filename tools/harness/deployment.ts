/**
 * The engine's side of one `pulumi up` / `pulumi preview` for the registrations of a program run under mocks:
 * Check → Diff against the prior state → Create / Update / Replace / Same, then deletion of what the program no
 * longer declares. Follows pulumi/pulumi pkg/resource/deploy (step_generator.go, step.go) as far as dynamic
 * providers are concerned:
 *
 * - Check gets the old *inputs*; Diff/Update get the old *outputs* (+ oldInputs); a replacement is re-checked
 *   without olds. Diff "unknown" (no `diff()` in the provider) falls back to comparing old and new inputs,
 *   `__provider` included (docs/PULUMI-DYNAMIC.md, "How the engine runs a dynamic provider").
 * - A resource with init errors (a recorded partial failure) is updated even if Diff reports no changes.
 * - Replace is create-before-delete unless Diff or the resource option asks for delete-before-replace.
 * - Preview calls only Check and Diff; a create/update reports the checked inputs as outputs (the host does not
 *   support preview), so outputs not among the inputs stay unknown in the program, and id is unknown.
 * - After the first failure no further step starts, and the failed registration is never answered: under the CLI
 *   the program stops there. (Rejecting it would make every dependent Output reject too, which jest reports as
 *   unhandled rejections instead of the provider's error.) Deletions are skipped when anything failed.
 */
import { containsUnknown, deepEqual, mapForHost, secretKeys, type PropertyMap } from "./marshal";
import type { HostSession } from "./host-session";
import { isProviderCallError, type ProviderClient, type ResourceRef } from "./provider-client";
import type { Registration, RegistrationResult } from "./registrations";
import type { Step, StepError } from "./results";
import { deletionOrder, secretOutputKeys, wireOutputs, type StateResource } from "./state";

const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic";

/** Thrown inside a step to stop it; the error is already recorded. */
class StepFailed extends Error {}

export class Deployment {
  /** In completion order; see {@link orderedSteps}. */
  private readonly steps: Step[] = [];
  readonly errors: StepError[] = [];
  private readonly olds = new Map<string, StateResource>();
  private readonly pendingDeletes: StateResource[] = [];
  private readonly news = new Map<string, StateResource>();
  /** URNs the program declared in this step, in registration order (in preview, `news` stays empty). */
  private readonly declared = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly preview: boolean,
    prior: readonly StateResource[],
    private readonly session: HostSession,
  ) {
    for (const r of prior) {
      if (r.pendingDelete) this.pendingDeletes.push(r);
      else this.olds.set(r.urn, r);
    }
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** Number of registrations being worked on (hung failed ones excluded). */
  get busy(): number {
    return this.inFlight;
  }

  /**
   * Steps in the order the program registered the resources (deletes last, in deletion order), so results do not
   * depend on which of two concurrent provider calls finished first.
   */
  get orderedSteps(): Step[] {
    const position = new Map([...this.declared].map((urn, i) => [urn, i] as const));
    const rank = (s: Step) => (s.op === "delete" ? Number.MAX_SAFE_INTEGER : position.get(s.urn) ?? Number.MAX_SAFE_INTEGER);
    return [...this.steps].sort((a, b) => rank(a) - rank(b));
  }

  recordProgramError(e: unknown): void {
    this.errors.push({ urn: "", message: e instanceof Error ? e.message : String(e) });
  }

  /** The registration handler given to the mocks. */
  register = (reg: Registration): Promise<RegistrationResult> => {
    if (this.failed) return new Promise(() => {}); // the engine has stopped: see the file comment
    this.declared.add(reg.urn);
    this.inFlight++;
    return this.registerOne(reg).then(
      (r) => {
        this.inFlight--;
        return r;
      },
      (e: unknown) => {
        this.inFlight--;
        if (!(e instanceof StepFailed)) this.errors.push({ urn: reg.urn, message: e instanceof Error ? e.message : String(e) });
        return new Promise<RegistrationResult>(() => {});
      },
    );
  };

  private async registerOne(reg: Registration): Promise<RegistrationResult> {
    const old = this.olds.get(reg.urn);
    if (!reg.custom) {
      this.news.set(reg.urn, { ...this.base(reg), id: "", inputs: {}, outputs: {}, secretOutputs: [], initErrors: [] });
      this.steps.push({ urn: reg.urn, op: old ? "same" : "create" });
      return { id: "", outputs: {} };
    }
    if (!reg.type.startsWith(DYNAMIC_TYPE_PREFIX)) {
      throw new Error(`harness: ${reg.type} is not a dynamic resource; only pulumi.dynamic.Resource is driven through the host`);
    }
    const client = await this.session.client();
    const ref: ResourceRef = { urn: reg.urn, type: reg.type, name: reg.name };
    const news = applyIgnoreChanges(mapForHost(reg.inputs), old?.inputs, reg.options.ignoreChanges);
    const checked = await this.check(client, ref, old?.inputs ?? {}, news);
    if (!old) return this.create(client, reg, ref, checked, "create");

    const diff = await this.guard(reg.urn, () => client.diff(ref, old.id, old.outputs, old.inputs, checked));
    let changes = diff.changes;
    if (changes === "unknown") changes = deepEqual(old.inputs, checked) ? "none" : "some";
    const changedKeys = Object.keys({ ...old.inputs, ...checked }).filter((k) => !deepEqual(old.inputs[k], checked[k]));
    const replaceOnChanges = reg.options.replaceOnChanges;
    // replaceOnChanges only turns a change the provider reported into a replacement (step_generator.go).
    const replace =
      diff.replaces.length > 0 ||
      (changes !== "none" && changedKeys.some((k) => replaceOnChanges.includes("*") || replaceOnChanges.includes(k)));

    if (replace) {
      if (old.protect) throw new Error(`${reg.urn} is protected and its changes need a replacement; unprotect it first`);
      const deleteFirst = diff.deleteBeforeReplace || reg.options.deleteBeforeReplace;
      // The engine checks the replacement again without olds, in preview too.
      const rechecked = await this.check(client, ref, {}, news);
      if (this.preview) return this.planned(reg, "replace", checked);
      if (deleteFirst) this.refuseDependentReplacement(reg.urn);
      if (deleteFirst) {
        await this.guard(reg.urn, () => client.delete(ref, old.id, old.outputs, old.inputs));
        this.olds.delete(reg.urn);
      }
      try {
        return await this.create(client, reg, ref, rechecked, "replace");
      } finally {
        // Create-before-delete: the old one is deleted once the deployment's creates are done. If the replacement
        // failed without a partial failure, the old one simply stays (finish() keeps olds that have no new state).
        if (!deleteFirst && this.news.has(reg.urn)) this.pendingDeletes.push({ ...old, pendingDelete: true });
      }
    }
    if (changes === "some" || old.initErrors.length > 0) {
      if (this.preview) return this.planned(reg, "update", checked);
      let outputs: PropertyMap;
      try {
        outputs = await client.update(ref, old.id, old.outputs, old.inputs, checked);
      } catch (e) {
        // A failed update keeps the old state (finish()) unless the provider reported what exists (partial failure).
        throw this.fail(reg, e, checked, old.id);
      }
      return this.record(reg, "update", old.id, checked, outputs);
    }
    this.news.set(reg.urn, { ...old, ...this.base(reg), inputs: checked, secretOutputs: this.secretOutputs(reg, old.outputs) });
    this.steps.push({ urn: reg.urn, op: "same" });
    return { id: old.id, outputs: wireOutputs(old.outputs, this.secretOutputs(reg, old.outputs)) };
  }

  private async create(client: ProviderClient, reg: Registration, ref: ResourceRef, checked: PropertyMap, op: "create" | "replace"): Promise<RegistrationResult> {
    if (this.preview) return this.planned(reg, op, checked);
    if (containsUnknown(checked)) {
      throw new Error(`harness: ${reg.urn} has unknown inputs outside preview`);
    }
    let created: { id: string; properties: PropertyMap };
    try {
      created = await client.create(ref, checked);
    } catch (e) {
      throw this.fail(reg, e, checked, "");
    }
    return this.record(reg, op, created.id, checked, created.properties);
  }

  private planned(reg: Registration, op: Step["op"], checked: PropertyMap): RegistrationResult {
    this.steps.push({ urn: reg.urn, op });
    return { id: "", outputs: wireOutputs(checked, this.secretOutputs(reg, checked)) };
  }

  private record(reg: Registration, op: Step["op"], id: string, inputs: PropertyMap, outputs: PropertyMap): RegistrationResult {
    const secretOutputs = this.secretOutputs(reg, outputs);
    this.news.set(reg.urn, { ...this.base(reg), id, inputs, outputs, secretOutputs, initErrors: [] });
    this.steps.push({ urn: reg.urn, op });
    return { id, outputs: wireOutputs(outputs, secretOutputs) };
  }

  /** Records a failed Create/Update; a partial failure is kept in state as the engine does. */
  private fail(reg: Registration, e: unknown, inputs: PropertyMap, oldId: string): StepFailed {
    const message = explain(e);
    if (isProviderCallError(e) && e.partial) {
      const { id, properties, reasons } = e.partial;
      this.news.set(reg.urn, {
        ...this.base(reg),
        // The engine's update step keeps the old id; the error's id only counts for a create.
        id: oldId || id,
        inputs,
        outputs: properties,
        secretOutputs: this.secretOutputs(reg, properties),
        initErrors: reasons,
      });
      this.errors.push({ urn: reg.urn, message, partial: { id, properties, reasons } });
    } else {
      this.errors.push({ urn: reg.urn, message });
    }
    return new StepFailed(message);
  }

  private async check(client: ProviderClient, ref: ResourceRef, olds: PropertyMap, news: PropertyMap): Promise<PropertyMap> {
    const res = await this.guard(ref.urn, () => client.check(ref, olds, news));
    if (res.failures.length) {
      this.errors.push({ urn: ref.urn, message: `check failed: ${res.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}` });
      throw new StepFailed("check failed");
    }
    return res.inputs;
  }

  private async guard<T>(urn: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      this.errors.push({ urn, message: explain(e) });
      throw new StepFailed(explain(e));
    }
  }

  private base(reg: Registration): Omit<StateResource, "id" | "inputs" | "outputs" | "secretOutputs" | "initErrors"> {
    return {
      urn: reg.urn,
      type: reg.type,
      name: reg.name,
      custom: reg.custom,
      parent: reg.parent,
      dependencies: reg.dependencies,
      secretInputs: secretKeys(reg.inputs),
      additionalSecretOutputs: reg.options.additionalSecretOutputs,
      deleteBeforeReplace: reg.options.deleteBeforeReplace,
      protect: reg.options.protect,
      retainOnDelete: reg.options.retainOnDelete,
      pendingDelete: false,
    };
  }

  /**
   * Deleting a resource first also replaces what depends on it, under the engine (dependent replacement,
   * step_generator.go). The harness does not model that, so it refuses rather than pass a test that
   * `pulumi up` would run differently.
   */
  private refuseDependentReplacement(urn: string): void {
    const dependents = [...this.olds.values()].filter((r) => r.urn !== urn && (r.dependencies.includes(urn) || r.parent === urn));
    if (dependents.length > 0) {
      throw new Error(
        `harness: delete-before-replace of ${urn} would replace its dependents (${dependents.map((r) => r.name).join(", ")}) ` +
          "under the engine; the harness does not model dependent replacement",
      );
    }
  }

  /**
   * Old copies left by an earlier replacement (pendingDelete) are deleted at the start of an update, before
   * any registration, and a failure there stops the update (the engine's retirePendingDeletes).
   */
  async retirePendingDeletes(): Promise<void> {
    if (this.preview) {
      for (const r of this.pendingDeletes) this.steps.push({ urn: r.urn, op: "delete" });
      return;
    }
    for (const r of deletionOrder([...this.pendingDeletes])) {
      try {
        await deleteResource(this.session, r);
        this.pendingDeletes.splice(this.pendingDeletes.indexOf(r), 1);
        this.steps.push({ urn: r.urn, op: "delete" });
      } catch (e) {
        this.errors.push({ urn: r.urn, message: explain(e) });
        return;
      }
    }
  }

  private secretOutputs(reg: Registration, outputs: PropertyMap): string[] {
    return secretOutputKeys(outputs, secretKeys(reg.inputs), reg.options.additionalSecretOutputs);
  }

  /**
   * After the program's registrations: delete replaced resources and those the program no longer declares, in
   * reverse dependency order (skipped in preview, which only reports them, and after a failure). Returns the new state.
   */
  async finish(): Promise<StateResource[]> {
    const gone = [...this.olds.values()].filter((r) => !this.declared.has(r.urn));
    if (this.preview) {
      for (const r of gone) this.steps.push({ urn: r.urn, op: "delete" });
      return [];
    }
    // Declared resources whose step failed before any new state existed keep their old state.
    const unchanged = [...this.olds.values()].filter((r) => this.declared.has(r.urn) && !this.news.has(r.urn));
    const kept: StateResource[] = [...unchanged];
    if (this.failed) {
      kept.push(...gone, ...this.pendingDeletes);
    } else {
      for (const r of deletionOrder([...this.pendingDeletes, ...gone])) {
        if (this.failed) {
          kept.push(r); // the engine stops at the first failed delete
          continue;
        }
        try {
          await deleteResource(this.session, r);
          if (!r.pendingDelete) this.steps.push({ urn: r.urn, op: "delete" });
        } catch (e) {
          this.errors.push({ urn: r.urn, message: explain(e) });
          kept.push(r);
        }
      }
    }
    return [...this.news.values(), ...kept];
  }
}

/**
 * `ignoreChanges`: the engine puts the old input values back into the new inputs before Check (step_generator.go
 * `processIgnoreChanges`). Top-level property names only here; a nested path is refused rather than ignored.
 */
function applyIgnoreChanges(news: PropertyMap, olds: PropertyMap | undefined, ignore: string[]): PropertyMap {
  if (!olds || ignore.length === 0) return news;
  const out = { ...news };
  for (const key of ignore) {
    if (!/^[A-Za-z_$][\w$]*$/.test(key)) throw new Error(`harness: ignoreChanges supports top-level properties only, not "${key}"`);
    if (key in olds) out[key] = olds[key];
    else delete out[key];
  }
  return out;
}

/** Deletes one resource as the engine does (protect refuses, retainOnDelete skips the provider call). */
export async function deleteResource(session: HostSession, r: StateResource): Promise<void> {
  if (r.protect) throw new Error(`${r.urn} is protected; unprotect it before deleting`);
  if (!r.custom || !r.id || r.retainOnDelete) return;
  const client = await session.client();
  await client.delete({ urn: r.urn, type: r.type, name: r.name }, r.id, r.outputs, r.inputs);
}

/** The provider's message, plus what it means when the host could not marshal the outputs. */
export function explain(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (message.includes("Unexpected struct type")) {
    return `${message} — the provider returned values the host cannot put in a protobuf Struct: \`undefined\` ` +
      `somewhere inside them, or a pulumi.secret() (docs/PULUMI-DYNAMIC.md, "How the engine runs a dynamic provider" ` +
      `and "Secrets"). For Create/Update the host fails AFTER the provider ran: the cloud object may exist without being ` +
      `recorded (orphan).`;
  }
  return message;
}
