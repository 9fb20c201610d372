import { z } from "zod";
import { releaseTeamGrade } from "~/server/grading/release";
import { instructorProcedure } from "../../trpc";
import { gradedItemInput } from "./team-input";

/** Shows one team its grade on a deliverable (or withdraws it); the other teams' grades are untouched. */
export const releaseTeam = instructorProcedure
  .input(gradedItemInput.extend({ released: z.boolean() }))
  .mutation(({ ctx, input }) => releaseTeamGrade(ctx.db, input.courseId, input.deliverableId, input.teamId, input.released));
