/**
 * One cell of the fault matrix as resources of a program: what each operation's cell declares before the fault
 * (setup) and in the step the fault hits (faulted), and what the emulator and the state must hold afterwards
 * (docs/FAULT-MATRIX.md, "What every cell checks").
 */
import { ConsumerGroup, IotHub } from "../../provider";
import type { Stack, StepError } from "../../tools/harness";
import { RESOURCE_GROUP, SUBSCRIPTION_ID, devHubArgs, hubRef, ownerTagOf } from "../iothub/world";
import type { CellContext, FaultRow } from "./fault-rows";
import type { CellResult, Op, Outcome } from "./matrix-table";

export interface MatrixCell {
  row: FaultRow;
  op: Op;
  /** Pulumi name of the cell's hub resource; its group resources add `-<group>`. */
  resource: string;
  ctx: CellContext;
}

const KEPT_GROUP = "analytics";
const DELETED_GROUP = "archive";

export function groupOf(op: Op): string {
  return op === "groupDelete" ? DELETED_GROUP : KEPT_GROUP;
}

/** The tags the program declares for the cell's hub in a phase. */
function declaredTags(op: Op, phase: "setup" | "faulted"): Record<string, string> {
  return op === "update" && phase === "faulted" ? { env: "prod" } : { env: "dev" };
}

/** Registers the cell's resources as the program of `phase` declares them. */
export function declare(cell: MatrixCell, phase: "setup" | "faulted"): void {
  const { op, resource, ctx } = cell;
  if (op === "create" && phase === "setup") return;
  if (op === "delete" && phase === "faulted") return;
  const hub = new IotHub(resource, devHubArgs(ctx.hub, { tags: declaredTags(op, phase) }));
  const groups = op === "groupCreate" ? (phase === "faulted" ? [KEPT_GROUP] : [])
    : op === "groupDelete" ? (phase === "setup" ? [KEPT_GROUP, DELETED_GROUP] : [KEPT_GROUP])
    : [];
  for (const name of groups) new ConsumerGroup(`${resource}-${name}`, { hub, name });
}

/** The Pulumi resource the cell's operation acts on. */
export function subjectOf(cell: MatrixCell): string {
  return cell.op === "groupCreate" || cell.op === "groupDelete" ? `${cell.resource}-${cell.ctx.group}` : cell.resource;
}

export function errorOf(cell: MatrixCell, errors: StepError[]): StepError | undefined {
  const subject = subjectOf(cell);
  return errors.find((e) => e.urn.endsWith(`::${subject}`));
}

const REQUEST_ID = /x-ms-request-id: [0-9a-f-]{36}/;

/** The outcome of the faulted step for the cell, and what is wrong with its error text (code and request id). */
export function outcomeOf(cell: MatrixCell, error: StepError | undefined, fired: boolean): { outcome: Outcome; problems: string[] } {
  if (error === undefined) return { outcome: fired ? "succeeded after retry" : "succeeded", problems: fired ? [] : ["the fault did not fire"] };
  const problems: string[] = [];
  if (!REQUEST_ID.test(error.message)) problems.push(`the error carries no x-ms-request-id: ${error.message}`);
  const code = cell.row.code ?? /[A-Za-z]+ \(\d{3}\) \S+/;
  if (!code.test(error.message)) problems.push(`the error does not name the code (${code.source}): ${error.message}`);
  return { outcome: error.partial ? "partial failure recorded" : "clear error", problems };
}

/**
 * What the emulator and the state hold once the cell is done (after the next run, when one was needed): exactly one
 * hub of the cell's name, or none after a delete; its tags what the program declared, the ownership tag included;
 * consumer groups exactly the declared set; the state's etag the hub's. A refusal leaves the outside value in place.
 */
export function emulatorProblems(cell: MatrixCell, stack: Stack, o: { refused: boolean }): string[] {
  const { op, ctx, row } = cell;
  const problems: string[] = [];
  const hubs = ctx.emulator.outOfBand.listHubs({ subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP }).filter((n) => n.toLowerCase() === ctx.hub.toLowerCase());
  const inState = stack.resources().find((r) => r.name === cell.resource);
  const deleted = op === "delete" && !o.refused;
  if (deleted) {
    if (hubs.length !== 0) problems.push(`the hub still exists after the delete`);
    if (inState !== undefined) problems.push(`the state still holds the deleted hub`);
    return problems;
  }
  if (hubs.length !== 1) return [`${hubs.length} hubs named ${ctx.hub} in the emulator`];
  const hub = ctx.emulator.outOfBand.getHub(hubRef(ctx.hub));
  if (op === "create" && row.key === "412") {
    // Somebody else's hub: the refused create must leave it exactly as its owner made it.
    if (JSON.stringify(hub.tags) !== JSON.stringify({ owner: "someone-else" })) problems.push(`the outside hub's tags changed: ${JSON.stringify(hub.tags)}`);
    if (inState !== undefined) problems.push("the state records somebody else's hub");
    return problems;
  }
  const outside = row.refusal?.tag;
  const wantedTags = o.refused && outside
    ? { ...declaredTags(op, "setup"), [outside.name]: outside.value, ...ownerTagOf(cell.resource) }
    : { ...declaredTags(op, "faulted"), ...ownerTagOf(cell.resource) };
  if (!sameJson(sorted(hub.tags), sorted(wantedTags))) problems.push(`tags ${JSON.stringify(hub.tags)}, declared ${JSON.stringify(wantedTags)}`);
  if (hub.sku?.name !== "S1" || hub.sku?.capacity !== 1) problems.push(`sku ${JSON.stringify(hub.sku)}`);
  if (hub.properties?.state !== "Active") problems.push(`hub state ${hub.properties?.state}`);
  const groups = ctx.emulator.outOfBand.listConsumerGroups({ ...hubRef(ctx.hub), hubName: ctx.hub }).sort();
  const wantedGroups = ["$Default", ...(op === "groupCreate" || op === "groupDelete" ? [KEPT_GROUP] : []), ...(row.key === "412" ? ["outside"] : [])].sort();
  if (!sameJson(groups, wantedGroups)) problems.push(`consumer groups ${JSON.stringify(groups)}, declared ${JSON.stringify(wantedGroups)}`);
  if (inState === undefined) problems.push("the state lost the hub");
  // (A consumer-group write moves the hub's etag after the hub's own step: its state etag is refreshed by the next read.)
  else if (!o.refused && (op === "create" || op === "update" || op === "refresh") && inState.outputs.etag !== hub.etag) problems.push(`state etag ${String(inState.outputs.etag)}, hub etag ${hub.etag}`);
  const groupsInState = stack.resources().filter((r) => r.type.endsWith(":ConsumerGroup") && r.name.startsWith(`${cell.resource}-`)).map((r) => String(r.outputs.name)).sort();
  const wantedInState = wantedGroups.filter((g) => g !== "$Default" && g !== "outside");
  if (!sameJson(groupsInState, wantedInState)) problems.push(`consumer groups in state ${JSON.stringify(groupsInState)}, declared ${JSON.stringify(wantedInState)}`);
  return problems;
}

export function cellResult(outcome: { outcome: Outcome; problems: string[] }, then: string | undefined, more: string[]): CellResult {
  return { outcome: outcome.outcome, then, problems: [...outcome.problems, ...more] };
}

function sorted(o: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(o ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
