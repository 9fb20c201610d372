/**
 * TypeScript cells become JavaScript in the browser by stripping types with Sucrase, which keeps every
 * statement on its line, so errors from the sandbox point at the line the student wrote.
 */
import { transform } from "sucrase";
import type { CodeLanguage } from "../schema";
import type { StudentError } from "./sandbox-runtime";

export type Compiled = { ok: true; code: string } | { ok: false; error: StudentError };

export function compileCell(code: string, language: CodeLanguage, cellName: string): Compiled {
  if (language === "js") return { ok: true, code };
  try {
    return { ok: true, code: transform(code, { transforms: ["typescript"], disableESTransforms: true }).code };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Sucrase ends its messages with "(line:column)".
    const position = /\((\d+):\d+\)\s*$/.exec(message);
    return { ok: false, error: { kind: "syntax", message: `SyntaxError: ${message}`, cell: cellName, line: position ? Number(position[1]) : undefined } };
  }
}
