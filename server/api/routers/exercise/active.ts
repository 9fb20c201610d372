import { activeRunSummary } from "~/server/exercises/live-views";
import { courseMemberProcedure } from "../../trpc";

/** The course's live exercise, if one is running: for the banner that invites students in. */
export const active = courseMemberProcedure.query(({ ctx, input }) => activeRunSummary(ctx.db, input.courseId));
