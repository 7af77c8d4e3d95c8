/**
 * The fault matrix (docs/FAULT-MATRIX.md): every fault the emulator can produce against every operation of the
 * provider, through the real dynamic-provider host, each cell recording what the step did and what the emulator
 * holds afterwards. The table is printed at the end of the run and must equal the one committed in
 * docs/FAULT-MATRIX.md; `IOTHUB_WRITE_FAULT_MATRIX=1` writes it there instead.
 *
 * Writes and reads run side by side as resources of one program (each cell on its own hub), as an `up` of a fleet
 * would. Deletes cannot: the engine stops deleting at the first failed delete, so each runs in a step of its own.
 */
import * as fs from "node:fs";
import { DEV_TOKEN, type RunningEmulator } from "../../emulator";
import { ConsumerGroup, IotHub } from "../../provider";
import { HostLauncher, Stack, type StepError } from "../../tools/harness";
import { REPO_ROOT, RESOURCE_GROUP, SUBSCRIPTION_ID, createResourceGroup, hubRef, ownerTagOf, startWorld, uniqueName, type World } from "../iothub/world";
import { cellResult, declare, emulatorProblems, errorOf, groupOf, outcomeOf, type MatrixCell } from "./cells";
import { STANDARD_ROWS, firedOnHub, operationRequest, type FaultRow } from "./fault-rows";
import { DOC_PATH, Matrix, OPS, committedTable, writeTable, type Op, type Outcome } from "./matrix-table";
import { RestartableEmulator } from "./restartable-emulator";

/** Long enough for any healthy answer of the emulator on a busy machine, short enough for the slow-answer row. */
const REQUEST_TIMEOUT_MS = "1000";
const PROVIDER_CONFIG = { "iothub:requestTimeoutMs": REQUEST_TIMEOUT_MS };
const CREATES_ONLY =
  "the engine keeps the old state of an interrupted update, delete or refresh, and the next run simply does it again; " +
  "only a create can leave behind something that no state records";
const RESTART: FaultRow = { key: "restart", title: "emulator restarted (state kept with `--data`) while the operation runs", inject: () => undefined };
const KILLED: FaultRow = {
  key: "host-killed",
  title: "provider host killed mid-create (the request sent, never answered), then the program run again",
  notApplicable: { update: CREATES_ONLY, delete: CREATES_ONLY, refresh: CREATES_ONLY, groupDelete: CREATES_ONLY },
  inject: () => undefined,
};
const matrix = new Matrix([...STANDARD_ROWS, RESTART, KILLED]);

let world: World;
let hosts: HostLauncher;
const stacks: Stack[] = [];

beforeAll(async () => {
  world = await startWorld({ emulator: { provisioningMs: 100 } });
  hosts = new HostLauncher({ programDir: REPO_ROOT, project: "iothub-tests", stack: "test", organization: "organization" }, "per-stack");
});

afterAll(async () => {
  for (const s of stacks) await s.close();
  await hosts?.close();
  await world?.close();
  process.stdout.write(`\nFault matrix (docs/FAULT-MATRIX.md):\n\n${matrix.markdown()}\n`);
});

/** A stack of the world whose steps share one host (tools/harness/host-launcher.ts). */
function newStack(): Stack {
  const stack = world.newStack({ sharedHosts: hosts, config: PROVIDER_CONFIG });
  stacks.push(stack);
  return stack;
}

/** The cells of these rows and operations; the pairs that do not apply are recorded as such. */
function cellsFor(rows: FaultRow[], ops: Op[], emulator: RunningEmulator = world.emulator): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const row of rows) {
    for (const op of ops) {
      const reason = row.notApplicable?.[op];
      if (reason !== undefined) {
        matrix.set(row.key, op, { kind: "n/a", reason });
        continue;
      }
      const hub = uniqueName(`fm-${row.key}-${op}`.toLowerCase()).slice(0, 50);
      cells.push({ row, op, resource: `${row.key}-${op}`, ctx: { emulator, hub, group: groupOf(op), op } });
    }
  }
  return cells;
}

async function inject(cells: MatrixCell[]): Promise<void> {
  for (const cell of cells) cell.ctx.emulator.requests.clear();
  for (const cell of cells) await cell.row.inject(cell.ctx);
}

const fired = (cell: MatrixCell) => (cell.row.fired ?? firedOnHub)(cell.ctx);

