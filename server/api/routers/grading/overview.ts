import { gradesOverview } from "~/server/grading/overview";
import { courseStaffProcedure } from "../../trpc";

export const overview = courseStaffProcedure.query(({ ctx, input }) => gradesOverview(ctx.db, input.courseId));
