import { z } from "zod";
import { sampleConfigSchema } from "~/gpu-worker/contracts/jobs";
import { createJobOnTrainingRun } from "~/server/jobs/create";
import { courseMemberProcedure } from "../../trpc";

export const createOnTrainingRunInput = z.object({ sourceJobId: z.string().min(1).max(64), config: sampleConfigSchema });

/** Queues sampling from a finished training run the caller can see (points, scatter plot, metrics). */
export const createSample = courseMemberProcedure.input(createOnTrainingRunInput).mutation(({ ctx, input }) =>
  createJobOnTrainingRun(ctx.db, ctx.enrollment, { courseId: input.courseId, ownerId: ctx.user.id, kind: "SAMPLE", config: input.config, sourceJobId: input.sourceJobId }),
);
