import { z } from "zod";
import { instructorProcedure } from "../../trpc";
import { moveInOrder as moveSlot } from "~/server/presentations/running-order";
import { slotIdInput } from "./slot-id-input";

export const moveInOrderInput = slotIdInput.extend({ direction: z.enum(["earlier", "later"]) });

/** Moves a team one place earlier or later in the running order. */
export const moveInOrder = instructorProcedure.input(moveInOrderInput).mutation(({ ctx, input }) => moveSlot(ctx.db, input.courseId, input.slotId, input.direction));
