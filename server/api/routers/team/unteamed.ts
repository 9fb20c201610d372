import { courseStaffProcedure } from "../../trpc";
import { unteamedStudents } from "~/server/teams/auto-match";

/** Students of the course who are in no team right now. */
export const unteamed = courseStaffProcedure.query(({ ctx, input }) => unteamedStudents(ctx.db, input.courseId));
