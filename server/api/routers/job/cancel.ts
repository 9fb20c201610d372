import { TRPCError } from "@trpc/server";
import { cancelJob } from "~/gpu-worker/jobs/job-lifecycle";
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
  const outcome = await cancelJob(ctx.db, job.id);
  if (!outcome) throw new TRPCError({ code: "BAD_REQUEST", message: `This job has already ${job.status.toLowerCase().replaceAll("_", " ")}.` });
  await notifyJobChanged(ctx.db, { id: job.id, courseId: ctx.enrollment.courseId });
  return { id: job.id, status: outcome === "CANCELLED" ? ("CANCELLED" as const) : ("RUNNING" as const), cancelRequested: true };
});
