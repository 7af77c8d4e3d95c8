/**
 * The fault matrix's shape and its markdown table (docs/FAULT-MATRIX.md): operations as columns, faults as rows, one
 * cell per pair holding what was observed, or why the pair does not apply.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const OPS = ["create", "update", "delete", "refresh", "groupCreate", "groupDelete"] as const;
export type Op = (typeof OPS)[number];

export const OP_TITLES: Record<Op, string> = {
  create: "hub create",
  update: "hub update",
  delete: "hub delete",
  refresh: "refresh (read)",
  groupCreate: "consumer-group create",
  groupDelete: "consumer-group delete",
};

/** What the faulted step did for the cell's resource (docs/FAULT-MATRIX.md, "Outcomes"). */
export type Outcome = "succeeded after retry" | "clear error" | "partial failure recorded" | "succeeded" | "interrupted: nothing recorded";

export interface CellResult {
  outcome: Outcome;
  /** What the next run did, when the first one failed: "next up converges", "refused until refresh", … */
  then?: string;
  /** The assertions on the emulator (and state) that did not hold; empty when all held. */
  problems: string[];
}

export type Cell =
  | { kind: "observed"; result: CellResult }
  | { kind: "n/a"; reason: string }
  /** run all the same: `result` holds the checks of the limit's documented consequence */
  | { kind: "limit"; reason: string; result: CellResult };

export interface RowTitle {
  key: string;
  title: string;
}

/** The cells of a run, by row key and operation. */
export class Matrix {
  private readonly cells = new Map<string, Cell>();

  constructor(readonly rows: readonly RowTitle[]) {}

  set(row: string, op: Op, cell: Cell): void {
    this.cells.set(`${row} ${op}`, cell);
  }

  get(row: string, op: Op): Cell | undefined {
    return this.cells.get(`${row} ${op}`);
  }

  /** Every observed cell whose assertions failed, as "row / op: problem" lines. */
  problems(): string[] {
    return [...this.cells.entries()].flatMap(([key, cell]) =>
      cell.kind === "n/a" ? [] : cell.result.problems.map((p) => `${key}: ${p}`),
    );
  }

  /** The markdown table; n/a reasons and known limits as numbered notes under it. */
  markdown(): string {
    const notes: string[] = [];
    const note = (text: string): number => {
      const index = notes.indexOf(text);
      if (index >= 0) return index + 1;
      notes.push(text);
      return notes.length;
    };
    const lines = [
      `| fault | ${OPS.map((op) => OP_TITLES[op]).join(" | ")} |`,
      `|---|${OPS.map(() => "---").join("|")}|`,
    ];
    for (const row of this.rows) {
      const cells = OPS.map((op) => {
        const cell = this.get(row.key, op);
        if (cell === undefined) return "not run";
        if (cell.kind === "n/a") return `n/a [${note(cell.reason)}]`;
        if (cell.kind === "limit") return `**known limit** [${note(cell.reason)}]${cell.result.problems.length === 0 ? " ✓" : " **✗**"}`;
        const { outcome, then, problems } = cell.result;
        const text = then === undefined ? outcome : `${outcome}; ${then}`;
        return problems.length === 0 ? `${text} ✓` : `${text} **✗ ${problems.length} check(s) failed**`;
      });
      lines.push(`| ${row.title} | ${cells.join(" | ")} |`);
    }
    lines.push("", ...notes.map((text, i) => `- [${i + 1}] ${text}`));
    return `${lines.join("\n")}\n`;
  }
}

export const DOC_PATH = path.resolve(__dirname, "..", "..", "docs", "FAULT-MATRIX.md");
export const BEGIN_MARKER = "<!-- fault-matrix:begin (written by test/reliability/fault-matrix.test.ts) -->";
export const END_MARKER = "<!-- fault-matrix:end -->";

/** The table committed in docs/FAULT-MATRIX.md, between the markers. */
export function committedTable(docText: string): string | undefined {
  const begin = docText.indexOf(BEGIN_MARKER);
  const end = docText.indexOf(END_MARKER);
  if (begin < 0 || end < begin) return undefined;
  return docText.slice(begin + BEGIN_MARKER.length, end).replace(/^\n+/, "").replace(/\n+$/, "\n");
}

/** Puts `table` between the markers of docs/FAULT-MATRIX.md (IOTHUB_WRITE_FAULT_MATRIX=1). */
export function writeTable(table: string): void {
  const doc = fs.readFileSync(DOC_PATH, "utf8");
  const begin = doc.indexOf(BEGIN_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (begin < 0 || end < begin) throw new Error(`${DOC_PATH} has no ${BEGIN_MARKER} … ${END_MARKER} markers`);
  fs.writeFileSync(DOC_PATH, `${doc.slice(0, begin + BEGIN_MARKER.length)}\n\n${table}\n${doc.slice(end)}`);
}
