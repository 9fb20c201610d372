import { findVisibleJob } from "~/server/jobs/access";
import { jobView, jobViewSelect } from "~/server/jobs/view";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

export const get = courseMemberProcedure.input(jobIdInput).query(async ({ ctx, input }) => {
  const { id } = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
  return jobView(await ctx.db.job.findUniqueOrThrow({ where: { id }, select: jobViewSelect }));
});
