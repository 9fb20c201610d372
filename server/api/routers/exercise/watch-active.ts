import { activeRunSummaries } from "~/server/exercises/live-views";
import { liveStream } from "~/server/realtime/live-stream";
import { ALL_COURSE_ROLES, courseMemberProcedure, requireEnrollment } from "../../trpc";

/** The course's live run (or null) now and whenever one starts or ends: drives the "join now" banner. */
export const watchActive = courseMemberProcedure.subscription(({ ctx, input, signal }) =>
  liveStream({
    userId: ctx.user.id,
    signal,
    access: () => requireEnrollment(ctx.db, ctx.user.id, input.courseId, ALL_COURSE_ROLES),
    source: (stop) => activeRunSummaries(ctx.db, input.courseId, stop),
  }),
);
