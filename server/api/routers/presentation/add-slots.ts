import { z } from "zod";
import { instructorProcedure } from "../../trpc";
import { addSlots as addScheduleSlots } from "~/server/presentations/schedule";

export const addSlotsInput = z.object({
  startsAt: z.coerce.date({ error: "Give the first slot's start as a date and time." }),
  minutes: z.int("The slot length is a whole number of minutes.").min(3, "A slot lasts at least 3 minutes.").max(120, "A slot lasts at most 120 minutes."),
  label: z.string().trim().min(1, "Name the room or session, e.g. “Room 2.14 · morning”.").max(80, "Keep the room or session under 80 characters."),
  count: z.int("The number of slots is a whole number.").min(1, "Add at least one slot.").max(40, "Add at most 40 slots at once."),
});

/** Adds back-to-back slots of the same length in one room or session. */
export const addSlots = instructorProcedure.input(addSlotsInput).mutation(({ ctx, input: { courseId, ...slots } }) => addScheduleSlots(ctx.db, courseId, slots));