/** How one cell's run went: its outcome in the faulted step, and the errors of the next runs (when there were any). */
interface CellRun {
  outcome: { outcome: Outcome; problems: string[] };
  first: StepError[];
  again?: StepError[];
  next?: StepError[];
}

const failed = (run: CellRun) => !run.outcome.outcome.startsWith("succeeded");
const refused = (cell: MatrixCell, run: CellRun) => failed(run) && (cell.row.refusal?.ops.includes(cell.op) ?? false);
const limitOf = (cell: MatrixCell) => cell.row.limits?.[cell.op];

/** Records the cell in the matrix: its outcome, what the next run did, and what the emulator and state hold. */
function record(cell: MatrixCell, run: CellRun, stack: Stack, nextStep: "up" | "refresh"): void {
  let then: string | undefined;
  const more: string[] = [];
  if (refused(cell, run)) {
    then = cell.row.refusal!.then;
    const message = errorOf(cell, run.first)?.message ?? "";
    if (cell.row.refusal!.tag && !/changed outside this program.*fields: tags/.test(message)) more.push(`the refusal does not name the field: ${message}`);
  } else if (failed(run)) {
    const error = run.again === undefined ? undefined : errorOf(cell, run.again);
    if (run.again === undefined) more.push("no next run");
    else if (error === undefined) then = nextStep === "up" ? "next `up` converges" : "next `refresh` succeeds";
    else more.push(`the next run failed too: ${error.message}`);
  }
  const nextError = run.next === undefined ? undefined : errorOf(cell, run.next);
  if (nextError !== undefined) more.push(`the next up failed: ${nextError.message}`);
  more.push(...emulatorProblems(cell, stack, { refused: refused(cell, run) }));
  const result = cellResult(run.outcome, then, more);
  const reason = limitOf(cell);
  matrix.set(cell.row.key, cell.op, reason === undefined ? { kind: "observed", result } : { kind: "limit", reason, result });
}

/**
 * Cells that run side by side in one stack: setup, faults, the faulted step, then the next run for every cell that
 * failed (unless the provider refuses on purpose) or meets a known limit, then the checks of each cell.
 */
async function runSideBySide(stack: Stack, cells: MatrixCell[], faulted: "up" | "refresh"): Promise<void> {
  const program = (phase: "setup" | "faulted") => () => {
    for (const cell of cells) declare(cell, phase);
  };
  const step = async (): Promise<StepError[]> => (faulted === "up" ? await stack.up(program("faulted")) : await stack.refresh()).errors;
  expect((await stack.up(program("setup"))).errors).toEqual([]);
  await inject(cells);
  const first = await step();
  const runs = new Map(cells.map((cell): [MatrixCell, CellRun] => [cell, { outcome: outcomeOf(cell, errorOf(cell, first), fired(cell)), first }]));
  world.emulator.faults.clear();
  if (cells.some((cell) => failed(runs.get(cell)!) && !refused(cell, runs.get(cell)!))) {
    const again = await step();
    for (const run of runs.values()) run.again = again;
  }
  // A known limit of a read is undone by the next `up` (the program as declared).
  if (cells.some((cell) => limitOf(cell) !== undefined)) {
    const next = (await stack.up(program("setup"))).errors;
    for (const run of runs.values()) run.next = next;
  }
  for (const cell of cells) record(cell, runs.get(cell)!, stack, faulted);
}

/**
 * Cells one step each, on one stack whose setup creates all their resources at once: a delete refused on purpose
 * stays declared afterwards, so later steps do not try it again. `during` runs while the cell's step runs (the
 * fault of the restart row); without it, the row's fault is injected before the step.
 */
async function runOneByOne(stack: Stack, cells: MatrixCell[], during?: (cell: MatrixCell) => Promise<void>): Promise<void> {
  const faultedCells = new Set<MatrixCell>();
  const program = () => () => {
    for (const cell of cells) declare(cell, faultedCells.has(cell) ? "faulted" : "setup");
  };
  expect((await stack.up(program())).errors).toEqual([]);
  for (const cell of cells) {
    const step = async () => (cell.op === "refresh" ? await stack.refresh() : await stack.up(program())).errors;
    faultedCells.add(cell);
    let first: StepError[];
    if (during === undefined) {
      await inject([cell]);
      first = await step();
    } else {
      const running = step();
      await during(cell);
      first = await running;
    }
    const run: CellRun = { outcome: outcomeOf(cell, errorOf(cell, first), during !== undefined || fired(cell)), first };
    cell.ctx.emulator.faults.clear();
    if (refused(cell, run)) faultedCells.delete(cell);
    else if (failed(run)) run.again = await step();
    record(cell, run, stack, "up");
  }
}

