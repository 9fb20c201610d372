import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutralizeFormula, spreadsheetCsv } from "./spreadsheet-safe";

/** The payloads OWASP's CSV-injection page lists the starts of, each as a spreadsheet would see it. */
const ATTACKS = ['=HYPERLINK("http://x")', "+1+1", "@SUM(1)", "-2+3", "\t=1", "\r=1", "=1+2;=3", "-3.5"];

describe("neutralizeFormula", () => {
  it.each(ATTACKS)("prefixes %j with a single quote", (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(["Alice", "3 of 12", "a=b", "x - y", "'quoted already", "", "2026-12-03T18:00:00.000Z"])("leaves %j as it is", (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe("spreadsheetCsv", () => {
  it("escapes text cells, keeps numbers as numbers, and round-trips through a CSV parser", () => {
    const csv = spreadsheetCsv(["name", "answer", "points", "late", "empty"], [
      ['=HYPERLINK("http://x")', "-2+3", -3.5, true, null],
      ["Ann, \"the\" best", "line one\nline two", 0, false, undefined],
    ]);

    expect(parse(csv)).toEqual([
      ["name", "answer", "points", "late", "empty"],
      [`'=HYPERLINK("http://x")`, "'-2+3", "-3.5", "true", ""],
      ['Ann, "the" best', "line one\nline two", "0", "false", ""],
    ]);
  });

  it("quotes every text cell and doubles embedded quotes, leaving numbers bare", () => {
    const csv = spreadsheetCsv(["a", "b"], [['=1,"2"', 7]]);

    expect(csv).toBe(`"a","b"\n"'=1,""2""",7\n`);
  });

  it("escapes a header too (column names can come from data)", () => {
    expect(parse(spreadsheetCsv(["=cmd"], []))).toEqual([["'=cmd"]]);
  });
});
