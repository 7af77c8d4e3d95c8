import { getHub, listKeys } from "../../arm/iothub/hubs";
import { listConsumerGroupNames } from "../../arm/iothub/consumer-groups";
import { hubRefOf } from "../../functions/target";
import { argsFromDescription } from "../args-from-description";
import type { Command } from "../command";
import { expectPositionals, hubAddressOf } from "../command";
import { importSnippet } from "../import-snippet";
import { writeJson } from "../output";

export const importCommand: Command = {
  name: "import",
  summary: "print a TypeScript snippet that takes an existing hub and its consumer groups under Pulumi management",
  help: `Usage: iothub import RG/HUB [--name PULUMI_NAME]
  --name PULUMI_NAME  the hub's Pulumi resource name (default: the hub's name); consumer groups are
                      named PULUMI_NAME-GROUP
  Reads the hub, its policies and the consumer groups of its events endpoint, and prints an IotHub and a
  ConsumerGroup per group with the values Azure has and adoptExisting: true: paste it into a program and
  the next \`pulumi up\` takes them over without changing them. $Default is left out (every hub has it).
  JSON: {pulumiName, hubArgs, consumerGroups, snippet}.`,
  flags: { name: { type: "string" } },
  async run(ctx) {
    expectPositionals(ctx, 1);
    const address = hubAddressOf(ctx);
    const { client } = ctx.target();
    const ref = hubRefOf("import", { ...ctx.scope, resourceGroupName: address.resourceGroupName }, address.name, "hub", ctx.target());
    const hub = await getHub(client, ref);
    const rules = await listKeys(client, ref);
    const groups = (await listConsumerGroupNames(client, ref)).filter((g) => g.toLowerCase() !== "$default");
    const pulumiName = (ctx.flags.name as string | undefined) ?? ref.name;
    const hubArgs = argsFromDescription(
      { subscriptionId: ref.subscriptionId, resourceGroupName: ref.resourceGroup, name: hub.name ?? ref.name, apiVersion: ref.apiVersion },
      hub,
      rules,
    );
    const snippet = importSnippet({ pulumiName, hubArgs, consumerGroups: groups });
    if (ctx.output === "json") return writeJson(ctx.io, { pulumiName, hubArgs, consumerGroups: groups, snippet });
    ctx.io.stdout.write(snippet);
  },
};
