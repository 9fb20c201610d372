/**
 * What comes back out of the isolate is a string of JSON and nothing else (no references, no
 * functions); here it is parsed and checked against the shapes the grader expects, because the student's
 * code ran in the same isolate and may have tampered with what was written.
 */
import { z } from "zod";
import type { CallOutcome, LoadResult, StudentError } from "../grading/sandbox-runtime";

const studentErrorSchema = z.object({
  kind: z.enum(["syntax", "exception", "missing-function", "timeout", "memory"]),
  message: z.string().max(2_000),
  cell: z.string().max(100).optional(),
  line: z.int().positive().optional(),
});
const loadResultSchema = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: studentErrorSchema })]);
const callOutcomeSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown().optional() }), z.object({ ok: z.literal(false), error: studentErrorSchema })]);

/** NaN and ±Infinity do not survive JSON; the isolate writes them as { nonFinite: "NaN" }. */
export const NON_FINITE_KEY = "nonFinite";

const TAMPERED: StudentError = {
  kind: "exception",
  message: "Your code changed the sandbox's built-in objects (Object, Array, JSON…) so that its results cannot be read; leave them as they are.",
};

function parse(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text, (_key, value: unknown) => {
      if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Record<string, unknown>)[NON_FINITE_KEY] === "string") {
        return Number((value as Record<string, string>)[NON_FINITE_KEY]);
      }
      return value;
    });
  } catch {
    return undefined;
  }
}

export function readLoadResult(text: unknown): LoadResult {
  const parsed = loadResultSchema.safeParse(parse(text));
  return parsed.success ? parsed.data : { ok: false, error: TAMPERED };
}

export function readCallOutcomes(text: unknown, count: number): CallOutcome[] {
  const parsed = z.array(callOutcomeSchema).length(count).safeParse(parse(text));
  return parsed.success ? (parsed.data as CallOutcome[]) : Array.from({ length: count }, () => ({ ok: false, error: TAMPERED }));
}
