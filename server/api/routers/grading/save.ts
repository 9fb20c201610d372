import { gradeInputSchema, saveGrade } from "~/server/grading/grades";
import { courseStaffProcedure } from "../../trpc";
import { gradedItemInput } from "./team-input";

export const save = courseStaffProcedure
  .input(gradedItemInput.extend(gradeInputSchema.shape))
  .mutation(({ ctx, input }) => saveGrade(ctx.db, { ...input, graderId: ctx.user.id }));
