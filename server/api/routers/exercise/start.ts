import { z } from "zod";
import { startRun } from "~/server/exercises/run-lifecycle";
import { instructorProcedure } from "../../trpc";

export const start = instructorProcedure
  .input(z.object({ exerciseKey: z.string().min(1).max(200) }))
  .mutation(async ({ ctx, input }) => {
    const run = await startRun(ctx.db, input.courseId, input.exerciseKey, ctx.user.id);
    return { runId: run.id };
  });
