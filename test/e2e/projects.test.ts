/**
 * Every Pulumi project this repository ships, through the real CLI against the emulator: the examples (from a
 * working copy laid out as a user's project) and the top-level project (from the repository root, hubs from stack
 * config). The whole life: init → config → up → preview without changes → a program change (a tag) → up, whose
 * PUT carries the ETag from state as If-Match → a change in the "portal" → refresh shows it → up restores it →
 * destroy → the emulator holds nothing; and the checkpoint holds no token or key in plaintext. Those middle steps
 * exercise the provider, not the project, so one example (WHOLE_LIFE_EXAMPLE) and the top-level project run them;
 * the other examples run the short life (up, preview without changes, checkpoint, destroy): each real-CLI step costs
 * seconds of two shared cores, and `npm test` has a ten-minute budget.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEV_TOKEN } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import { CliStack, emulatorWithGroup, HUB_TYPE, REPO_ROOT, describeWithCli, emulatorSettings, projectCopy, removeProjectCopies } from "./cli";
import type { ConfigValue } from "./cli";

const SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000e2e0";
const RESOURCE_GROUP = "rg-e2e";
const LIFE_TIMEOUT_IN_MS = 600_000;

const WHOLE_LIFE_EXAMPLE = "hub-with-consumer-groups";

interface ProjectCase {
  wholeLife: boolean;
  /** Where the CLI runs: a working copy of an example, or the repository root for the top-level project. */
  dir(): string;
  config(): Record<string, ConfigValue>;
  /** The program change: every hub gets the tag e2e=changed. */
  addTag(stack: CliStack): Promise<void>;
}

