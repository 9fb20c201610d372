import { z } from "zod";
import { instructorProcedure } from "../../trpc";

export const updateTeamSettingsInput = z.object({
  teamSize: z.number().int().min(2, "A team has at least 2 members.").max(6, "A team has at most 6 members."),
  allowExtraTeamMember: z.boolean(),
  /** true locks team formation course-wide: students can no longer create, join or leave teams. */
  formationLocked: z.boolean(),
});

/** The course's team rules. Teams already larger than a new, smaller size keep their members. */
export const updateSettings = instructorProcedure.input(updateTeamSettingsInput).mutation(async ({ ctx, input }) => {
  const current = await ctx.db.course.findUniqueOrThrow({ where: { id: input.courseId }, select: { teamsLockedAt: true } });
  const course = await ctx.db.course.update({
    where: { id: input.courseId },
    data: {
      teamSize: input.teamSize,
      allowExtraTeamMember: input.allowExtraTeamMember,
      // Keep the original lock date when the lock stays on.
      teamsLockedAt: input.formationLocked ? (current.teamsLockedAt ?? new Date()) : null,
    },
  });
  return { teamSize: course.teamSize, allowExtraTeamMember: course.allowExtraTeamMember, teamsLockedAt: course.teamsLockedAt };
});
