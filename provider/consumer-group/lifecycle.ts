import type * as pulumi from "@pulumi/pulumi";
import type { EventHubConsumerGroupInfo } from "../arm";
import { HubFailedError, isNotFound, retryWhileHubNotActive, waitForActiveHub } from "../arm";
import { hubKey, withHubQueue } from "../coordination/hub-queue";
import { autoName } from "../names";
import { timeoutMs } from "../timeouts";
import { progressReporter } from "../progress";
import { toPlain } from "../values";
import { GROUP_AUTONAME } from "./check";
import type { ConsumerGroupInputs } from "./inputs";
import type { ConsumerGroupRemote } from "./remote";

type Outputs = Record<string, unknown>;

const ECHOED = ["subscriptionId", "resourceGroupName", "hubName", "eventHubEndpointName", "name", "apiVersion", "timeouts", "adoptExisting", "__autoNamePrefix", "__autoNamed", "__owner"] as const;

/**
 * Every consumer-group write takes the same per-hub queue as the hub's own writes, waits for the hub
 * to be Active, and retries 409 IH409002 until the deadline: other stacks or people may write to
 * the same hub, so ordering inside this process alone is not enough
 * (docs/IOTHUB-ARM.md, "409 while not Active").
 *
 * A 404 of the hub does not stop the write: right after an update (anyone's) the service may answer 404 to a GET of
 * a hub that exists (docs/IOTHUB-ARM.md, "404 after an update"), so the group's own request goes ahead and the
 * service decides; on a hub that is really gone it answers 404 too, with its request id.
 */
async function writeToHub<T>(remote: ConsumerGroupRemote, timeoutInMs: number, verb: string,
  write: (hubExists: boolean) => Promise<T>): Promise<T> {
  const { hub } = remote.ref;
  const { pacing } = remote;
  const deadlineMs = pacing.clock.now() + timeoutInMs;
  const remainingMs = () => Math.max(1, deadlineMs - pacing.clock.now());
  const progress = progressReporter({ what: `ConsumerGroup ${remote.ref.name}: ${verb}`, now: () => pacing.clock.now() });
  const waitActive = () =>
    waitForActiveHub({ getHub: () => remote.getHub(), hubName: hub.name, whenMissing: "undefined", pacing, timeoutInMs: remainingMs(), onProgress: progress });
  return withHubQueue(hubKey(hub), async () => {
    let active;
    try {
      active = await waitActive();
    } catch (e) {
      if (!(e instanceof HubFailedError)) throw e;
      // A delete is still tried once (the service decides); a create cannot succeed on such a hub.
      if (verb === "deleting") return write(true);
      throw new Error(`cannot create consumer group ${remote.ref.name}: ${e.message}. Repair or recreate the hub first ` +
        "(the next `pulumi up` of the stack that created it recreates a hub whose create failed; docs/RELIABILITY.md)", { cause: e });
    }
    return retryWhileHubNotActive({
      write: () => write(active !== undefined),
      waitActive,
      pacing,
      timeoutInMs: remainingMs(),
      describe: `the consumer group ${verb}`,
    });
  });
}

/** create: PUT (2016: no body; 2023-06-30: `{"properties":{"name":…}}`); an existing group is refused unless adopted. */
export async function createGroup(inputs: ConsumerGroupInputs, remote: ConsumerGroupRemote): Promise<pulumi.dynamic.CreateResult> {
  const doc = await writeToHub(remote, timeoutMs(inputs.timeouts, "create"), "creating", async (hubExists) => {
    const existing = await remote.get();
    // A name derived from this resource's owner (provider/names.ts) that exists already was made by this same
    // resource in an interrupted `pulumi up` (docs/RELIABILITY.md, "An interrupted create"): take it.
    const ownAutoName = isDerivedName(inputs);
    if (existing !== undefined && ownAutoName && !inputs.adoptExisting) {
      process.stderr.write(`consumer group ${inputs.name} exists already under the name this resource derives; taking it (an earlier \`pulumi up\` was interrupted)\n`);
    }
    if (existing !== undefined && !inputs.adoptExisting && !ownAutoName) {
      throw new Error(
        `consumer group ${inputs.name} already exists on endpoint ${inputs.eventHubEndpointName} of IotHub ${inputs.hubName}. ` +
          "This program does not manage it yet; set `adoptExisting: true` to take it over, or choose another name.",
      );
    }
    if (existing !== undefined) return existing;
    try {
      return await remote.put();
    } catch (e) {
      if (hubExists || !isNotFound(e)) throw e;
      throw new Error(`cannot create consumer group ${inputs.name}: IotHub ${inputs.hubName} was not found in resource group ` +
        `${inputs.resourceGroupName} (${(e as Error).message})`, { cause: e });
    }
  });
  return { id: remote.resourceId, outs: consumerGroupOutputs(inputs, doc, remote.resourceId) };
}

/** read: GET; 404 (of the group or of the hub) means gone. */
export async function readGroup(id: string, props: Outputs, remote: ConsumerGroupRemote): Promise<pulumi.dynamic.ReadResult> {
  const doc = await remote.get();
  if (doc === undefined) return {};
  const outs = consumerGroupOutputs(props, doc, id);
  return { id, props: outs, inputs: Object.fromEntries(ECHOED.filter((k) => outs[k] !== undefined).map((k) => [k, outs[k]])) };
}

/** update: only settings changed (api-version, timeouts); nothing to write, so re-read. */
export async function updateGroup(id: string, news: ConsumerGroupInputs, remote: ConsumerGroupRemote): Promise<pulumi.dynamic.UpdateResult> {
  const doc = await remote.get();
  if (doc === undefined) throw new Error(`consumer group ${news.name} no longer exists in IotHub ${news.hubName}; run \`pulumi refresh\``);
  return { outs: consumerGroupOutputs(news, doc, id) };
}

/** delete: DELETE, with If-Match whenever state holds a real etag; 404 (group or hub gone) is success. */
export async function deleteGroup(props: Outputs, remote: ConsumerGroupRemote): Promise<void> {
  // A hub that answers 404 is no proof the group is gone (see writeToHub): the DELETE is sent; its 404 is success.
  await writeToHub(remote, timeoutMs(props.timeouts as ConsumerGroupInputs["timeouts"], "delete"), "deleting", async () => {
    await remote.delete({ ifMatch: typeof props.etag === "string" && props.etag !== "" ? props.etag : undefined });
  });
}

/** The name is the one this resource derives from its owner (not one kept from state, say, with a random suffix). */
function isDerivedName(inputs: ConsumerGroupInputs): boolean {
  if (inputs.__autoNamed !== true || typeof inputs.__owner !== "string" || inputs.__owner === "") return false;
  return inputs.name === autoName(inputs.__autoNamePrefix ?? GROUP_AUTONAME.fallback, { ...GROUP_AUTONAME, seed: inputs.__owner });
}

function consumerGroupOutputs(settings: Record<string, unknown>, doc: EventHubConsumerGroupInfo, id: string): Outputs {
  return toPlain({
    ...Object.fromEntries(ECHOED.map((k) => [k, settings[k]])),
    resourceId: doc.id ?? id,
    // The real service answers `"etag": null` for consumer groups; null is a value, undefined is not.
    etag: doc.etag ?? null,
    created: doc.properties?.created ?? null,
  });
}
