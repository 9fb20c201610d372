import { gradesCsv } from "~/server/grading/csv";
import { courseStaffProcedure } from "../../trpc";

/** Every grade of the course as CSV; GET /api/courses/[courseId]/grades.csv serves it as a download. */
export const exportCsv = courseStaffProcedure.query(async ({ ctx, input }) => {
  const course = await ctx.db.course.findUniqueOrThrow({ where: { id: input.courseId }, select: { slug: true } });
  return { fileName: `${course.slug}-grades-${new Date().toISOString().slice(0, 10)}.csv`, csv: await gradesCsv(ctx.db, input.courseId) };
});
