import { courseJobChanges } from "~/server/realtime/job-events";
import { liveStream } from "~/server/realtime/live-stream";
import { ALL_COURSE_ROLES, courseMemberProcedure, requireEnrollment } from "../../trpc";

/**
 * A tick now and after each burst of changes to the course's jobs (created, progressing, finished,
 * cancelled, deleted), for the run list and the queue to re-read what the caller may see. The tick
 * carries no job data, so it tells a student nothing about other teams' runs beyond "something moved".
 */
export const watchCourse = courseMemberProcedure.subscription(({ ctx, signal }) =>
  liveStream({
    userId: ctx.user.id,
    signal,
    access: () => requireEnrollment(ctx.db, ctx.user.id, ctx.enrollment.courseId, ALL_COURSE_ROLES),
    async *source(stop) {
      for await (const _change of courseJobChanges(ctx.enrollment.courseId, stop)) {
        yield { changedAt: Date.now() };
      }
    },
  }),
);
