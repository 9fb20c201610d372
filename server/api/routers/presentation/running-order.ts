import { courseMemberProcedure } from "../../trpc";
import { readRunningOrder } from "~/server/presentations/running-order";

/** Presentation day: who presents now, the countdown, who is next; see server/presentations/running-order.ts for who sees what. */
export const runningOrder = courseMemberProcedure.query(({ ctx, input }) =>
  readRunningOrder(ctx.db, input.courseId, { userId: ctx.user.id, role: ctx.enrollment.role }),
);
