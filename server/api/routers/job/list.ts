import { z } from "zod";
import { ownAndTeamJobs, currentTeamId } from "~/server/jobs/access";
import { jobView, jobViewSelect } from "~/server/jobs/view";
import { courseMemberProcedure } from "../../trpc";

/** The caller's own and their team's jobs in the course, newest first; archived ones only when asked for. */
export const list = courseMemberProcedure.input(z.object({ includeArchived: z.boolean().default(false) })).query(async ({ ctx, input }) => {
  const teamId = await currentTeamId(ctx.db, input.courseId, ctx.user.id);
  const jobs = await ctx.db.job.findMany({
    where: { courseId: input.courseId, ...ownAndTeamJobs(ctx.user.id, teamId), ...(input.includeArchived ? {} : { archivedAt: null }) },
    select: jobViewSelect,
    orderBy: { queuedAt: "desc" },
  });
  return jobs.map(jobView);
});
