import { courseRegrades } from "~/server/grading/regrade";
import { courseStaffProcedure } from "../../trpc";

/** Every regrade request of the course, open ones first, with the number still open. */
export const list = courseStaffProcedure.query(({ ctx, input }) => courseRegrades(ctx.db, input.courseId));
