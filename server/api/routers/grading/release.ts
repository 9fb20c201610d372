import { releaseDeliverableGrades, releaseInputSchema } from "~/server/grading/release";
import { instructorProcedure } from "../../trpc";
import { deliverableIdInput } from "../submission/deliverable-input";

/**
 * Shows the deliverable's grades and feedback to every graded team (or withdraws them all). With teams
 * still ungraded it changes nothing and answers with their count until `confirmedUngradedTeams` matches it.
 */
export const release = instructorProcedure
  .input(deliverableIdInput.extend(releaseInputSchema.shape))
  .mutation(({ ctx, input }) => releaseDeliverableGrades(ctx.db, input.courseId, input.deliverableId, input));
