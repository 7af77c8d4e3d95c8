/**
 * The world a provider test runs in: the local ARM emulator with a resource group, and an engine-like
 * stack whose provider settings point at it (stack config, as a user would set them). The provider
 * runs serialized in the real dynamic-provider host (tools/harness), loading the built runtime.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEV_TOKEN, startEmulator } from "../../emulator";
import type { EmulatorOptions, RunningEmulator } from "../../emulator";
import type { IotHubArgs } from "../../provider";
import { ownerTag } from "../../provider/ownership";
import { HostLauncher, Stack } from "../../tools/harness";
import type { StackOptions } from "../../tools/harness";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-0000000000aa";
export const RESOURCE_GROUP = "rg-tests";
const UNTHROTTLED_BUCKET = { capacity: 1_000_000, perSecond: 1_000_000 };
const UNTHROTTLED = { reads: UNTHROTTLED_BUCKET, writes: UNTHROTTLED_BUCKET, deletes: UNTHROTTLED_BUCKET };
/** Polling waits of the provider in these tests: a few times per emulator transition. */
export const TEST_POLLING_SCHEDULE_MS = "50,50,100";

export interface World {
  emulator: RunningEmulator;
  stack: Stack;
  /** A second stack of the same emulator (another team's program, another pipeline). */
  newStack(o?: Partial<StackOptions>): Stack;
  close(): Promise<void>;
}

export async function createResourceGroup(url: string, subscriptionId: string, name: string): Promise<void> {
  const res = await fetch(`${url}/subscriptions/${subscriptionId}/resourcegroups/${name}?api-version=2021-04-01`, {
    method: "PUT",
    headers: { authorization: `Bearer ${DEV_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ location: "westeurope" }),
  });
  if (res.status >= 300) throw new Error(`resource group PUT answered ${res.status}: ${await res.text()}`);
}

export async function startWorld(o: { emulator?: EmulatorOptions; stack?: Partial<StackOptions> } = {}): Promise<World> {
  // Short transitions, no Retry-After on 202s, and a subscription budget that the fast polling below cannot use up
  // (throttling has its own tests, test/emulator/throttling.test.ts and test/arm/throttle.test.ts, and the fleet
  // benchmark) keep the suite fast.
  const emulator = await startEmulator({ provisioningMs: 150, retryAfterSeconds: 0, throttling: UNTHROTTLED, ...o.emulator });
  await createResourceGroup(emulator.url, SUBSCRIPTION_ID, RESOURCE_GROUP);
  const stacks: Stack[] = [];
  // One host for every stack of this world that runs the default program with the default config
  // (tools/harness/host-launcher.ts): booting hosts is most of these suites' CPU. A stack with its own directory,
  // project, name, environment, config or host lifetime gets its own host(s): a host configures each provider once.
  const sharedHosts = new HostLauncher({ programDir: REPO_ROOT, project: "iothub-tests", stack: "test", organization: "organization" }, "per-stack");
  const newStack = (extra: Partial<StackOptions> = {}) => {
    const ownHosts = ["programDir", "project", "stack", "organization", "env", "config", "hostLifetime"].some((k) => k in extra);
    const stack = new Stack({
      project: "iothub-tests",
      hostLifetime: "per-stack",
      ...(ownHosts ? {} : { sharedHosts }),
      ...extra,
      config: {
        "iothub:armEndpoint": emulator.url,
        "iothub:accessToken": { secret: DEV_TOKEN },
        "iothub:subscriptionId": SUBSCRIPTION_ID,
        // The provider's own setting for a fast service (docs/RELIABILITY.md, "Polling"): the same code path as in
        // production, with waits sized for transitions of 150 ms instead of minutes.
        "iothub:pollingScheduleMs": TEST_POLLING_SCHEDULE_MS,
        ...extra.config,
      },
    });
    stacks.push(stack);
    return stack;
  };
  const stack = newStack(o.stack);
  return {
    emulator,
    stack,
    newStack,
    close: async () => {
      for (const s of stacks) await s.close();
      await sharedHosts.close();
      await emulator.close();
      for (const dir of programDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const programDirs: string[] = [];

/**
 * A user's Pulumi project directory, as `npm install` leaves it: @pulumi/pulumi in node_modules (the
 * engine starts the host from there) and, with `linkPackage`, this package as the symlink a `file:`
 * dependency becomes. `files` are copied in (Pulumi.yaml, …). Removed by World.close().
 */
export function userProgramDir(o: { linkPackage: boolean; files?: string[] }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iothub-program-"));
  programDirs.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "a-users-program", dependencies: { "pulumi-iothub": "file:.." } }));
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"), "dir");
  if (o.linkPackage) fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "pulumi-iothub"), "dir");
  for (const file of o.files ?? []) fs.copyFileSync(file, path.join(dir, path.basename(file)));
  return dir;
}

/**
 * The ownership tag the provider puts on a hub it creates (provider/ownership.ts), for a resource of the harness's
 * default organization, project and stack.
 */
export function ownerTagOf(resourceName: string, o: { project?: string; stack?: string } = {}): Record<string, string> {
  return ownerTag(`organization/${o.project ?? "iothub-tests"}/${o.stack ?? "test"}/${resourceName}`);
}

/** An S1 hub tagged `env: dev` in the tests' resource group: the hub most failure scenarios start from. */
export function devHubArgs(name: string, over: Partial<IotHubArgs> = {}): IotHubArgs {
  return { name, resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" }, tags: { env: "dev" }, ...over };
}

/** Where a hub of these tests lives, for the emulator's out-of-band calls. */
export function hubRef(name: string): { subscriptionId: string; resourceGroup: string; name: string } {
  return { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, name };
}

/** A name unique within the test run: hub names are global in the emulator as in Azure. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Jest hooks for a test file: one world (emulator) for the file, and a fresh stack per test; after each test the
 * faults are cleared and every hub left in the resource group is deleted in the emulator directly, so one test's
 * leftovers never leak into the next (whatever state the test left its stack in: cleaning up is not under test).
 */
export function useFreshStacks(o: { emulator?: EmulatorOptions } = {}): { readonly world: World; readonly stack: Stack } {
  let world: World | undefined;
  let stack: Stack | undefined;
  beforeAll(async () => {
    world = await startWorld({ emulator: o.emulator });
  });
  afterAll(() => world?.close());
  beforeEach(() => {
    stack = world?.newStack();
  });
  afterEach(async () => {
    await stack?.close();
    if (world === undefined) return;
    world.emulator.faults.clear();
    const where = { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP };
    for (const name of world.emulator.outOfBand.listHubs(where)) world.emulator.outOfBand.deleteHub({ ...where, name });
  });
  return {
    get world() {
      if (world === undefined) throw new Error("the world starts in beforeAll");
      return world;
    },
    get stack() {
      if (stack === undefined) throw new Error("the stack is made in beforeEach");
      return stack;
    },
  };
}
