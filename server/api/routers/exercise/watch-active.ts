import { courseKey, exerciseHub } from "~/server/exercises/events";
import { changes } from "~/server/realtime/notify-hub";
import { courseMemberProcedure } from "../../trpc";
import { activeRunSummary } from "./active";

/** The course's live run (or null) now and whenever one starts or ends: drives the "join now" banner. */
export const watchActive = courseMemberProcedure.subscription(async function* ({ ctx, input, signal }) {
  for await (const _ of changes(exerciseHub(), courseKey(input.courseId), signal ?? new AbortController().signal)) {
    yield await activeRunSummary(ctx.db, input.courseId);
  }
});
