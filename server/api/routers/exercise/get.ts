import { loadCurrentRunState, viewOfRun } from "~/server/exercises/run-view";
import { courseMemberProcedure } from "../../trpc";
import { runInput } from "./run-input";

/** The run as the caller sees it; a countdown that has run out advances the run first. */
export const get = courseMemberProcedure.input(runInput).query(async ({ ctx, input }) =>
  viewOfRun(await loadCurrentRunState(ctx.db, input.courseId, input.runId), { userId: ctx.user.id, role: ctx.enrollment.role }),
);
