import { z } from "zod";
import { instructorProcedure } from "../../trpc";
import { findTeamInCourse } from "~/server/teams/formation";
import { teamIdInput } from "./get";

export const setTeamLockedInput = teamIdInput.extend({ locked: z.boolean() });

/** Freezes (or unfreezes) one team's members: its students can no longer join or leave it. */
export const setTeamLocked = instructorProcedure.input(setTeamLockedInput).mutation(async ({ ctx, input }) => {
  await findTeamInCourse(ctx.db, input.courseId, input.teamId);
  const team = await ctx.db.team.update({ where: { id: input.teamId }, data: { lockedAt: input.locked ? new Date() : null } });
  return { id: team.id, lockedAt: team.lockedAt };
});
