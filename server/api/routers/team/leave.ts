import { TRPCError } from "@trpc/server";
import { courseStudentProcedure } from "../../trpc";
import { activeMembership, assertTeamOpen, loadTeamPolicy, withTeamFormationLock } from "~/server/teams/formation";

/** A student leaves their team; the membership row stays, with leftAt, as the team's history. */
export const leave = courseStudentProcedure.mutation(({ ctx, input }) =>
  withTeamFormationLock(ctx.db, input.courseId, async (tx) => {
    const membership = await activeMembership(tx, input.courseId, ctx.user.id);
    if (!membership) throw new TRPCError({ code: "BAD_REQUEST", message: "You are not in a team in this course." });
    assertTeamOpen(await loadTeamPolicy(tx, input.courseId), membership.team);
    await tx.teamMember.update({ where: { id: membership.id }, data: { leftAt: new Date() } });
    return { left: membership.team.name };
  }),
);
