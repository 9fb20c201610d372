import { courseStudentProcedure } from "../../trpc";
import { cancelBooking as cancelTeamBooking } from "~/server/presentations/booking";

/** Gives up the caller's team's slot while bookings are open. */
export const cancelBooking = courseStudentProcedure.mutation(({ ctx, input }) => cancelTeamBooking(ctx.db, input.courseId, ctx.user.id));
