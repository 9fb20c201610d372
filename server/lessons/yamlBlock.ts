/**
 * Parses one YAML part of a lesson file (the front matter or the body of an ```exercise or ```figure
 * block) and validates it with a zod schema. Problems come back as issues on the file's own lines, found
 * through the YAML node each problem belongs to, so authors are sent to the offending field.
 */
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import type { LessonIssue } from "./errors";

export interface YamlBlockSource {
  file: string;
  /** Names the block in messages: "front matter", "exercise", "figure". */
  label: string;
  /** File line of the YAML text's first line. */
  firstLine: number;
  /** File line blamed for a field that is missing altogether: the opening fence or `---`. */
  blockLine: number;
}

export type YamlBlockResult<T> = { ok: true; value: T } | { ok: false; issues: LessonIssue[] };

/** Rewords zod's defaults for the mistakes authors make most: a forgotten field and a misspelled value. */
const authorFacingMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  if (issue.code === "invalid_type" && issue.expected === "int") return "must be a whole number";
  if (issue.code === "invalid_value") return `must be one of: ${issue.values.join(", ")}`;
  return undefined;
};

export function parseYamlBlock<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  source: YamlBlockSource,
): YamlBlockResult<z.output<Schema>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const fileLine = (offset: number) => source.firstLine + lineCounter.linePos(offset).line - 1;

  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => ({
      file: source.file,
      line: fileLine(error.pos[0]),
      message: `${source.label} is not valid YAML: ${error.message.split("\n")[0]}`,
    }));
    return { ok: false, issues };
  }

  // An empty block parses to null; validating {} instead reports each required field by name.
  const parsed = schema.safeParse(doc.toJS() ?? {}, { error: authorFacingMessages });
  if (parsed.success) return { ok: true, value: parsed.data };

  const issues = parsed.error.issues.flatMap((issue): LessonIssue[] => {
    const at = (path: PropertyKey[]) => lineOfPath(doc, path, fileLine) ?? source.blockLine;
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        file: source.file,
        line: at([...issue.path, key]),
        message: `${source.label} has an unknown field "${[...issue.path, key].join(".")}"`,
      }));
    }
    const field = issue.path.length > 0 ? ` field "${issue.path.join(".")}"` : "";
    return [{ file: source.file, line: at(issue.path), message: `${source.label}${field}: ${issue.message}` }];
  });
  return { ok: false, issues };
}

/** The line of the deepest node along `path` that exists; undefined when not even the first key does. */
function lineOfPath(doc: Document, path: PropertyKey[], fileLine: (offset: number) => number): number | undefined {
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return fileLine(node.range[0]);
  }
  return undefined;
}
