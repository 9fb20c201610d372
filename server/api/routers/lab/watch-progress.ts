import { classProgress } from "~/server/labs/class-progress";
import { labHub, progressKey } from "~/server/labs/events";
import { loadLab } from "~/server/labs/progress";
import { liveStream } from "~/server/realtime/live-stream";
import { changes } from "~/server/realtime/notify-hub";
import { courseStaffProcedure, requireEnrollment, STAFF_ROLES } from "../../trpc";
import { labInput } from "./lab-input";

/** The class progress now and after every attempt or release, over SSE; it ends for one who is no longer staff. */
export const watchProgress = courseStaffProcedure.input(labInput).subscription(async ({ ctx, input, signal }) => {
  const lab = await loadLab(input.labSlug);
  return liveStream({
    userId: ctx.user.id,
    signal,
    access: () => requireEnrollment(ctx.db, ctx.user.id, input.courseId, STAFF_ROLES),
    async *source(stop) {
      for await (const _ of changes(labHub(), progressKey(input.courseId, lab.slug), stop)) {
        yield await classProgress(ctx.db, input.courseId, lab);
      }
    },
  });
});
