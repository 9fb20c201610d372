import { instructorProcedure } from "../../trpc";
import { deleteSlot as deleteScheduleSlot } from "~/server/presentations/schedule";
import { slotIdInput } from "./slot-id-input";

/** Removes a slot nobody has booked. */
export const deleteSlot = instructorProcedure.input(slotIdInput).mutation(({ ctx, input }) => deleteScheduleSlot(ctx.db, input.courseId, input.slotId));
