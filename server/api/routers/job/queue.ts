import { ACTIVE_JOB_STATUSES } from "~/server/jobs/limits";
import { jobView, jobViewSelect } from "~/server/jobs/view";
import { courseStaffProcedure } from "../../trpc";

/** Staff: every queued and running job of the course, oldest first (the order workers take them). */
export const queue = courseStaffProcedure.query(async ({ ctx, input }) => {
  const jobs = await ctx.db.job.findMany({
    where: { courseId: input.courseId, status: { in: [...ACTIVE_JOB_STATUSES] } },
    select: jobViewSelect,
    orderBy: { queuedAt: "asc" },
  });
  return jobs.map(jobView);
});
