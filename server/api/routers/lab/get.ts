import { labView, loadLab } from "~/server/labs/progress";
import { courseMemberProcedure } from "../../trpc";
import { labInput } from "./lab-input";

/** The caller's saved code and results per step, what is released, and the solutions they may see. */
export const get = courseMemberProcedure.input(labInput).query(async ({ ctx, input }) => {
  const lab = await loadLab(input.labSlug);
  return labView(ctx.db, input.courseId, ctx.user.id, lab, ctx.enrollment.role !== "STUDENT");
});
