import { getLabCatalog } from "~/server/labs/catalog";
import { gradedSteps } from "~/server/labs/schema";
import { courseMemberProcedure } from "../../trpc";

/** The course's labs with how many steps the caller has passed in each. */
export const list = courseMemberProcedure.query(async ({ ctx, input }) => {
  const labs = await getLabCatalog();
  const passed = await ctx.db.labStepProgress.groupBy({
    by: ["labSlug"],
    where: { courseId: input.courseId, userId: ctx.user.id, passed: true },
    _count: { _all: true },
  });
  const passedBySlug = new Map(passed.map((row) => [row.labSlug, row._count._all]));
  return labs.map((lab) => ({
    slug: lab.slug,
    number: lab.number,
    title: lab.title,
    summary: lab.summary,
    stepCount: gradedSteps(lab).length,
    passedCount: passedBySlug.get(lab.slug) ?? 0,
  }));
});
