import { gradingView } from "~/server/grading/grades";
import { courseStaffProcedure } from "../../trpc";
import { gradedItemInput } from "./team-input";

/** A team's versions of a deliverable, its rubric with autograde suggestions, and the grade so far. */
export const get = courseStaffProcedure
  .input(gradedItemInput)
  .query(({ ctx, input }) => gradingView(ctx.db, input.courseId, input.deliverableId, input.teamId));
