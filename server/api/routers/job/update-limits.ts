import { z } from "zod";
import { courseJobLimitsSchema, courseSettingsSchema } from "~/gpu-worker/contracts/jobs";
import type { Prisma } from "~/prisma/generated/client/client";
import { instructorProcedure } from "../../trpc";

export const updateLimitsInput = z.object({ limits: courseJobLimitsSchema.partial() });

/** Instructors change some of the course's job limits; the others, and other settings, are kept. */
export const updateLimits = instructorProcedure.input(updateLimitsInput).mutation(async ({ ctx, input }) => {
  return ctx.db.$transaction(async (tx) => {
    const { settings } = await tx.course.findUniqueOrThrow({ where: { id: input.courseId }, select: { settings: true } });
    // Parsing first also refuses to overwrite settings that are not an object.
    const jobs = courseJobLimitsSchema.parse({ ...courseSettingsSchema.parse(settings).jobs, ...input.limits });
    await tx.course.update({ where: { id: input.courseId }, data: { settings: { ...(settings as Prisma.JsonObject), jobs } } });
    return jobs;
  });
});
