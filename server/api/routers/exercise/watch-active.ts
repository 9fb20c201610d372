import { courseKey, exerciseHub } from "~/server/exercises/events";
import { liveStream } from "~/server/realtime/live-stream";
import { changes } from "~/server/realtime/notify-hub";
import { ALL_COURSE_ROLES, courseMemberProcedure, requireEnrollment } from "../../trpc";
import { activeRunSummary } from "./active";

/** The course's live run (or null) now and whenever one starts or ends: drives the "join now" banner. */
export const watchActive = courseMemberProcedure.subscription(({ ctx, input, signal }) =>
  liveStream({
    userId: ctx.user.id,
    signal,
    access: () => requireEnrollment(ctx.db, ctx.user.id, input.courseId, ALL_COURSE_ROLES),
    async *source(stop) {
      for await (const _ of changes(exerciseHub(), courseKey(input.courseId), stop)) {
        yield await activeRunSummary(ctx.db, input.courseId);
      }
    },
  }),
);
