import { z } from "zod";
import { labView, loadLab, submitAttempt as submitAttemptFor } from "~/server/labs/progress";
import { courseMemberProcedure } from "../../trpc";
import { codeInput, stepCodeInput } from "./save-draft";

/**
 * Grades the caller's code for a step in the server's sandbox, stores the attempt and returns the verdict
 * with their updated view. The browser's own run of the checks is a preview: the input has no verdict
 * fields, and any the client sends (passed, failure, message…) are stripped by zod and never read.
 */
export const submitAttempt = courseMemberProcedure
  .input(
    stepCodeInput.extend({
      /** The code of every graded step before this one, in order: the cells the step's code may build on. */
      earlierCode: z.array(codeInput).max(50, "earlierCode holds one entry per earlier step of the lab.").default([]),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const lab = await loadLab(input.labSlug);
    const report = await submitAttemptFor(ctx.db, input.courseId, ctx.user.id, lab, { stepId: input.stepId, code: input.code, earlierCode: input.earlierCode });
    return { report, view: await labView(ctx.db, input.courseId, ctx.user.id, lab, ctx.enrollment.role !== "STUDENT") };
  });
