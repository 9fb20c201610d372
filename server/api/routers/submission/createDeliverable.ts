import { createDeliverable as create, deliverableFieldsSchema } from "~/server/submissions/deliverables";
import { deliverableView } from "~/server/submissions/team-view";
import { instructorProcedure } from "../../trpc";

export const createDeliverable = instructorProcedure
  .input(deliverableFieldsSchema)
  .mutation(async ({ ctx, input: { courseId, ...fields } }) => deliverableView(await create(ctx.db, courseId, fields)));
