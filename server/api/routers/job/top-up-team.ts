import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { instructorProcedure } from "../../trpc";

export const topUpTeamInput = z.object({
  teamId: z.string().min(1, "teamId is required").max(64),
  minutes: z.int().min(1, "Add at least 1 minute").max(100_000, "Add at most 100,000 minutes at a time"),
});

/** Instructors add GPU minutes to a team's budget; a run stopped at the budget can then be resumed. */
export const topUpTeam = instructorProcedure.input(topUpTeamInput).mutation(async ({ ctx, input }) => {
  const { count } = await ctx.db.team.updateMany({ where: { id: input.teamId, courseId: input.courseId }, data: { gpuMinutesTopUp: { increment: input.minutes } } });
  if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "This course has no such team." });
  return ctx.db.team.findUniqueOrThrow({ where: { id: input.teamId }, select: { id: true, gpuMinutesTopUp: true } });
});
