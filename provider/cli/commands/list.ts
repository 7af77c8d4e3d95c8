import { readIotHubs } from "../../functions/operations";
import type { IotHubDescription } from "../../arm/iothub/types";
import { hubStateWord } from "../../arm/iothub/hub-state";
import type { Command } from "../command";
import { expectPositionals } from "../command";
import { writeJson, writeTable } from "../output";

/** The JSON of one hub in `iothub list` (docs/CLI.md). */
function summary(hub: IotHubDescription) {
  return {
    name: hub.name ?? null,
    resourceGroup: hub.resourcegroup ?? /\/resourceGroups\/([^/]+)\//i.exec(hub.id ?? "")?.[1] ?? null,
    location: hub.location ?? null,
    sku: { name: hub.sku?.name ?? null, capacity: hub.sku?.capacity ?? null },
    state: hubStateWord(hub),
    hostName: hub.properties?.hostName ?? null,
    id: hub.id ?? null,
  };
}

export const listCommand: Command = {
  name: "list",
  summary: "the hubs of the subscription, or of one resource group (every page)",
  help: `Usage: iothub list [--resource-group RG]
  -g, --resource-group RG  only the hubs of this resource group`,
  flags: { "resource-group": { type: "string", short: "g" } },
  async run(ctx) {
    expectPositionals(ctx, 0);
    const resourceGroupName = ctx.flags["resource-group"] as string | undefined;
    const hubs = (await readIotHubs(ctx.target(), { ...ctx.scope, resourceGroupName })).map(summary);
    if (ctx.output === "json") return writeJson(ctx.io, hubs);
    writeTable(ctx.io, ["NAME", "RESOURCE GROUP", "LOCATION", "SKU", "STATE", "HOST NAME"],
      hubs.map((h) => [h.name, h.resourceGroup, h.location, h.sku.name === null ? null : `${h.sku.name} x${h.sku.capacity ?? 1}`, h.state, h.hostName]));
  },
};
