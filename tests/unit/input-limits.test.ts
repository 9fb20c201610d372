/**
 * Every string and array a procedure accepts has a maximum, so no input can make the server parse,
 * store or compute on something unbounded. Walks every procedure of the app router with zod 4's own
 * definitions; a new procedure that forgets a `.max()` fails here with its path and the field.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "~/server/api/root";
import { unboundedInputs } from "./unbounded-inputs";

type Procedures = Record<string, { _def: { inputs: z.ZodType[] } }>;
const procedures = Object.entries(appRouter._def.procedures as unknown as Procedures);

describe("procedure inputs", () => {
  it("finds what lacks a maximum, however deeply nested", () => {
    const schema = z.object({
      id: z.string().min(1),
      tags: z.array(z.string().max(10)),
      nested: z.object({ note: z.string().trim().optional() }).nullable(),
      pair: z.tuple([z.string().max(5), z.string()]),
      either: z.union([z.string().max(3), z.array(z.number()).max(2)]),
      bounded: z.string().max(20).refine(Boolean),
    });
    expect(unboundedInputs(schema, "input")).toEqual([
      "input.id: string without .max()",
      "input.tags: array without .max()",
      "input.nested.note: string without .max()",
      "input.pair[1]: string without .max()",
    ]);
  });

  it("walks every procedure", () => {
    expect(procedures.length).toBeGreaterThan(60);
  });

  it.each(procedures)("%s bounds every string and array", (_path, procedure) => {
    expect(procedure._def.inputs.flatMap((schema) => unboundedInputs(schema, "input"))).toEqual([]);
  });
});
