import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { sampleConfigSchema } from "~/gpu-worker/contracts/jobs";
import { findVisibleJob } from "~/server/jobs/access";
import { createAndEnqueueJob } from "~/server/jobs/create";
import { courseMemberProcedure } from "../../trpc";

export const createSampleInput = z.object({ sourceJobId: z.string().min(1), config: sampleConfigSchema });

/** Queues sampling from a finished training run the caller can see. */
export const createSample = courseMemberProcedure.input(createSampleInput).mutation(async ({ ctx, input }) => {
  const source = await findVisibleJob(ctx.db, ctx.enrollment, input.sourceJobId);
  if (source.kind !== "TRAIN" || source.status !== "SUCCEEDED") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Sample from a training run that has succeeded." });
  }
  return createAndEnqueueJob(ctx.db, { courseId: input.courseId, ownerId: ctx.user.id, kind: "SAMPLE", config: input.config, sourceJobId: source.id });
});
