import { z } from "zod";
import { courseStudentProcedure } from "../../trpc";
import { setSlidesLink as saveSlidesLink } from "~/server/presentations/booking";

export const setSlidesLinkInput = z.object({
  // Empty clears the link.
  slidesUrl: z
    .string()
    .trim()
    .max(500, "Keep the slides link under 500 characters.")
    .refine((url) => url === "" || /^https?:\/\/\S+$/.test(url), "The slides link must be a web address starting with http:// or https://."),
});

/** The link to the team's slides that the running order shows. */
export const setSlidesLink = courseStudentProcedure
  .input(setSlidesLinkInput)
  .mutation(({ ctx, input }) => saveSlidesLink(ctx.db, input.courseId, ctx.user.id, input.slidesUrl || null));
