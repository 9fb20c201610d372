import { z } from "zod";
import { assertArchivable } from "~/server/jobs/archive";
import { findEditableJob } from "~/server/jobs/access";
import { notifyJobChanged } from "~/server/realtime/job-events";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/** Archives a run (hidden from the lists) or brings it back: its team's members and the course staff. */
export const setArchived = courseMemberProcedure
  .input(jobIdInput.extend({ archived: z.boolean({ error: "Say whether to archive the run (true) or bring it back (false)." }) }))
  .mutation(async ({ ctx, input }) => {
    const job = await findEditableJob(ctx.db, ctx.enrollment, input.jobId);
    if (input.archived) await assertArchivable(ctx.db, job);
    const updated = await ctx.db.job.update({ where: { id: job.id }, data: { archivedAt: input.archived ? new Date() : null }, select: { id: true, archivedAt: true } });
    await notifyJobChanged(ctx.db, { id: job.id, courseId: ctx.enrollment.courseId });
    return updated;
  });
