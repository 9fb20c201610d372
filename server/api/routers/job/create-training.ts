import { z } from "zod";
import { trainConfigSchema } from "~/gpu-worker/contracts/jobs";
import { createAndEnqueueJob } from "~/server/jobs/create";
import { courseMemberProcedure } from "../../trpc";

export const createTrainingInput = z.object({ config: trainConfigSchema });

/** Queues a training run; the config is checked against the contract and then the course's limits. */
export const createTraining = courseMemberProcedure
  .input(createTrainingInput)
  .mutation(({ ctx, input }) => createAndEnqueueJob(ctx.db, { courseId: input.courseId, ownerId: ctx.user.id, kind: "TRAIN", config: input.config }));
