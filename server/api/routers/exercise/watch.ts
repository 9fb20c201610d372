import { exerciseHub } from "~/server/exercises/events";
import { loadRun } from "~/server/exercises/run-lifecycle";
import { liveStream } from "~/server/realtime/live-stream";
import { changes } from "~/server/realtime/notify-hub";
import { ALL_COURSE_ROLES, courseMemberProcedure, requireEnrollment } from "../../trpc";
import { currentView } from "./get";
import { runInput } from "./run-input";

/**
 * The run's view now and after every change, over SSE. A reconnecting page gets the current view at
 * once, so nothing is lost while it was away. It ends once the caller leaves the course.
 */
export const watch = courseMemberProcedure.input(runInput).subscription(async ({ ctx, input, signal }) => {
  await loadRun(ctx.db, input.courseId, input.runId);
  return liveStream({
    userId: ctx.user.id,
    signal,
    access: () => requireEnrollment(ctx.db, ctx.user.id, input.courseId, ALL_COURSE_ROLES),
    async *source(stop) {
      for await (const _ of changes(exerciseHub(), input.runId, stop)) {
        // The role as it is now: a student made TA meanwhile sees what staff see.
        const { role } = await requireEnrollment(ctx.db, ctx.user.id, input.courseId, ALL_COURSE_ROLES);
        yield await currentView(ctx, input.courseId, input.runId, { userId: ctx.user.id, role });
      }
    },
  });
});
