import { z } from "zod";
import { loadLab, setRelease } from "~/server/labs/progress";
import { courseStaffProcedure } from "../../trpc";
import { labInput } from "./lab-input";

/** Opens steps (the first n, or all) and shows the solutions of the first n steps to the students. */
export const release = courseStaffProcedure
  .input(
    labInput.extend({
      releasedSteps: z.int("releasedSteps must be a whole number of steps, or null to open all").nullable(),
      solutionsReleased: z.int("solutionsReleased must be a whole number of steps"),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const lab = await loadLab(input.labSlug);
    return setRelease(ctx.db, input.courseId, lab, { releasedSteps: input.releasedSteps, solutionsReleased: input.solutionsReleased });
  });
