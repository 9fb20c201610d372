import { z } from "zod";
import { submitVersion } from "~/server/submissions/submit";
import { courseStudentProcedure } from "../../trpc";
import { deliverableIdInput } from "./deliverable-input";

export const submitInput = deliverableIdInput.extend({
  content: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("url"),
      url: z.url({ protocol: /^https?$/, error: "Give the full link to your code, starting with https://." }).max(2000, "Keep the link under 2,000 characters."),
    }),
    z.object({ type: z.literal("run"), jobId: z.string().min(1, "Choose one of your team's runs.").max(64) }),
  ]),
});

/**
 * Hands in a new version of a link or sample-set deliverable for the caller's team. Files go through
 * POST /api/courses/[courseId]/deliverables/[deliverableId]/submissions, which applies the same rules.
 */
export const submit = courseStudentProcedure
  .input(submitInput)
  .mutation(({ ctx, input }) => submitVersion(ctx.db, { courseId: input.courseId, deliverableId: input.deliverableId, userId: ctx.user.id, content: input.content }));
