import { courseMemberProcedure } from "../../trpc";
import { activeMembership, loadTeamPolicy } from "~/server/teams/formation";

/** The caller's current team in the course (null when unteamed) and the course's team rules. */
export const mine = courseMemberProcedure.query(async ({ ctx, input }) => {
  const [membership, policy] = await Promise.all([
    activeMembership(ctx.db, input.courseId, ctx.user.id),
    loadTeamPolicy(ctx.db, input.courseId),
  ]);
  return {
    team: membership ? { id: membership.team.id, name: membership.team.name, projectTitle: membership.team.projectTitle } : null,
    teamSize: policy.teamSize,
    allowExtraTeamMember: policy.allowExtraTeamMember,
    formationLocked: policy.teamsLockedAt !== null,
  };
});
