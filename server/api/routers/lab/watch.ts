import { labHub, releaseKey } from "~/server/labs/events";
import { labView, loadLab } from "~/server/labs/progress";
import { changes } from "~/server/realtime/notify-hub";
import { courseMemberProcedure } from "../../trpc";
import { labInput } from "./lab-input";

/** The caller's view of the lab now and after every change (a release by the instructor), over SSE. */
export const watch = courseMemberProcedure.input(labInput).subscription(async function* ({ ctx, input, signal }) {
  const lab = await loadLab(input.labSlug);
  const isStaff = ctx.enrollment.role !== "STUDENT";
  for await (const _ of changes(labHub(), releaseKey(input.courseId, lab.slug), signal ?? new AbortController().signal)) {
    yield await labView(ctx.db, input.courseId, ctx.user.id, lab, isStaff);
  }
});
