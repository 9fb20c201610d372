/**
 * The strings, arrays and records inside a zod 4 schema that have no maximum length, as paths
 * (`input.config.name`). Reads zod 4's definitions (`_zod.def`), including each check's own definition.
 */
import type { z } from "zod";

interface Internals {
  def: { type: string; checks?: { _zod: { def: { check: string } } }[]; [key: string]: unknown };
}

const internals = (schema: unknown) => (schema as { _zod: Internals })._zod;

/** `.max(n)` and `.length(n)` both bound a string or an array. */
const hasMaximum = (def: Internals["def"]) => (def.checks ?? []).some(({ _zod }) => _zod.def.check === "max_length" || _zod.def.check === "length_equals");

export function unboundedInputs(schema: z.ZodType, path: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const { def } = internals(schema);
  const inner = (child: unknown, childPath = path) => unboundedInputs(child as z.ZodType, childPath, seen);
  switch (def.type) {
    case "string":
      return hasMaximum(def) ? [] : [`${path}: string without .max()`];
    case "array":
      return [...(hasMaximum(def) ? [] : [`${path}: array without .max()`]), ...inner(def.element, `${path}[]`)];
    case "record":
      return [`${path}: record (unbounded keys); use an object or an array with .max()`];
    case "object":
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, child]) => inner(child, `${path}.${key}`));
    case "tuple":
      return [...(def.items as unknown[]).flatMap((item, index) => inner(item, `${path}[${index}]`)), ...(def.rest ? inner(def.rest, `${path}[…]`) : [])];
    case "union":
      return (def.options as unknown[]).flatMap((option) => inner(option));
    case "intersection":
      return [...inner(def.left), ...inner(def.right)];
    case "pipe":
      return inner(def.in);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return inner(def.innerType);
    case "lazy":
      return inner((def.getter as () => unknown)());
    default:
      // numbers, booleans, enums, literals, dates, transforms: bounded by their type.
      return [];
  }
}
