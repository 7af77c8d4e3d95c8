/**
 * The state the harness keeps between steps, shaped after the engine's checkpoint resources
 * (pulumi/pulumi sdk/go/common/apitype `ResourceV3`): urn, type, id, inputs, outputs, parent, dependencies,
 * additionalSecretOutputs, initErrors, pendingReplacement/delete.
 *
 * Values are stored plain; which top-level keys are secret is recorded beside them (`secretInputs`,
 * `secretOutputs`). {@link serializeState} writes the text the engine would write, with every secret value
 * replaced by a ciphertext object, so a test can grep it for a key that must never be stored in plaintext.
 */
import { randomBytes } from "node:crypto";
import { SECRET_SIG, SIG_KEY, type Json, type PropertyMap } from "./marshal";

export interface StateResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** "" for components and for resources not created yet. */
  id: string;
  parent: string;
  dependencies: string[];
  /** Checked inputs as sent to the provider (secrets plain here; see secretInputs). Includes `__provider`. */
  inputs: PropertyMap;
  /** Outputs as the host returned them (includes `__provider`, merged in by the host). */
  outputs: PropertyMap;
  /** Top-level input keys that were secret in the program. */
  secretInputs: string[];
  /** Top-level output keys stored as secrets: `additionalSecretOutputs`, plus outputs of secret inputs. */
  secretOutputs: string[];
  additionalSecretOutputs: string[];
  deleteBeforeReplace: boolean;
  protect: boolean;
  retainOnDelete: boolean;
  /** Reasons of a partial failure (ErrorResourceInitFailed); the next `up` updates such a resource. */
  initErrors: string[];
  /** An old copy of a replaced resource, deleted after the replacement was created. */
  pendingDelete: boolean;
}

/** Top-level keys to mark secret in outputs (engine: additionalSecretOutputs + secret inputs of the same name). */
export function secretOutputKeys(outputs: PropertyMap, secretInputs: string[], additionalSecretOutputs: string[]): string[] {
  const keys = new Set<string>();
  for (const k of [...additionalSecretOutputs, ...secretInputs]) if (k in outputs) keys.add(k);
  return [...keys].sort();
}

/** Outputs in wire form for the program: secret keys wrapped with the secret signature. */
export function wireOutputs(outputs: PropertyMap, secretKeys: string[]): PropertyMap {
  const out: PropertyMap = {};
  for (const [k, v] of Object.entries(outputs)) out[k] = secretKeys.includes(k) ? { [SIG_KEY]: SECRET_SIG, value: v } : v;
  return out;
}

function encrypt(m: PropertyMap, secretKeys: string[]): PropertyMap {
  const out: PropertyMap = {};
  for (const [k, v] of Object.entries(m)) {
    // The engine writes `{sig: secret, ciphertext}`; the real ciphertext comes from the stack's secrets manager.
    out[k] = secretKeys.includes(k) ? { [SIG_KEY]: SECRET_SIG, ciphertext: `v1:${randomBytes(12).toString("base64")}` } : (v as Json);
  }
  return out;
}

/** The checkpoint text the engine would write for these resources (secrets as ciphertext, never plaintext). */
export function serializeState(resources: readonly StateResource[]): string {
  return JSON.stringify(
    {
      version: 3,
      checkpoint: {
        latest: {
          resources: resources.map((r) => ({
            urn: r.urn,
            custom: r.custom,
            ...(r.id ? { id: r.id } : {}),
            type: r.type,
            inputs: encrypt(r.inputs, r.secretInputs),
            outputs: encrypt(r.outputs, r.secretOutputs),
            ...(r.parent ? { parent: r.parent } : {}),
            ...(r.dependencies.length ? { dependencies: r.dependencies } : {}),
            ...(r.additionalSecretOutputs.length ? { additionalSecretOutputs: r.additionalSecretOutputs } : {}),
            ...(r.initErrors.length ? { initErrors: r.initErrors } : {}),
            ...(r.pendingDelete ? { delete: true } : {}),
          })),
        },
      },
    },
    null,
    2,
  );
}

/**
 * Resources in an order safe for deletion: dependents (by `dependencies` and `parent`) before what they depend on,
 * i.e. the reverse of a topological creation order, as the engine deletes.
 */
export function deletionOrder(resources: readonly StateResource[]): StateResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
  const created: StateResource[] = [];
  const visiting = new Set<StateResource>();
  const done = new Set<StateResource>();
  const visit = (r: StateResource) => {
    if (done.has(r) || visiting.has(r)) return;
    visiting.add(r);
    for (const d of [...r.dependencies, r.parent]) {
      const dep = byUrn.get(d);
      if (dep) visit(dep);
    }
    done.add(r);
    created.push(r);
  };
  resources.forEach(visit);
  return created.reverse();
}
