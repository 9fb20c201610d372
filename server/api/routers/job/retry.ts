import { TRPCError } from "@trpc/server";
import { findVisibleJob } from "~/server/jobs/access";
import { createAndEnqueueJob } from "~/server/jobs/create";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/** Queues a new job with the config of a failed or cancelled one (checked against today's limits). */
export const retry = courseMemberProcedure.input(jobIdInput).mutation(async ({ ctx, input }) => {
  const job = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
  if (job.status !== "FAILED" && job.status !== "CANCELLED") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Only a failed or cancelled job can be retried." });
  }
  const { courseId, kind, config, sourceJobId } = job;
  return createAndEnqueueJob(ctx.db, { courseId, ownerId: ctx.user.id, kind, config, sourceJobId });
});
