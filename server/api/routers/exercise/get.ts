import { advanceIfDue, loadRun } from "~/server/exercises/run-lifecycle";
import { runView } from "~/server/exercises/run-view";
import type { Context } from "../../trpc";
import { courseMemberProcedure } from "../../trpc";
import { runInput } from "./run-input";

/** The run as the caller sees it; a countdown that has run out advances the run first. */
export async function currentView(ctx: Pick<Context, "db">, courseId: string, runId: string, viewer: Parameters<typeof runView>[2]) {
  let run = await loadRun(ctx.db, courseId, runId);
  if (await advanceIfDue(ctx.db, run)) run = await loadRun(ctx.db, courseId, runId);
  return runView(ctx.db, run, viewer);
}

export const get = courseMemberProcedure.input(runInput).query(({ ctx, input }) =>
  currentView(ctx, input.courseId, input.runId, { userId: ctx.user.id, role: ctx.enrollment.role }),
);
