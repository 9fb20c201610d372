import { createJobOnTrainingRun } from "~/server/jobs/create";
import { courseMemberProcedure } from "../../trpc";
import { createOnTrainingRunInput } from "./create-sample";

/**
 * Queues an evaluation of a finished 2D training run the caller can see: Chamfer and MMD of
 * `config.count` generated points against as many fresh data points, stored as the job's metrics
 * (no artifacts). The config draws samples as sampling does.
 */
export const createEvaluation = courseMemberProcedure.input(createOnTrainingRunInput).mutation(({ ctx, input }) =>
  createJobOnTrainingRun(ctx.db, ctx.enrollment, { courseId: input.courseId, ownerId: ctx.user.id, kind: "EVALUATE", config: input.config, sourceJobId: input.sourceJobId }),
);
