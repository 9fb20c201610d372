import { rubricInputSchema, saveRubric as save } from "~/server/grading/rubric";
import { instructorProcedure } from "../../trpc";
import { deliverableIdInput } from "../submission/deliverable-input";

export const saveRubric = instructorProcedure
  .input(deliverableIdInput.extend({ criteria: rubricInputSchema }))
  .mutation(({ ctx, input }) => save(ctx.db, input.courseId, input.deliverableId, input.criteria));
