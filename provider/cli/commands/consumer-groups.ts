import { deleteConsumerGroup, putConsumerGroup } from "../../arm/iothub/consumer-groups";
import { findHub } from "../../arm/iothub/hubs";
import { retryWhileHubNotActive, waitForActiveHub } from "../../arm/iothub/hub-wait";
import { EVENTS_ENDPOINT } from "../../arm/iothub/paths";
import type { HubRef } from "../../arm/iothub/types";
import { CONSUMER_GROUP_NAME_PATTERN } from "../../consumer-group/inputs";
import { readConsumerGroups } from "../../functions/operations";
import { hubRefOf } from "../../functions/target";
import { formatElapsed, progressReporter } from "../../progress";
import { DEFAULT_TIMEOUT_MINUTES } from "../../timeouts";
import type { CommandContext, Command } from "../command";
import { expectPositionals, hubAddressOf } from "../command";
import { CliFailure, UsageError } from "../io";
import { writeJson, writeTable } from "../output";

const ACTIONS = ["list", "create", "delete"] as const;

export const consumerGroupsCommand: Command = {
  name: "consumer-groups",
  summary: "list, create or delete the consumer groups of a hub's Event Hub-compatible endpoint",
  help: `Usage: iothub consumer-groups list RG/HUB [--event-hub-endpoint NAME]
       iothub consumer-groups create|delete RG/HUB NAME [--event-hub-endpoint NAME]
  --event-hub-endpoint NAME  the hub's Event Hub-compatible endpoint (default events; 2016-02-03 also
                             operationsMonitoringEvents). Not --endpoint, which is the ARM endpoint.
  create and delete wait while the hub is busy (not Active), with a progress line on stderr, as the
  ConsumerGroup resource does. delete of a group that does not exist succeeds ("deleted": false).
  JSON: list [{name, created}], create {name, created}, delete {name, deleted}.`,
  flags: { "event-hub-endpoint": { type: "string" } },
  async run(ctx) {
    const action = ctx.positionals[0] as (typeof ACTIONS)[number];
    if (!ACTIONS.includes(action)) throw new UsageError(`expected one of ${ACTIONS.join(", ")} as argument 1; got ${JSON.stringify(ctx.positionals[0] ?? null)}`);
    const address = hubAddressOf(ctx, 1);
    const endpoint = (ctx.flags["event-hub-endpoint"] as string | undefined) ?? EVENTS_ENDPOINT;
    if (action === "list") {
      expectPositionals(ctx, 2);
      const groups = (await readConsumerGroups(ctx.target(), { ...ctx.scope, resourceGroupName: address.resourceGroupName, hubName: address.name, eventHubEndpointName: endpoint }))
        .map((g) => ({ name: g.name ?? null, created: g.properties?.created ?? null }));
      if (ctx.output === "json") return writeJson(ctx.io, groups);
      return writeTable(ctx.io, ["NAME", "CREATED"], groups.map((g) => [g.name, g.created]));
    }
    expectPositionals(ctx, 3);
    const name = ctx.positionals[2];
    if (name === undefined) throw new UsageError(`consumer-groups ${action} needs the group's NAME after RG/HUB`);
    if (!CONSUMER_GROUP_NAME_PATTERN.test(name) || name.toLowerCase() === "$default") {
      throw new UsageError(`NAME must be 1-50 letters, digits, hyphens, periods or underscores, and not $Default; got ${JSON.stringify(name)}`);
    }
    const ref = hubRefOf(`consumer-groups ${action}`, { ...ctx.scope, resourceGroupName: address.resourceGroupName }, address.name, "hub", ctx.target());
    if (action === "create") {
      const group = await whileHubBusy(ctx, ref, "the consumer group create", () => putConsumerGroup(ctx.target().client, ref, name, { eventHubEndpoint: endpoint }));
      const result = { name: group.name ?? name, created: group.properties?.created ?? null };
      if (ctx.output === "json") return writeJson(ctx.io, result);
      return writeTable(ctx.io, ["NAME", "CREATED"], [[result.name, result.created]]);
    }
    const outcome = await whileHubBusy(ctx, ref, "the consumer group delete", () => deleteConsumerGroup(ctx.target().client, ref, name, { eventHubEndpoint: endpoint }));
    const result = { name, deleted: outcome === "deleted" };
    if (ctx.output === "json") return writeJson(ctx.io, result);
    ctx.io.stdout.write(result.deleted ? `deleted consumer group ${name}\n` : `consumer group ${name} did not exist\n`);
  },
};

/**
 * Runs a consumer-group write as the resource does (docs/IOTHUB-ARM.md, "409 while not Active"): while the hub
 * refuses it because it is not Active, waits for the hub and tries again, with a progress line at each state it sees.
 */
async function whileHubBusy<T>(ctx: CommandContext, ref: HubRef, describe: string, write: () => Promise<T>): Promise<T> {
  const { client } = ctx.target();
  const { clock } = client.pacing;
  const startedAtMs = clock.now();
  const timeoutInMs = DEFAULT_TIMEOUT_MINUTES * 60_000;
  let lastState: string | undefined;
  // A line at every state the hub shows, and while one lasts, the provider's periodic line (provider/progress.ts).
  const stillBusy = progressReporter({ what: `IotHub ${ref.name}: waiting for it to be Active`, now: () => clock.now(), write: ctx.progress });
  const onProgress = (state: string) => {
    if (state === lastState) return stillBusy(state);
    lastState = state;
    ctx.progress(`IotHub ${ref.name} is ${state}; waiting for it to be Active (${formatElapsed(clock.now() - startedAtMs)} elapsed)`);
  };
  return retryWhileHubNotActive({
    write,
    waitActive: async () => {
      const hub = await waitForActiveHub({ getHub: () => findHub(client, ref), hubName: ref.name, whenMissing: "undefined", pacing: client.pacing, timeoutInMs, onProgress });
      if (hub === undefined) throw new CliFailure("NotFound", `IotHub ${ref.name} was not found in resource group ${ref.resourceGroup}`);
    },
    pacing: client.pacing,
    timeoutInMs,
    describe,
  });
}
