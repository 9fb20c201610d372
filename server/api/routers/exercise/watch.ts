import { runViews } from "~/server/exercises/live-views";
import { loadRun } from "~/server/exercises/run-lifecycle";
import type { Viewer } from "~/server/exercises/run-view";
import { liveStream } from "~/server/realtime/live-stream";
import { ALL_COURSE_ROLES, courseMemberProcedure, requireEnrollment } from "../../trpc";
import { runInput } from "./run-input";

/**
 * The run's view now and after every change that concerns the caller, over SSE. A reconnecting page gets
 * the current view at once, so nothing is lost while it was away. It ends once the caller leaves the
 * course.
 */
export const watch = courseMemberProcedure.input(runInput).subscription(async ({ ctx, input, signal }) => {
  await loadRun(ctx.db, input.courseId, input.runId);
  const viewer: Viewer = { userId: ctx.user.id, role: ctx.enrollment.role };
  return liveStream({
    userId: ctx.user.id,
    signal,
    // Re-checked on every membership change: a student made TA meanwhile sees what staff see from the next change on.
    access: async () => {
      viewer.role = (await requireEnrollment(ctx.db, ctx.user.id, input.courseId, ALL_COURSE_ROLES)).role;
    },
    source: (stop) => runViews(ctx.db, input.courseId, input.runId, viewer, stop),
  });
});
