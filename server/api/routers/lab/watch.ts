import { labHub, releaseKey } from "~/server/labs/events";
import { labView, loadLab } from "~/server/labs/progress";
import { liveStream } from "~/server/realtime/live-stream";
import { changes } from "~/server/realtime/notify-hub";
import { ALL_COURSE_ROLES, courseMemberProcedure, requireEnrollment } from "../../trpc";
import { labInput } from "./lab-input";

/** The caller's view of the lab now and after every change (a release by the instructor), over SSE. */
export const watch = courseMemberProcedure.input(labInput).subscription(async ({ ctx, input, signal }) => {
  const lab = await loadLab(input.labSlug);
  const isStaff = ctx.enrollment.role !== "STUDENT";
  return liveStream({
    userId: ctx.user.id,
    signal,
    access: () => requireEnrollment(ctx.db, ctx.user.id, input.courseId, ALL_COURSE_ROLES),
    async *source(stop) {
      for await (const _ of changes(labHub(), releaseKey(input.courseId, lab.slug), stop)) {
        yield await labView(ctx.db, input.courseId, ctx.user.id, lab, isStaff);
      }
    },
  });
});
