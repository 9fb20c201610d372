import { fileRegradeRequest, regradeReasonSchema } from "~/server/grading/regrade";
import { courseStudentProcedure } from "../../trpc";
import { deliverableIdInput } from "../submission/deliverable-input";

/** A team member asks for a regrade of the team's released grade on a deliverable. */
export const request = courseStudentProcedure
  .input(deliverableIdInput.extend({ reason: regradeReasonSchema }))
  .mutation(({ ctx, input }) => fileRegradeRequest(ctx.db, { ...input, userId: ctx.user.id }));
