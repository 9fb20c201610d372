import { teamRegrades } from "~/server/grading/regrade";
import { courseStudentProcedure } from "../../trpc";

/** The caller's team's released grades with their regrade requests and answers. */
export const mine = courseStudentProcedure.query(({ ctx, input }) => teamRegrades(ctx.db, input.courseId, ctx.user.id));
