import { TRPCError } from "@trpc/server";
import { findVisibleJob } from "~/server/jobs/access";
import { createAndEnqueueJob, createJobOnTrainingRun } from "~/server/jobs/create";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/**
 * Queues a new job with the config of a failed or cancelled one (checked against today's limits). A
 * job on a training run (sampling, evaluation) is checked like a new one: the caller must still see
 * that run today, not just when the first attempt was made (a student who left the team lost it).
 */
export const retry = courseMemberProcedure.input(jobIdInput).mutation(async ({ ctx, input }) => {
  const job = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
  if (job.status !== "FAILED" && job.status !== "CANCELLED") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Only a failed or cancelled job can be retried." });
  }
  const { courseId, kind, config, sourceJobId } = job;
  const retried = { courseId, ownerId: ctx.user.id, kind, config };
  if (sourceJobId) return createJobOnTrainingRun(ctx.db, ctx.enrollment, { ...retried, sourceJobId });
  return createAndEnqueueJob(ctx.db, retried);
});
