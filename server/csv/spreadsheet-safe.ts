/**
 * CSV that is safe to open in a spreadsheet. Every export of the project goes through `spreadsheetCsv`.
 *
 * Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` as a formula,
 * and a leading tab or carriage return can hide such a start; a student named `=HYPERLINK(...)` would
 * otherwise run a formula on the instructor's machine (CSV injection). Following OWASP's guidance,
 * such a text cell gets a leading single quote, which spreadsheets show as text and do not evaluate,
 * and every text cell is double-quoted (embedded quotes doubled) so that separators inside it cannot
 * start a new cell.
 *
 * The rule is by type, not by look: strings are text (names, answers, comments, and anything else a
 * user could have typed) and are escaped even when they look like a number, so an answer `-2+3` stays
 * text; JavaScript numbers are values the server computed (points, totals, versions) and stay numbers,
 * so `-3.5` still sums in a spreadsheet. Booleans become `true` / `false`; null and undefined an empty cell.
 */
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null | undefined;

/** The characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as it must appear in the file: prefixed with `'` when a spreadsheet would evaluate it. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellValue(cell: CsvCell): string | number {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return cell;
  if (typeof cell === "boolean") return String(cell);
  return neutralizeFormula(cell);
}

/** The header and rows as CSV text (RFC 4180, `\n` line ends), text cells quoted and neutralized. */
export function spreadsheetCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify([header.map(neutralizeFormula), ...rows.map((row) => row.map(cellValue))], { quoted_string: true });
}