function exampleCase(name: string): ProjectCase {
  let dir: string | undefined;
  return {
    wholeLife: name === WHOLE_LIFE_EXAMPLE,
    dir: () => (dir ??= projectCopy(path.join(REPO_ROOT, "examples", name))),
    config: () => ({ [`${name}:resourceGroupName`]: { value: RESOURCE_GROUP } }),
    addTag: async () => {
      const file = path.join(dir!, "index.ts");
      const program = fs.readFileSync(file, "utf8");
      const edited = program.replace(/\btags: \{ /g, 'tags: { e2e: "changed", ');
      if ((edited.match(/e2e: "changed"/g) ?? []).length !== (program.match(/new IotHub\(/g) ?? []).length) {
        throw new Error(`examples/${name}/index.ts: expected one \`tags: { ... }\` per IotHub to add a tag to`);
      }
      fs.writeFileSync(file, edited);
    },
  };
}

function topLevelCase(): ProjectCase {
  const hub = (tags: Record<string, string>) => ({
    name: `e2e-top-${Math.random().toString(36).slice(2, 8)}`,
    resourceGroupName: RESOURCE_GROUP,
    location: "westeurope",
    sku: { name: "S1", capacity: 1 },
    tags,
    consumerGroups: ["analytics", "archive"],
  });
  const hubs = [hub({ team: "e2e" })];
  return {
    wholeLife: true,
    dir: () => REPO_ROOT,
    config: () => ({ "iothub-stack:hubs": { value: hubs } }),
    addTag: (stack) => stack.setConfig({ "iothub-stack:hubs": { value: hubs.map((h) => ({ ...h, tags: { ...h.tags, e2e: "changed" } })) } }),
  };
}

/**
 * Examples whose whole life a suite of their own already runs through the real CLI, step by step as their README
 * tells it; running them here as well would only double the time (each life is a minute or more of CLI runs).
 */
const OWN_SUITES: Record<string, string> = { drift: "test/e2e/drift-example.test.ts", fleet: "test/e2e/fleet-example.test.ts" };
const examples = fs
  .readdirSync(path.join(REPO_ROOT, "examples"))
  .filter((name) => fs.existsSync(path.join(REPO_ROOT, "examples", name, "Pulumi.yaml")) && !(name in OWN_SUITES))
  .sort();
const cases: [string, () => ProjectCase][] = [
  ...examples.map((name): [string, () => ProjectCase] => [`examples/${name}`, () => exampleCase(name)]),
  ["the top-level project", topLevelCase],
];

describeWithCli("the shipped projects through the real Pulumi CLI", (cli) => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await emulatorWithGroup({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, provisioningMs: 150 });
  });
  afterAll(async () => {
    await emulator?.close();
    removeProjectCopies();
  });

  const hubsInEmulator = () => emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP });
  const storedHub = (name: string) => emulator.outOfBand.getHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name });

  test.each(cases)("%s: up, no-change preview, (whole life: tagged up with If-Match, drift refreshed and restored,) destroy", async (_label, makeCase) => {
    const project = makeCase();
    const stack = new CliStack(cli, project.dir(), `e2e-${Math.random().toString(36).slice(2, 8)}`);
    try {
      await stack.init({ ...emulatorSettings(emulator.url, SUBSCRIPTION_ID), ...project.config() });
      await stack.up();
      const hubs = await stack.resources(HUB_TYPE);
      expect(hubs.length).toBeGreaterThan(0);
      const names = hubs.map((h) => String(h.outputs?.name)).sort();
      expect(hubsInEmulator().sort()).toEqual(names);

      const changedTagAndDriftRestored = async (): Promise<void> => {
        // A program change: the PUT must carry the etag recorded in state.
        await project.addTag(stack);
        const etagsInState = new Map((await stack.resources(HUB_TYPE)).map((h) => [String(h.outputs?.name), String(h.outputs?.etag)]));
        emulator.requests.clear();
        await stack.up();
        for (const name of names) {
          const puts = emulator.requests.entries().filter((r) => r.method === "PUT" && new RegExp(`/IotHubs/${name}$`, "i").test(r.path));
          expect(puts.length).toBeGreaterThan(0);
          expect(puts[0].ifMatch?.replace(/"/g, "")).toBe(etagsInState.get(name)?.replace(/"/g, ""));
          expect(storedHub(name).tags.e2e).toBe("changed");
        }

        // Someone changes a managed field in the portal: refresh shows exactly that, and the next up restores it.
        for (const name of names) {
          emulator.outOfBand.updateHub({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name, mutate: (hub) => (hub.tags.e2e = "portal") });
        }
        const refreshed = await stack.refresh();
        for (const hub of hubs) {
          expect(refreshed.stdout).toMatch(new RegExp(`IotHub ${hub.urn.split("::").pop()} updated .*\\[diff: ~tags\\]`));
        }
        expect(refreshed.stdout).toMatch(new RegExp(`~ ${hubs.length} updated`));
        const preview = await stack.preview("--diff");
        expect(preview.stdout).toMatch(/e2e\s*:\s*"portal"\s*=>\s*"changed"/);
        await stack.up();
        for (const name of names) expect(storedHub(name).tags.e2e).toBe("changed");
        await stack.preview("--expect-no-changes");
      };

      await stack.preview("--expect-no-changes");
      if (project.wholeLife) await changedTagAndDriftRestored();

      // Secrets: neither the token nor any hub key is in the checkpoint in plaintext.
      const keys = names.flatMap((name) =>
        (storedHub(name).properties.authorizationPolicies as { primaryKey: string; secondaryKey: string }[]).flatMap((p) => [p.primaryKey, p.secondaryKey]),
      );
      expect(keys.length).toBeGreaterThan(0);
      const { text } = await stack.exportState();
      for (const secret of [DEV_TOKEN, ...keys]) expect(text).not.toContain(secret);

      await stack.destroy();
      expect(hubsInEmulator()).toEqual([]);
      expect(await stack.resources(HUB_TYPE)).toEqual([]);
    } finally {
      await stack.destroy().catch(() => undefined);
      await stack.remove();
    }
  }, LIFE_TIMEOUT_IN_MS);

  test("the example that runs the whole life is still shipped (a rename would leave only short lives)", () => {
    expect(examples).toContain(WHOLE_LIFE_EXAMPLE);
  });
});
