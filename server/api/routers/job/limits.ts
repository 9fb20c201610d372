import { courseJobLimits } from "~/server/jobs/limits";
import { courseMemberProcedure } from "../../trpc";

/** The course's job limits, for the forms' inline validation. */
export const limits = courseMemberProcedure.query(({ ctx, input }) => courseJobLimits(ctx.db, input.courseId));
