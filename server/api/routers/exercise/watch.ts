import { changes } from "~/server/realtime/notify-hub";
import { exerciseHub } from "~/server/exercises/events";
import { loadRun } from "~/server/exercises/run-lifecycle";
import { courseMemberProcedure } from "../../trpc";
import { currentView } from "./get";
import { runInput } from "./run-input";

/**
 * The run's view now and after every change, over SSE. A reconnecting page gets the current view at
 * once, so nothing is lost while it was away.
 */
export const watch = courseMemberProcedure.input(runInput).subscription(async function* ({ ctx, input, signal }) {
  await loadRun(ctx.db, input.courseId, input.runId);
  const viewer = { userId: ctx.user.id, role: ctx.enrollment.role };
  for await (const _ of changes(exerciseHub(), input.runId, signal ?? new AbortController().signal)) {
    yield await currentView(ctx, input.courseId, input.runId, viewer);
  }
});
