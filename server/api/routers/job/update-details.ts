import { findEditableJob } from "~/server/jobs/access";
import { runDetailsSchema } from "~/server/jobs/run-details";
import { notifyJobChanged } from "~/server/realtime/job-events";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/** Sets a run's name, tags and notes: its team's members and the course staff. */
export const updateDetails = courseMemberProcedure.input(jobIdInput.extend(runDetailsSchema.shape)).mutation(async ({ ctx, input }) => {
  const job = await findEditableJob(ctx.db, ctx.enrollment, input.jobId);
  const updated = await ctx.db.job.update({
    where: { id: job.id },
    data: { name: input.name, tags: input.tags, notes: input.notes },
    select: { id: true, name: true, tags: true, notes: true },
  });
  await notifyJobChanged(ctx.db, { id: job.id, courseId: ctx.enrollment.courseId });
  return updated;
});
