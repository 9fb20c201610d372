import { TRPCError } from "@trpc/server";
import { resumeStoppedJob } from "~/gpu-worker/jobs/job-lifecycle";
import { findVisibleJob } from "~/server/jobs/access";
import { assertCapacity, courseJobLimits } from "~/server/jobs/limits";
import { enqueueJob } from "~/server/jobs/queue";
import { notifyJobChanged } from "~/server/realtime/job-events";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/**
 * Puts a run stopped at its budget back in the queue, to continue from its checkpoint, once the budget
 * has minutes again (after the instructor's top-up) and its owner a free slot. The owner's team and
 * staff may resume it.
 */
export const resume = courseMemberProcedure.input(jobIdInput).mutation(async ({ ctx, input }) => {
  const job = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
  if (job.status !== "STOPPED_AT_BUDGET") throw new TRPCError({ code: "BAD_REQUEST", message: "Only a run stopped at its budget can be resumed; retry a failed or cancelled one." });
  // Checked like a new job of its owner (slots, the day's minutes, the team's budget), under the same lock.
  await ctx.db.$transaction(async (tx) => {
    const limits = await courseJobLimits(tx, job.courseId);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`jobs:${job.ownerId}`}))`;
    await assertCapacity(tx, { courseId: job.courseId, userId: job.ownerId, teamId: job.teamId }, limits);
    if (!(await resumeStoppedJob(tx, job.id))) throw new TRPCError({ code: "CONFLICT", message: "This run was resumed already." });
  });
  await enqueueJob(job);
  await notifyJobChanged(ctx.db, { id: job.id, courseId: job.courseId });
  return { id: job.id, status: "QUEUED" as const };
});
