import { deliverableFieldsSchema, updateDeliverable as update } from "~/server/submissions/deliverables";
import { deliverableView } from "~/server/submissions/team-view";
import { instructorProcedure } from "../../trpc";
import { deliverableIdInput } from "./deliverable-input";

export const updateDeliverable = instructorProcedure
  .input(deliverableIdInput.extend(deliverableFieldsSchema.shape))
  .mutation(async ({ ctx, input: { courseId, deliverableId, ...fields } }) => deliverableView(await update(ctx.db, courseId, deliverableId, fields)));
