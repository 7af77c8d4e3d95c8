/**
 * `--output table|json`: tables for people, JSON for scripts. The JSON shapes are part of the CLI's contract
 * (docs/CLI.md, "JSON output"): fields are added, never renamed or removed.
 */
import type { CliIo } from "./io";

export type OutputFormat = "table" | "json";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json"];

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns padded to their widest cell; an empty list prints the header and a "(none)" line. */
export function writeTable(io: CliIo, headers: string[], rows: Array<Array<string | number | undefined | null>>): void {
  const cells = rows.map((row) => row.map((c) => (c === undefined || c === null || c === "" ? "-" : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  io.stdout.write(`${line(headers)}\n`);
  if (cells.length === 0) io.stdout.write("(none)\n");
  for (const row of cells) io.stdout.write(`${line(row)}\n`);
}

/** `key: value` lines, for one object. */
export function writeFields(io: CliIo, fields: Array<[string, unknown]>): void {
  const width = Math.max(...fields.map(([k]) => k.length));
  for (const [k, v] of fields) {
    const text = v === undefined || v === null || v === "" ? "-" : typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v);
    io.stdout.write(`${`${k}:`.padEnd(width + 2)}${text}\n`);
  }
}
