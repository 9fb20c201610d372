/**
 * Archiving a run hides it from the run lists and the sample-set picker without deleting anything. A
 * run a submission refers to (handed in, or the training run behind a handed-in sample set) stays
 * visible, so what a grade was given for is always found where the team left it.
 */
import { TRPCError } from "@trpc/server";
import type { Job } from "~/prisma/generated/client/client";
import type { Db } from "~/server/db/client";
import { ACTIVE_JOB_STATUSES } from "./limits";

/** Refuses to archive a run that is still queued or running, or that a submission refers to. */
export async function assertArchivable(db: Db, job: Pick<Job, "id" | "status">): Promise<void> {
  if ((ACTIVE_JOB_STATUSES as readonly string[]).includes(job.status)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "This run is still queued or running; cancel it or let it finish before archiving it." });
  }
  const reference = await db.submission.findFirst({
    where: { OR: [{ jobId: job.id }, { handedInRun: { trainingJobId: job.id } }] },
    select: { version: true, deliverable: { select: { title: true } } },
    orderBy: { submittedAt: "desc" },
  });
  if (reference) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Version ${reference.version} of “${reference.deliverable.title}” was handed in from this run, so it cannot be archived: runs a submission refers to stay in the list.`,
    });
  }
}
