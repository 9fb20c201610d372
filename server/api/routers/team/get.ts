import { z } from "zod";
import { courseMemberProcedure } from "../../trpc";
import { readTeamPage } from "~/server/teams/team-page";

export const teamIdInput = z.object({ teamId: z.string().min(1, "teamId is required").max(64) });

/** A team's page; see server/teams/team-page.ts for who may see what. */
export const get = courseMemberProcedure
  .input(teamIdInput)
  .query(({ ctx, input }) => readTeamPage(ctx.db, input.courseId, input.teamId, { userId: ctx.user.id, role: ctx.enrollment.role }));
