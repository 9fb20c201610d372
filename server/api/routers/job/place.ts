import { findVisibleJob } from "~/server/jobs/access";
import { queuePlaces } from "~/server/jobs/queue-places";
import { courseMemberProcedure } from "../../trpc";
import { jobIdInput } from "./job-id-input";

/** A queued job's position and estimated start (null once it is no longer queued); whoever may see the job. */
export const place = courseMemberProcedure.input(jobIdInput).query(async ({ ctx, input }) => {
  const job = await findVisibleJob(ctx.db, ctx.enrollment, input.jobId);
  if (job.status !== "QUEUED") return null;
  return (await queuePlaces(ctx.db, [job.kind])).get(job.id) ?? null;
});
