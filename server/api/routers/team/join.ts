import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { normalizeCode } from "~/server/courses/codes";
import { courseStudentProcedure } from "../../trpc";
import {
  assertNotInTeam,
  assertSeatFree,
  assertTeamOpen,
  loadTeamPolicy,
  moveIntoTeam,
  withTeamFormationLock,
} from "~/server/teams/formation";

export const joinTeamInput = z.object({
  inviteCode: z.string().trim().min(1, "Enter the invite code your teammate gave you.").max(32, "An invite code is a few letters and digits; check the code with your teammate."),
});

/** A student joins a teammate's team with its invite code, while it has a free seat and is not locked. */
export const join = courseStudentProcedure.input(joinTeamInput).mutation(({ ctx, input }) =>
  withTeamFormationLock(ctx.db, input.courseId, async (tx) => {
    const team = await tx.team.findFirst({ where: { courseId: input.courseId, inviteCode: normalizeCode(input.inviteCode) } });
    if (!team) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `No team in this course has the invite code "${input.inviteCode}". Check the code with your teammate.`,
      });
    }
    const policy = await loadTeamPolicy(tx, input.courseId);
    assertTeamOpen(policy, team);
    await assertNotInTeam(tx, input.courseId, ctx.user.id);
    await assertSeatFree(tx, team, policy.teamSize);
    await moveIntoTeam(tx, input.courseId, ctx.user.id, team.id);
    return { id: team.id, name: team.name };
  }),
);
