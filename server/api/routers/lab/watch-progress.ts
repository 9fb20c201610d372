import { classProgress } from "~/server/labs/class-progress";
import { labHub, progressKey } from "~/server/labs/events";
import { loadLab } from "~/server/labs/progress";
import { changes } from "~/server/realtime/notify-hub";
import { courseStaffProcedure } from "../../trpc";
import { labInput } from "./lab-input";

/** The class progress now and after every attempt or release, over SSE. */
export const watchProgress = courseStaffProcedure.input(labInput).subscription(async function* ({ ctx, input, signal }) {
  const lab = await loadLab(input.labSlug);
  for await (const _ of changes(labHub(), progressKey(input.courseId, lab.slug), signal ?? new AbortController().signal)) {
    yield await classProgress(ctx.db, input.courseId, lab);
  }
});
