import type { z } from "zod";
import type { LimitViolation } from "~/gpu-worker/contracts/jobs";

/** Field errors by config path ("model.hidden"), from the contract's schema and the course's limits. */
export function fieldErrors(result: z.ZodSafeParseResult<unknown>, violations: LimitViolation[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  for (const { field, limit } of violations) errors[field] ??= `This course allows at most ${limit}.`;
  return errors;
}

/** A number input's value as the schema should see it: blank stays blank (and fails as missing). */
export const numberOrBlank = (value: string) => (value.trim() === "" ? undefined : Number(value));
