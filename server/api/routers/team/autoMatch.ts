import { instructorProcedure } from "../../trpc";
import { autoMatch as autoMatchStudents } from "~/server/teams/auto-match";

/** Puts the unteamed students into teams; the rule is documented in server/teams/auto-match.ts. */
export const autoMatch = instructorProcedure.mutation(({ ctx, input }) => autoMatchStudents(ctx.db, input.courseId));
