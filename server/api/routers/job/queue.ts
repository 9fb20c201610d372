import { ACTIVE_JOB_STATUSES } from "~/server/jobs/limits";
import { queuePlaces } from "~/server/jobs/queue-places";
import { jobView, jobViewSelect } from "~/server/jobs/view";
import { courseStaffProcedure } from "../../trpc";

/**
 * Staff: every queued and running job of the course, running first, then queued in the order workers
 * take them (fair share across teams), each queued one with its position and estimated start.
 */
export const queue = courseStaffProcedure.query(async ({ ctx, input }) => {
  const jobs = await ctx.db.job.findMany({
    where: { courseId: input.courseId, status: { in: [...ACTIVE_JOB_STATUSES] } },
    select: jobViewSelect,
    orderBy: { queuedAt: "asc" },
  });
  const places = await queuePlaces(ctx.db, jobs.filter((job) => job.status === "QUEUED").map((job) => job.kind));
  const withPlace = jobs.map((job) => ({ ...jobView(job), place: places.get(job.id) ?? null }));
  const order = (job: (typeof withPlace)[number]) => job.place?.position ?? 0;
  return withPlace.sort((a, b) => order(a) - order(b));
});
