import { courseStudentProcedure } from "../../trpc";
import { bookSlot } from "~/server/presentations/booking";
import { slotIdInput } from "./slot-id-input";

/** Books a slot for the caller's team (moving its booking there if it had one); CONFLICT if another team was faster. */
export const book = courseStudentProcedure.input(slotIdInput).mutation(({ ctx, input }) => bookSlot(ctx.db, input.courseId, ctx.user.id, input.slotId));
