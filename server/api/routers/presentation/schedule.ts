import { courseMemberProcedure } from "../../trpc";
import { readSchedule } from "~/server/presentations/schedule";

/** The presentation slots and who booked them: always for staff, for students once published. */
export const schedule = courseMemberProcedure.query(({ ctx, input }) =>
  readSchedule(ctx.db, input.courseId, { userId: ctx.user.id, role: ctx.enrollment.role }),
);
