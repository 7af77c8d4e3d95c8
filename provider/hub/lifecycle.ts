import type * as pulumi from "@pulumi/pulumi";
import type { IotHubDescription, SharedAccessSignatureAuthorizationRule } from "../arm";
import { HubFailedError, isOwnLostCreate, isPreconditionFailed, neverActivated, retryWhileHubNotActive, waitForActiveHub } from "../arm";
import { hubKey, withHubQueue } from "../coordination/hub-queue";
import { OWNER_TAG, onlyOwnerTag, ownedBy, ownerTag } from "../ownership";
import { partialFailure } from "../partial-failure";
import { progressReporter } from "../progress";
import { createBody, updateBody } from "./body";
import { changedFields, changedSecretFields, sameManaged } from "./diff";
import type { HubInputs } from "./inputs";
import { MANAGED_FIELDS } from "./inputs";
import { timeoutMs } from "../timeouts";
import { SECRET_OUTPUTS, hubOutputs, observedManaged, passThroughKeysOf, refreshedInputs } from "./outputs";
import type { HubRemote, StartedOperation } from "./remote";

type Outputs = Record<string, unknown>;

/** One operation on one hub: the remote calls, the deadline (on the remote's clock) and the progress line. */
interface Operation {
  remote: HubRemote;
  deadlineMs: number;
  progress: (status: string) => void;
  /** A line for the user, at once (the engine shows the provider's stderr). */
  log: (line: string) => void;
}

