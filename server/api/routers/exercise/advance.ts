import { z } from "zod";
import { advanceRun, extendPhase, loadRun, regroupRun } from "~/server/exercises/run-lifecycle";
import { instructorProcedure } from "../../trpc";
import { runInput } from "./run-input";

/** The instructor's controls: next phase, more time, new groups. */
export const advance = instructorProcedure.input(runInput).mutation(async ({ ctx, input }) => {
  await advanceRun(ctx.db, await loadRun(ctx.db, input.courseId, input.runId));
});

export const extend = instructorProcedure
  .input(runInput.extend({ seconds: z.int().min(10).max(600).default(60) }))
  .mutation(async ({ ctx, input }) => {
    await extendPhase(ctx.db, await loadRun(ctx.db, input.courseId, input.runId), input.seconds);
  });

export const regroup = instructorProcedure.input(runInput).mutation(async ({ ctx, input }) => {
  await regroupRun(ctx.db, await loadRun(ctx.db, input.courseId, input.runId));
});
