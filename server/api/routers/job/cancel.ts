import { TRPCError } from "@trpc/server";
import { findVisibleJob } from "~/server/jobs/access";
import { notifyJobChanged } from "~/server/realtime/job-events";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/**
 * Cancels a queued job at once; a running one is asked to stop, which its worker does between two
 * steps. Students cancel their own and their team's jobs, staff any job of the course.
 */
export const cancel = courseMemberProcedure.input(jobIdInput).mutation(async ({ ctx, input }) => {
  const job = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
  // Conditional updates: the worker may claim or finish the job between the read and the write.
  const dequeued = await ctx.db.job.updateMany({
    where: { id: job.id, status: "QUEUED" },
    data: { status: "CANCELLED", cancelRequested: true, finishedAt: new Date() },
  });
  const stopping = dequeued.count ? dequeued : await ctx.db.job.updateMany({ where: { id: job.id, status: "RUNNING" }, data: { cancelRequested: true } });
  if (stopping.count === 0) throw new TRPCError({ code: "BAD_REQUEST", message: `This job has already ${job.status.toLowerCase()}.` });
  await notifyJobChanged(ctx.db, { id: job.id, courseId: ctx.enrollment.courseId });
  return { id: job.id, status: dequeued.count ? ("CANCELLED" as const) : ("RUNNING" as const), cancelRequested: true };
});
