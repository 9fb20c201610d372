import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { courseStudentProcedure } from "../../trpc";
import { assertFormationOpen, assertNotInTeam, loadTeamPolicy, newInviteCode, withTeamFormationLock } from "~/server/teams/formation";

export const createTeamInput = z.object({
  name: z.string().trim().min(1, "Give your team a name.").max(60, "Keep the team name under 60 characters."),
});

/** A student starts a team and becomes its first member; teammates join with the invite code it returns. */
export const create = courseStudentProcedure.input(createTeamInput).mutation(({ ctx, input }) =>
  withTeamFormationLock(ctx.db, input.courseId, async (tx) => {
    assertFormationOpen(await loadTeamPolicy(tx, input.courseId));
    await assertNotInTeam(tx, input.courseId, ctx.user.id);
    const clash = await tx.team.findFirst({ where: { courseId: input.courseId, name: { equals: input.name, mode: "insensitive" } } });
    if (clash) {
      throw new TRPCError({ code: "CONFLICT", message: `A team called "${clash.name}" already exists in this course. Pick another name.` });
    }
    const team = await tx.team.create({
      data: { courseId: input.courseId, name: input.name, inviteCode: newInviteCode(), members: { create: { userId: ctx.user.id } } },
    });
    return { id: team.id, name: team.name, inviteCode: team.inviteCode };
  }),
);
