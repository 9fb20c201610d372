import { z } from "zod";
import { setGradesReleased } from "~/server/grading/grades";
import { instructorProcedure } from "../../trpc";
import { deliverableIdInput } from "../submission/deliverable-input";

/** Shows the deliverable's grades and feedback to the teams (or withdraws them). */
export const release = instructorProcedure
  .input(deliverableIdInput.extend({ released: z.boolean() }))
  .mutation(({ ctx, input }) => setGradesReleased(ctx.db, input.courseId, input.deliverableId, input.released));
