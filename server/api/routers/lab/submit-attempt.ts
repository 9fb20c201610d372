import { z } from "zod";
import { FAILURE_KINDS } from "~/server/labs/failures";
import { labView, loadLab, recordAttempt } from "~/server/labs/progress";
import { courseMemberProcedure } from "../../trpc";
import { stepCodeInput } from "./save-draft";

/** Records one run of a step's checks, as graded in the caller's browser, and returns their updated view. */
export const submitAttempt = courseMemberProcedure
  .input(
    stepCodeInput.extend({
      passed: z.boolean(),
      failure: z.enum(FAILURE_KINDS).nullable(),
      message: z.string().max(2000, "The result message must be under 2000 characters."),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const lab = await loadLab(input.labSlug);
    await recordAttempt(ctx.db, input.courseId, ctx.user.id, lab, input);
    return labView(ctx.db, input.courseId, ctx.user.id, lab, ctx.enrollment.role !== "STUDENT");
  });