/** Every checked cell of these rows and operations held (the table shows the cells; this fails the run on a ✗). */
function expectCellsHeld(rows: FaultRow[], ops: Op[]): void {
  const keys = new Set(rows.flatMap((r) => ops.map((op) => `${r.key} ${op}`)));
  expect(matrix.problems().filter((p) => keys.has(p.split(":")[0]))).toEqual([]);
}

test("writes: hub create, hub update, consumer-group create, side by side in one stack", async () => {
  const ops: Op[] = ["create", "update", "groupCreate"];
  await runSideBySide(newStack(), cellsFor(STANDARD_ROWS, ops), "up");
  expectCellsHeld(STANDARD_ROWS, ops);
}, 240_000);

test("refresh (read), side by side in one stack", async () => {
  await runSideBySide(newStack(), cellsFor(STANDARD_ROWS, ["refresh"]), "refresh");
  expectCellsHeld(STANDARD_ROWS, ["refresh"]);
}, 240_000);

test("deletes: hub delete and consumer-group delete, one step per cell, a stack per row", async () => {
  const ops: Op[] = ["delete", "groupDelete"];
  for (const row of STANDARD_ROWS) await runOneByOne(newStack(), cellsFor([row], ops));
  expectCellsHeld(STANDARD_ROWS, ops);
}, 400_000);

test("the emulator restarted while each operation runs, its state kept in its data directory", async () => {
  const UNTHROTTLED = { capacity: 1_000_000, perSecond: 1_000_000 };
  const emulator = await RestartableEmulator.start({ provisioningMs: 400, retryAfterSeconds: 0, throttling: { reads: UNTHROTTLED, writes: UNTHROTTLED, deletes: UNTHROTTLED } });
  await createResourceGroup(emulator.current.url, SUBSCRIPTION_ID, RESOURCE_GROUP);
  const stack = new Stack({
    project: "iothub-tests",
    hostLifetime: "per-stack",
    config: {
      "iothub:armEndpoint": emulator.current.url,
      "iothub:accessToken": { secret: DEV_TOKEN },
      "iothub:subscriptionId": SUBSCRIPTION_ID,
      "iothub:pollingScheduleMs": "50,50,100",
      ...PROVIDER_CONFIG,
    },
  });
  stacks.push(stack);
  try {
    const cells = cellsFor([RESTART], [...OPS], emulator.current);
    await runOneByOne(stack, cells, async (cell) => {
      await inFlight(cell);
      await emulator.restart(300);
      for (const c of cells) c.ctx.emulator = emulator.current;
    });
    expectCellsHeld([RESTART], [...OPS]);
  } finally {
    await stack.close();
    await emulator.close();
  }
}, 240_000);

/**
 * Resolves once the cell's operation is under way in the emulator: a hub's long-running operation started, or the
 * request of an operation answered at once held by a `delay` (the restart cuts it).
 */
async function inFlight(cell: MatrixCell): Promise<void> {
  const { emulator, hub } = cell.ctx;
  const stateOf = () => emulator.outOfBand.getHub(hubRef(hub))?.properties?.state as string | undefined;
  const transitional: Partial<Record<Op, (state: string | undefined) => boolean>> = {
    create: (state) => state !== undefined && state !== "Active",
    update: (state) => state === "Transitioning",
    delete: (state) => state === "Deleting",
  };
  const started = transitional[cell.op];
  if (started === undefined) {
    await new Promise<void>((resolve) => emulator.faults.add({ ...operationRequest(cell.ctx), action: { kind: "delay", ms: 10_000 }, onMatch: resolve }));
    return;
  }
  for (const deadline = Date.now() + 30_000; !started(stateOf()); await new Promise((r) => setTimeout(r, 5))) {
    if (Date.now() > deadline) throw new Error(`${cell.op} of ${hub} never started`);
  }
}

