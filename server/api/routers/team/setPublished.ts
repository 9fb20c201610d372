import { z } from "zod";
import { instructorProcedure } from "../../trpc";
import { findTeamInCourse } from "~/server/teams/formation";
import { teamIdInput } from "./get";

export const setPublishedInput = teamIdInput.extend({ published: z.boolean() });

/** Shows (or hides) a team's page to the other students of the course. */
export const setPublished = instructorProcedure.input(setPublishedInput).mutation(async ({ ctx, input }) => {
  await findTeamInCourse(ctx.db, input.courseId, input.teamId);
  const team = await ctx.db.team.update({ where: { id: input.teamId }, data: { published: input.published } });
  return { id: team.id, published: team.published };
});
