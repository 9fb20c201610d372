import { TRPCError } from "@trpc/server";
import { budgetExhaustedMessage, gpuBudget } from "~/gpu-worker/jobs/job-budget";
import { resumeStoppedJob } from "~/gpu-worker/jobs/job-lifecycle";
import { findVisibleJob } from "~/server/jobs/access";
import { courseJobLimits } from "~/server/jobs/limits";
import { enqueueJob } from "~/server/jobs/queue";
import { notifyJobChanged } from "~/server/realtime/job-events";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/**
 * Puts a run stopped at its budget back in the queue, to continue from its checkpoint, once the budget
 * has minutes again (after the instructor's top-up). The owner's team and staff may resume it.
 */
export const resume = courseMemberProcedure.input(jobIdInput).mutation(async ({ ctx, input }) => {
  const job = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
  if (job.status !== "STOPPED_AT_BUDGET") throw new TRPCError({ code: "BAD_REQUEST", message: "Only a run stopped at its budget can be resumed; retry a failed or cancelled one." });
  const budget = await gpuBudget(ctx.db, job, await courseJobLimits(ctx.db, job.courseId));
  if (budget.remainingMinutes <= 0) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: budgetExhaustedMessage(budget) });
  if (!(await resumeStoppedJob(ctx.db, job.id))) throw new TRPCError({ code: "CONFLICT", message: "This run was resumed already." });
  await enqueueJob(job);
  await notifyJobChanged(ctx.db, { id: job.id, courseId: job.courseId });
  return { id: job.id, status: "QUEUED" as const };
});
