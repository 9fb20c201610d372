import { tracked } from "@trpc/server";
import { z } from "zod";
import type { Db } from "~/server/db/client";
import { findVisibleJob } from "~/server/jobs/access";
import { jobEventId, jobView, jobViewSelect } from "~/server/jobs/view";
import { jobChanges } from "~/server/realtime/job-events";
import { liveStream } from "~/server/realtime/live-stream";
import { ALL_COURSE_ROLES, courseMemberProcedure, requireEnrollment } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/** The job's state now and after each burst of changes; ends after a finished state. */
async function* jobStates(db: Db, jobId: string, lastEventId: string | null, signal: AbortSignal) {
  for await (const _change of jobChanges(jobId, signal)) {
    const job = await db.job.findUnique({ where: { id: jobId }, select: jobViewSelect });
    if (!job) return;
    const eventId = jobEventId(job);
    if (eventId !== lastEventId) {
      lastEventId = eventId;
      yield tracked(eventId, jobView(job));
    }
    if (job.status !== "QUEUED" && job.status !== "RUNNING") return;
  }
}

/**
 * The job's live state over SSE. Each state is tracked by an id, so a client that reconnects (sending
 * the last id it saw) gets the current state only if it changed meanwhile. The caller's access is
 * checked before the stream starts, so a refusal is an error of the call, not of the stream; losing
 * access later ends the stream with the error.
 */
export const watch = courseMemberProcedure
  .input(jobIdInput.extend({ lastEventId: z.string().max(200).nullish() }))
  .subscription(async ({ ctx, input, signal }) => {
    const { id } = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
    return liveStream({
      userId: ctx.user.id,
      signal,
      // A student who leaves the team stops seeing its runs: the stream ends with FORBIDDEN.
      access: async () => findVisibleJob(ctx.db, await requireEnrollment(ctx.db, ctx.user.id, input.courseId, ALL_COURSE_ROLES), id),
      source: (stop) => jobStates(ctx.db, id, input.lastEventId ?? null, stop),
    });
  });
