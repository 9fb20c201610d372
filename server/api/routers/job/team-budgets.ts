import { gpuBudget } from "~/gpu-worker/jobs/job-budget";
import { courseJobLimits } from "~/server/jobs/limits";
import { courseStaffProcedure } from "../../trpc";

/** Staff: each team's GPU minutes (allowance with top-ups, used, left), fewest left first. */
export const teamBudgets = courseStaffProcedure.query(async ({ ctx, input }) => {
  const limits = await courseJobLimits(ctx.db, input.courseId);
  const teams = await ctx.db.team.findMany({ where: { courseId: input.courseId }, select: { id: true, name: true, gpuMinutesTopUp: true }, orderBy: { name: "asc" } });
  const budgets = await Promise.all(
    teams.map(async (team) => {
      const { allowanceMinutes, usedMinutes, remainingMinutes } = await gpuBudget(ctx.db, { courseId: input.courseId, teamId: team.id, ownerId: "" }, limits);
      return { teamId: team.id, name: team.name, topUpMinutes: team.gpuMinutesTopUp, allowanceMinutes, usedMinutes, remainingMinutes };
    }),
  );
  return budgets.sort((a, b) => a.remainingMinutes - b.remainingMinutes);
});
