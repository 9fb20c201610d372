/**
 * A deliverable's rubric: its criteria in order, each with its points and an optional autograde rule.
 * Saving replaces the list: criteria kept by id keep their scores, removed ones take theirs with them.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { Prisma } from "~/prisma/generated/client/client";
import type { Db } from "~/server/db/client";
import { findDeliverable } from "~/server/submissions/deliverables";
import { autogradeRuleSchema, readAutogradeRule } from "./autograde";

export const criterionInputSchema = z.object({
  /** Present for a criterion that already exists. */
  id: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1, "Every criterion needs a name.").max(200, "Keep criterion names under 200 characters."),
  description: z.string().trim().max(2000, "Keep criterion descriptions under 2,000 characters.").default(""),
  maxPoints: z.number().positive("A criterion's points must be above 0.").max(1000, "A criterion can be worth at most 1000 points."),
  autograde: autogradeRuleSchema.nullable().default(null),
});

export const rubricInputSchema = z.array(criterionInputSchema).max(30, "Keep a rubric to at most 30 criteria.");

export async function saveRubric(db: Db, courseId: string, deliverableId: string, criteria: z.infer<typeof rubricInputSchema>) {
  const deliverable = await findDeliverable(db, courseId, deliverableId);
  const existing = new Set(deliverable.criteria.map((criterion) => criterion.id));
  const unknown = criteria.find((criterion) => criterion.id && !existing.has(criterion.id));
  if (unknown) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `Criterion "${unknown.name}" is not part of this rubric any more; reload the page and edit again.` });
  }
  const kept = new Set(criteria.map((criterion) => criterion.id).filter(Boolean));
  await db.$transaction(async (tx) => {
    await tx.rubricCriterion.deleteMany({ where: { deliverableId, id: { notIn: [...kept] as string[] } } });
    for (const [position, { id, autograde, ...fields }] of criteria.entries()) {
      // A criterion whose rule was removed must lose it in the row: DbNull writes SQL NULL.
      const data = { ...fields, position, autograde: autograde ?? Prisma.DbNull };
      if (id) await tx.rubricCriterion.update({ where: { id }, data });
      else await tx.rubricCriterion.create({ data: { ...data, deliverableId } });
    }
  });
  return (await findDeliverable(db, courseId, deliverableId)).criteria.map(criterionView);
}

/** A criterion as pages show it, with its autograde rule read through the schema. */
export function criterionView(criterion: { id: string; name: string; description: string; maxPoints: number; autograde: unknown }) {
  return { id: criterion.id, name: criterion.name, description: criterion.description, maxPoints: criterion.maxPoints, autograde: readAutogradeRule(criterion.autograde) };
}
