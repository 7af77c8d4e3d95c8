import { hubStateWord } from "../../arm/iothub/hub-state";
import { readIotHub } from "../../functions/operations";
import type { Command } from "../command";
import { expectPositionals, hubAddressOf } from "../command";
import { writeFields, writeJson } from "../output";

export const showCommand: Command = {
  name: "show",
  summary: "one hub's description",
  help: `Usage: iothub show RG/HUB
  JSON: the hub's description exactly as Azure answers it in the chosen --api-version (no keys).`,
  flags: {},
  async run(ctx) {
    expectPositionals(ctx, 1);
    const address = hubAddressOf(ctx);
    const hub = await readIotHub(ctx.target(), { ...ctx.scope, ...address });
    if (ctx.output === "json") return writeJson(ctx.io, hub);
    const props = hub.properties ?? {};
    const events = props.eventHubEndpoints?.events;
    writeFields(ctx.io, [
      ["name", hub.name],
      ["id", hub.id],
      ["location", hub.location],
      ["sku", hub.sku ? `${hub.sku.name} x${hub.sku.capacity ?? 1}` : undefined],
      ["state", hubStateWord(hub)],
      ["hostName", props.hostName],
      ["etag", hub.etag],
      ["tags", hub.tags],
      ["eventHub endpoint", events?.endpoint],
      ["eventHub partitions", events?.partitionCount],
      ["eventHub retention (days)", events?.retentionTimeInDays],
      ["policies", (props.authorizationPolicies ?? []).map((p) => `${p.keyName} (${p.rights})`).join("; ")],
    ]);
  },
};
