import { z } from "zod";
import { loadLab, MAX_CODE_LENGTH, saveDraft as saveDraftFor } from "~/server/labs/progress";
import { courseMemberProcedure } from "../../trpc";
import { labInput } from "./lab-input";

export const codeInput = z.string().max(MAX_CODE_LENGTH, `Code must be under ${MAX_CODE_LENGTH} characters; remove what the step does not need.`);

export const stepCodeInput = labInput.extend({
  stepId: z.string().min(1, "stepId is required").max(100),
  code: codeInput,
});

/** Saves what the caller typed in a step's code cell, so that a reload restores it. */
export const saveDraft = courseMemberProcedure.input(stepCodeInput).mutation(async ({ ctx, input }) => {
  await saveDraftFor(ctx.db, input.courseId, ctx.user.id, await loadLab(input.labSlug), input.stepId, input.code);
  return { saved: true };
});
