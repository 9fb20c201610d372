import { courseJobChanges } from "~/server/realtime/job-events";
import { courseMemberProcedure } from "../../trpc";

/**
 * A tick now and after each burst of changes to the course's jobs (created, progressing, finished,
 * cancelled, deleted), for the run list and the queue to re-read what the caller may see. The tick
 * carries no job data, so it tells a student nothing about other teams' runs beyond "something moved".
 */
export const watchCourse = courseMemberProcedure.subscription(async function* ({ ctx, signal }) {
  for await (const _change of courseJobChanges(ctx.enrollment.courseId, signal ?? new AbortController().signal)) {
    yield { changedAt: Date.now() };
  }
});