function startOperation(remote: HubRemote, timeout: number, verb: string): Operation {
  const { clock } = remote.pacing;
  return {
    remote,
    deadlineMs: clock.now() + timeout,
    progress: progressReporter({ what: `IotHub ${remote.ref.name}: ${verb}`, now: () => clock.now() }),
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

const queueKey = (remote: HubRemote) => hubKey(remote.ref);

/**
 * create: PUT with `If-None-Match: *` so an existing hub is never clobbered (the seed's ETag table, docs/IOTHUB-ARM.md,
 * "ETags": 412 when the resource exists), wait for the operation and for the hub to be Active, then read the outputs.
 * Once Azure accepted the hub, any later failure is a partial failure carrying the id, so the engine records the hub
 * (no orphan) and the next `up` finishes it.
 */
export async function createHub(inputs: HubInputs, remote: HubRemote): Promise<pulumi.dynamic.CreateResult> {
  const op = startOperation(remote, timeoutMs(inputs.timeouts, "create"), "creating");
  return withHubQueue(queueKey(remote), async () => {
    let started;
    try {
      started = await writeWhenActive(op, "the hub create", () => remote.beginPut(createBody(inputs), { ifNoneMatch: "*" }));
    } catch (e) {
      if (!isPreconditionFailed(e)) throw e;
      if (!inputs.adoptExisting && !(await startedByThisResource(op, inputs, e))) throw alreadyExists(inputs, e);
      return { id: remote.resourceId, outs: await converge(op, inputs, undefined) };
    }
    return { id: remote.resourceId, outs: await finish(op, started, inputs, undefined) };
  });
}

/**
 * Whether the existing hub a create met (412) is this resource's own:
 * - it carries this resource's ownership tag: an interrupted `pulumi up` of this same stack resource created it
 *   before the engine recorded it (the engine then creates again from scratch), so it is finished, not refused
 *   (docs/RELIABILITY.md, "An interrupted create");
 * - the lost answer (isOwnLostCreate): an earlier attempt of this very create went unanswered. Every hub the
 *   provider creates carries its owner's tag, so this alone only counts for a resource without an owner and a hub
 *   without anybody's tag — the client cannot know whether the lost attempt reached the service, and a hub that
 *   carries another owner's tag is somebody else's whatever happened to the attempt.
 */
async function startedByThisResource(op: Operation, inputs: HubInputs, cause: unknown): Promise<boolean> {
  const existing = await op.remote.get();
  if (existing === undefined) return false;
  if (ownedBy(existing.tags, inputs.__owner)) {
    op.log(isOwnLostCreate(cause)
      ? `IotHub ${inputs.name}: the answer to this create's first attempt was lost, and the hub it created carries this ` +
        `resource's ownership tag (${OWNER_TAG}); finishing that hub`
      : `IotHub ${inputs.name} exists and carries this resource's ownership tag (${OWNER_TAG}): an earlier \`pulumi up\` ` +
        "was interrupted while creating it; finishing that hub instead of creating another");
    return true;
  }
  const anyOwner = Object.keys(onlyOwnerTag(existing.tags)).length > 0;
  return isOwnLostCreate(cause) && !anyOwner && Object.keys(ownerTag(inputs.__owner)).length === 0;
}

/**
 * update: PUT is full replacement, so the body is the current remote document with the managed
 * fields laid over it, sent with `If-Match` = the etag from state (lost-update protection).
 */
export async function updateHub(olds: Outputs, news: HubInputs, remote: HubRemote): Promise<pulumi.dynamic.UpdateResult> {
  const op = startOperation(remote, timeoutMs(news.timeouts, "update"), "updating");
  return withHubQueue(queueKey(remote), async () => ({ outs: await converge(op, news, olds) }));
}

/**
 * Brings the hub to the inputs. `olds` is the state (undefined when adopting): its etag goes in
 * If-Match, and on 412 the hub is read again to tell a real lost update (a managed field changed out
 * of band: refuse, list the fields) from a harmless etag change (a consumer group, a transition:
 * retry once with the fresh etag).
 */
async function converge(op: Operation, news: HubInputs, olds: Outputs | undefined): Promise<Outputs> {
  const { remote } = op;
  let current;
  try {
    current = await activeHubWithKeys(op, "fail");
  } catch (e) {
    if (!(e instanceof HubFailedError)) throw e;
    return recreateFailedHub(op, news, e);
  }
  let { hub, rules } = current;
  if (!needsWrite(hub, rules, news, olds)) return hubOutputs({ settings: news, managedFrom: news, remote: hub, rules });

  const expectedEtag = typeof olds?.etag === "string" ? olds.etag : hub.etag;
  let started;
  try {
    started = await writeWhenActive(op, "the hub update", () => remote.beginPut(updateBody(news, hub, rules, olds), { ifMatch: expectedEtag }));
  } catch (e) {
    if (!isPreconditionFailed(e)) throw e;
    ({ hub, rules } = await activeHubWithKeys(op, "fail"));
    refuseLostUpdate({ olds, news, hub, rules, verb: "update", cause: e });
    started = await writeWhenActive(op, "the hub update", () => remote.beginPut(updateBody(news, hub, rules, olds), { ifMatch: hub.etag }));
  }
  return finish(op, started, news, olds);
}

/**
 * A hub whose create failed in Azure stays `ActivationFailed`. When this stack resource created it (its ownership
 * tag), nothing can be lost — it never became Active, so it holds no devices — and the way forward is to delete it
 * and create it again. Any other failed hub is left alone with an error that says what to do
 * (docs/RELIABILITY.md, "A hub whose create failed").
 */
async function recreateFailedHub(op: Operation, news: HubInputs, failed: HubFailedError): Promise<Outputs> {
  const { hub } = failed;
  const ours = ownedBy(hub.tags, news.__owner);
  if (!ours || !neverActivated(hub)) {
    const why = ours ? "it was Active before, so it may hold devices" : "this stack resource did not create it (it was adopted, or is someone else's)";
    throw new Error(
      `${failed.message}. It is not deleted automatically: ${why}. Repair or delete it in Azure (the portal, ` +
        "`az iot hub delete`), then run `pulumi refresh` and `pulumi up`.",
    );
  }
  op.log(`IotHub ${news.name} is ${failed.failure}: its create failed in Azure, and this stack resource created it ` +
    "(ownership tag), so it is deleted and created again");
  const deleting = await writeWhenActive(op, "the failed hub's delete", () => op.remote.beginDelete({ ifMatch: hub.etag }));
  if (deleting !== undefined) await op.remote.waitForDelete(deleting, { timeoutInMs: remainingMs(op), progress: op.progress });
  const started = await writeWhenActive(op, "the hub create", () => op.remote.beginPut(createBody(news), { ifNoneMatch: "*" }));
  return finish(op, started, news, undefined);
}

/**
 * After Azure accepted a PUT, a failed or timed-out wait is a partial failure: the engine records
 * the hub with what is known, and the next `up` converges it. What state said Azure had (managed
 * fields, etag) stays as it was: the write may not have happened, and recording the wanted values
 * as observed would make the next 412 look like someone else's change. Keys are left out: they are
 * secret outputs, and a partial record must not be the place they leak.
 */
async function finish(op: Operation, started: StartedOperation, news: HubInputs, olds: Outputs | undefined): Promise<Outputs> {
  const id = op.remote.resourceId;
  try {
    await op.remote.waitForPut(started, { timeoutInMs: remainingMs(op), progress: op.progress });
    return await settledOutputs(op, news);
  } catch (e) {
    const known = Object.fromEntries(Object.entries(olds ?? {}).filter(([k]) => !(SECRET_OUTPUTS as readonly string[]).includes(k)));
    const observed = Object.fromEntries([...MANAGED_FIELDS, "etag"].filter((k) => known[k] !== undefined).map((k) => [k, known[k]]));
    // A field this update starts managing was never seen in Azure: recording its wanted value would later look like
    // somebody else's change (a lost update). Left out, the next update simply writes it.
    const unseen: readonly string[] = olds === undefined ? [] : MANAGED_FIELDS.filter((k) => known[k] === undefined);
    const wanted = Object.fromEntries(Object.entries(news).filter(([k]) => !unseen.includes(k)));
    throw partialFailure(e, { id, properties: { ...known, ...wanted, ...observed, resourceId: id } });
  }
}

/**
 * True when Azure differs from the inputs in a managed field (so a PUT would change something). The state supplies
 * the key-rotation triggers Azure does not know: a changed trigger is a write.
 */
function needsWrite(hub: IotHubDescription, rules: SharedAccessSignatureAuthorizationRule[], news: HubInputs, olds: Outputs | undefined): boolean {
  const observed = observedManaged(hub, rules, MANAGED_FIELDS, passThroughKeysOf(news), olds ?? {});
  // Azure answers no secret in full, so a new key is seen only against the one state recorded.
  return changedFields(observed, news).length > 0 || (olds !== undefined && changedSecretFields(olds, news).length > 0);
}

/**
 * Managed fields changed in Azure since state recorded them: different from state, and not already
 * what the program wants (that is no lost update). With `news`, only fields the program still
 * manages count; without (delete), every field state recorded.
 */
export function driftedFields(olds: Outputs, hub: IotHubDescription, rules: SharedAccessSignatureAuthorizationRule[], news?: Outputs): string[] {
  const fields = MANAGED_FIELDS.filter((f) => olds[f] !== undefined && (news === undefined || news[f] !== undefined));
  const observed = observedManaged(hub, rules, fields, passThroughKeysOf(olds), olds);
  return fields.filter((f) => !sameManaged(f, olds[f], observed[f]) && (news === undefined || !sameManaged(f, news[f], observed[f])));
}

function refuseLostUpdate(o: {
  olds: Outputs | undefined;
  news?: Outputs;
  hub: IotHubDescription;
  rules: SharedAccessSignatureAuthorizationRule[];
  verb: string;
  cause: unknown;
}): void {
  if (o.olds === undefined) return;
  const drifted = driftedFields(o.olds, o.hub, o.rules, o.news);
  if (drifted.length === 0) return;
  throw new Error(
    `refusing to ${o.verb} IotHub ${o.hub.name ?? o.olds.name}: it was changed outside this program since the last refresh ` +
      `(fields: ${drifted.join(", ")}; ${(o.cause as Error).message}). Nothing was written. ` +
      "Run `pulumi refresh` to record the current values, review the diff, then run `pulumi up` again.",
  );
}

/**
 * delete: DELETE with `If-Match` from state; 202 is polled until the hub is gone; 204/404 mean it is already gone,
 * which is success (the seed's ETag table, DELETE: docs/IOTHUB-ARM.md, "ETags"). A 412 is handled as in update.
 */
export async function deleteHub(olds: Outputs, remote: HubRemote): Promise<void> {
  const op = startOperation(remote, timeoutMs(olds.timeouts as HubInputs["timeouts"], "delete"), "deleting");
  await withHubQueue(queueKey(remote), async () => {
    const etag = typeof olds.etag === "string" ? olds.etag : undefined;
    let started;
    try {
      started = await writeWhenActive(op, "the hub delete", () => remote.beginDelete({ ifMatch: etag }));
    } catch (e) {
      if (!isPreconditionFailed(e)) throw e;
      // As in converge: read the hub once it is Active, so that an etag moved by a transition has settled.
      const hub = await hubAfterRefusedDelete(op, etag);
      if (hub === undefined) return;
      refuseLostUpdate({ olds, hub, rules: await remote.listKeys(), verb: "delete", cause: e });
      started = await writeWhenActive(op, "the hub delete", () => remote.beginDelete({ ifMatch: hub.etag }));
    }
    if (started !== undefined) await remote.waitForDelete(started, { timeoutInMs: remainingMs(op), progress: op.progress });
  });
}

/**
 * read (refresh): GET; 404 means the hub is gone (an empty result drops it from state). The managed
 * fields are mapped back into the shape of the inputs, so the next preview shows exactly which
 * fields drifted; the etag and keys are refreshed.
 */
export async function readHub(id: string, props: Outputs, remote: HubRemote): Promise<pulumi.dynamic.ReadResult> {
  const hub = await remote.get();
  if (hub === undefined) return {};
  const rules = await remote.listKeys();
  const outs = hubOutputs({ settings: props, managedFrom: props, remote: hub, rules });
  // The host accepts no secrets, so on refresh the engine keeps an output secret only where state
  // already held it as one. A partial record has no keys yet: leave them to the next update, whose
  // outputs the engine marks through additionalSecretOutputs.
  if (!("sharedAccessPolicies" in props)) for (const k of SECRET_OUTPUTS) delete outs[k];
  return { id, props: outs, inputs: refreshedInputs(outs) };
}

/**
 * The hub a DELETE was refused with 412 for, once Active; undefined when it is gone. The 412 says the hub existed; a
 * 404 to the GET right after is either a delete by someone else meanwhile or the 404 after an update (anyone's:
 * docs/IOTHUB-ARM.md, "404 after an update"), and taking the quirk for "gone" would drop from state a hub that still
 * exists. The DELETE, sent again, tells them apart: absent, the service answers 204 whatever the If-Match; present, 412
 * again, and the GET's 404 is then waited out.
 */
async function hubAfterRefusedDelete(op: Operation, etag: string | undefined): Promise<IotHubDescription | undefined> {
  const hub = await waitActive(op, "undefined");
  if (hub !== undefined) return hub;
  try {
    const started = await writeWhenActive(op, "the hub delete", () => op.remote.beginDelete({ ifMatch: etag }));
    if (started === undefined) return undefined;
    // Accepted after all (the etag was right by now): wait for that delete as the caller would.
    await op.remote.waitForDelete(started, { timeoutInMs: remainingMs(op), progress: op.progress });
    return undefined;
  } catch (e) {
    if (!isPreconditionFailed(e)) throw e;
    return waitActive(op, "wait");
  }
}

async function writeWhenActive<T>(op: Operation, describe: string, write: () => Promise<T>): Promise<T> {
  return retryWhileHubNotActive({
    write,
    waitActive: () => activeHub(op),
    pacing: op.remote.pacing,
    timeoutInMs: remainingMs(op),
    describe,
  });
}

/** The hub once it answers and is Active (a 404 is waited out: the post-update quirk, provider/arm/iothub/hub-wait.ts). */
async function activeHub(op: Operation): Promise<IotHubDescription> {
  return (await waitActive(op, "wait")) as IotHubDescription;
}

function waitActive(op: Operation, whenMissing: "wait" | "undefined"): Promise<IotHubDescription | undefined> {
  return waitForActiveHub({
    getHub: () => op.remote.get(),
    hubName: op.remote.ref.name,
    whenMissing,
    pacing: op.remote.pacing,
    timeoutInMs: remainingMs(op),
    onProgress: op.progress,
  });
}

/**
 * The hub, once Active, with its keys. Before a write, a missing hub was deleted outside Pulumi (or
 * its create failed): waiting for it would only burn the timeout, so that fails at once. After our
 * own write, a 404 is waited out (the post-update quirk).
 */
async function activeHubWithKeys(op: Operation, whenMissing: "fail" | "wait"): Promise<{ hub: IotHubDescription; rules: SharedAccessSignatureAuthorizationRule[] }> {
  const hub = await waitActive(op, whenMissing === "wait" ? "wait" : "undefined");
  if (hub === undefined) {
    throw new Error(
      `IotHub ${op.remote.ref.name} no longer exists in resource group ${op.remote.ref.resourceGroup}. ` +
        "Run `pulumi refresh` to drop it from the stack, then `pulumi up` to create it again.",
    );
  }
  return { hub, rules: await op.remote.listKeys() };
}

function remainingMs(op: Operation): number {
  return Math.max(1, op.deadlineMs - op.remote.pacing.clock.now());
}

async function settledOutputs(op: Operation, inputs: HubInputs): Promise<Outputs> {
  const { hub, rules } = await activeHubWithKeys(op, "wait");
  return hubOutputs({ settings: inputs, managedFrom: inputs, remote: hub, rules });
}

function alreadyExists(inputs: HubInputs, cause: unknown): Error {
  return new Error(
    `IotHub ${inputs.name} already exists in resource group ${inputs.resourceGroupName} ` +
      `(${(cause as Error).message}). This program does not manage it yet, and creating it would overwrite it. ` +
      "To take it over, set `adoptExisting: true` on the resource (the hub is then updated to match the program); " +
      "otherwise choose another name (hub names are global).",
  );
}

