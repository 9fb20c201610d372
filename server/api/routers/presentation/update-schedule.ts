import { z } from "zod";
import { instructorProcedure } from "../../trpc";
import { updateSchedule as saveSchedule } from "~/server/presentations/schedule";

export const updateScheduleInput = z.object({ published: z.boolean(), locked: z.boolean() });

/** Publishes the schedule to the students (who may then book) and locks or unlocks their bookings. */
export const updateSchedule = instructorProcedure.input(updateScheduleInput).mutation(({ ctx, input: { courseId, ...settings } }) => saveSchedule(ctx.db, courseId, settings));
