import { z } from "zod";
import { courseStaffProcedure } from "../../trpc";
import { advance as advanceOrder } from "~/server/presentations/running-order";

export const advanceInput = z.object({
  /** The slot the caller's screen shows as presenting now (null before the first team). */
  fromSlotId: z.string().min(1).max(64).nullable(),
});

/** Ends the current presentation and starts the next team's countdown. */
export const advance = courseStaffProcedure.input(advanceInput).mutation(({ ctx, input }) => advanceOrder(ctx.db, input.courseId, input.fromSlotId));
