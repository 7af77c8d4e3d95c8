import { readIotHubKeys } from "../../functions/operations";
import type { Command } from "../command";
import { expectPositionals, hubAddressOf } from "../command";
import { CliFailure } from "../io";
import { writeJson, writeTable } from "../output";

const HIDDEN = "(hidden: --show-secrets)";

export const keysCommand: Command = {
  name: "keys",
  summary: "the hub's shared access policies; keys only with --show-secrets",
  help: `Usage: iothub keys RG/HUB [--policy NAME] [--show-secrets]
  --policy NAME     only this policy (exit 1, code PolicyNotFound, when the hub has none of that name)
  --show-secrets    print the keys; without it they are masked in tables and left out of JSON`,
  flags: { policy: { type: "string" }, "show-secrets": { type: "boolean" } },
  async run(ctx) {
    expectPositionals(ctx, 1);
    const address = hubAddressOf(ctx);
    let rules = await readIotHubKeys(ctx.target(), { ...ctx.scope, ...address });
    const policy = ctx.flags.policy as string | undefined;
    if (policy !== undefined) {
      const known = rules.map((r) => r.keyName);
      rules = rules.filter((r) => r.keyName.toLowerCase() === policy.toLowerCase());
      if (rules.length === 0) throw new CliFailure("PolicyNotFound", `IotHub ${address.name} has no shared access policy ${JSON.stringify(policy)} (it has: ${known.join(", ") || "none"})`);
    }
    const show = ctx.flags["show-secrets"] === true;
    if (ctx.output === "json") {
      return writeJson(ctx.io, rules.map((r) => (show
        ? { keyName: r.keyName, rights: r.rights, primaryKey: r.primaryKey ?? null, secondaryKey: r.secondaryKey ?? null }
        : { keyName: r.keyName, rights: r.rights })));
    }
    writeTable(ctx.io, ["POLICY", "RIGHTS", "PRIMARY KEY", "SECONDARY KEY"],
      rules.map((r) => [r.keyName, r.rights, show ? r.primaryKey : HIDDEN, show ? r.secondaryKey : HIDDEN]));
  },
};
