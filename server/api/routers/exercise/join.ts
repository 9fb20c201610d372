import { joinRun, loadRun } from "~/server/exercises/run-lifecycle";
import { courseMemberProcedure } from "../../trpc";
import { runInput } from "./run-input";

/** Students join the run they open; staff watch without joining. */
export const join = courseMemberProcedure.input(runInput).mutation(async ({ ctx, input }) => {
  const run = await loadRun(ctx.db, input.courseId, input.runId);
  if (ctx.enrollment.role === "STUDENT") await joinRun(ctx.db, run, ctx.user.id);
  return { joined: ctx.enrollment.role === "STUDENT" };
});
