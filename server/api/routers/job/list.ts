import { ownAndTeamJobs, currentTeamId } from "~/server/jobs/access";
import { jobView, jobViewSelect } from "~/server/jobs/view";
import { courseMemberProcedure } from "../../trpc";

/** The caller's own and their team's jobs in the course, newest first. */
export const list = courseMemberProcedure.query(async ({ ctx, input }) => {
  const teamId = await currentTeamId(ctx.db, input.courseId, ctx.user.id);
  const jobs = await ctx.db.job.findMany({
    where: { courseId: input.courseId, ...ownAndTeamJobs(ctx.user.id, teamId) },
    select: jobViewSelect,
    orderBy: { queuedAt: "desc" },
  });
  return jobs.map(jobView);
});