test("the provider host killed mid-create, then the same program run again: the same hub and group, finished", async () => {
  const [create, groupCreate] = cellsFor([KILLED], [...OPS]);
  // Default names, derived from the stack resource: a provider that drew a random name would make a second hub.
  const hubArgs = { resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" }, tags: { env: "dev" } };
  const groupResource = `${groupCreate.resource}-group`;
  const groupHub = () => new IotHub(groupCreate.resource, { ...hubArgs, name: groupCreate.ctx.hub });
  const program = () => {
    new IotHub(create.resource, hubArgs);
    new ConsumerGroup(groupResource, { hub: groupHub() });
  };
  // A host per step, as the CLI starts one per run: closing the stack kills it, as a killed `pulumi up` does.
  const stack = world.newStack({ hostLifetime: "per-step", config: PROVIDER_CONFIG });
  stacks.push(stack);
  expect((await stack.up(() => void groupHub())).errors).toEqual([]);
  // Both creates' requests are held 1.5 s (time to kill the host, even on a busy machine), then carried out by the
  // service whoever still waits for the answers.
  const held = (method: string, path: RegExp) =>
    new Promise<void>((resolve) => world.emulator.faults.add({ method, path, action: { kind: "delay", ms: 1_500 }, onMatch: resolve }));
  const bothHeld = Promise.all([
    held("PUT", new RegExp(`/IotHubs/${create.resource}-[a-z0-9]{7}$`, "i")),
    held("PUT", new RegExp(`/IotHubs/${groupCreate.ctx.hub}/eventHubEndpoints/events/ConsumerGroups/[^/]+$`, "i")),
  ]);
  const interrupted = stack.up(program).catch((e: unknown) => e);
  await bothHeld;
  await stack.close();
  await interrupted;
  const hubsMade = () => world.emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP }).filter((n) => n.startsWith(`${create.resource}-`));
  const groupsMade = () => world.emulator.outOfBand.listConsumerGroups({ ...hubRef(groupCreate.ctx.hub), hubName: groupCreate.ctx.hub }).filter((g) => g !== "$Default");
  for (const deadline = Date.now() + 10_000; (hubsMade().length === 0 || groupsMade().length === 0) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
  const [hubBefore, groupBefore] = [hubsMade(), groupsMade()];
  const recordedBefore = new Set(stack.resources().map((r) => r.name));

  const again = await stack.up(program);
  const cases = [
    { cell: create, resource: create.resource, before: hubBefore, after: hubsMade(), line: /carries this resource's ownership tag/ },
    { cell: groupCreate, resource: groupResource, before: groupBefore, after: groupsMade(), line: /exists already under the name this resource derives/ },
  ];
  for (const { cell, resource, before, after, line } of cases) {
    const problems: string[] = [];
    if (before.length !== 1) problems.push(`${before.length} made by the interrupted run`);
    if (recordedBefore.has(resource)) problems.push("the interrupted create was recorded in state");
    const error = errorOf(cell, again.errors)?.message;
    if (error !== undefined) problems.push(`the next up failed: ${error}`);
    if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`the next up left ${JSON.stringify(after)}, the interrupted run made ${JSON.stringify(before)}`);
    if (!line.test(again.hostStderr)) problems.push(`no line saying it was taken back (${line.source})`);
    if (stack.resources().find((r) => r.name === resource)?.outputs.name !== before[0]) problems.push("the state does not hold the one the interrupted run made");
    if (cell.op === "create") {
      const hub = world.emulator.outOfBand.getHub(hubRef(before[0] ?? ""));
      const wanted = { env: "dev", ...ownerTagOf(cell.resource) };
      if (JSON.stringify(hub?.tags) !== JSON.stringify(wanted)) problems.push(`tags ${JSON.stringify(hub?.tags)}, declared ${JSON.stringify(wanted)}`);
      if (hub?.properties?.state !== "Active") problems.push(`hub state ${hub?.properties?.state}`);
    }
    const result = cellResult({ outcome: "interrupted: nothing recorded", problems: [] }, "next `up` finishes the same one", problems);
    matrix.set(cell.row.key, cell.op, { kind: "observed", result });
  }
  expectCellsHeld([KILLED], [...OPS]);
}, 240_000);

test("docs/FAULT-MATRIX.md holds the table this run produced (IOTHUB_WRITE_FAULT_MATRIX=1 writes it)", () => {
  const table = matrix.markdown();
  if (process.env.IOTHUB_WRITE_FAULT_MATRIX === "1") writeTable(table);
  expect(committedTable(fs.readFileSync(DOC_PATH, "utf8"))).toBe(table);
});
