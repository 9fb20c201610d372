import { z } from "zod";
import { courseMemberProcedure } from "../../trpc";
import { saveProjectPage } from "~/server/teams/team-page";
import { teamIdInput } from "./get";

export const savePageInput = teamIdInput.extend({
  projectTitle: z.string().trim().max(200, "Keep the project title under 200 characters."),
  abstract: z.string().max(5000, "Keep the abstract under 5,000 characters."),
  baseVersion: z.number().int().min(0),
});

/**
 * A member saves the project title and abstract. Returns `conflict` with the teammate's version, writing
 * nothing, when someone saved since `baseVersion`.
 */
export const savePage = courseMemberProcedure
  .input(savePageInput)
  .mutation(({ ctx, input: { courseId, teamId, ...edit } }) => saveProjectPage(ctx.db, courseId, teamId, ctx.user.id, edit));
