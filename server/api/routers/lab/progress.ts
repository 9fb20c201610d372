import { classProgress } from "~/server/labs/class-progress";
import { loadLab } from "~/server/labs/progress";
import { courseStaffProcedure } from "../../trpc";
import { labInput } from "./lab-input";

/** Every student against every step of the lab, who is stuck, and the most common errors. */
export const progress = courseStaffProcedure.input(labInput).query(async ({ ctx, input }) => {
  return classProgress(ctx.db, input.courseId, await loadLab(input.labSlug));
});
