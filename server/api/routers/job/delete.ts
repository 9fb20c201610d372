import { TRPCError } from "@trpc/server";
import { ACTIVE_JOB_STATUSES } from "~/server/jobs/limits";
import { findVisibleJob } from "~/server/jobs/access";
import { notifyJobChanged } from "~/server/realtime/job-events";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/** Deletes a finished job and its artifacts; students their own, staff any job of the course. */
export const deleteJob = courseMemberProcedure.input(jobIdInput).mutation(async ({ ctx, input }) => {
  const job = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
  if (job.ownerId !== ctx.user.id && ctx.enrollment.role === "STUDENT") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only the student who started this job can delete it." });
  }
  const { count } = await ctx.db.job.deleteMany({ where: { id: job.id, status: { notIn: [...ACTIVE_JOB_STATUSES] } } });
  if (count === 0) throw new TRPCError({ code: "BAD_REQUEST", message: "Cancel the job before deleting it." });
  await notifyJobChanged(ctx.db, { id: job.id, courseId: ctx.enrollment.courseId });
  return { id: job.id };
});
