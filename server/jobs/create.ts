import { TRPCError } from "@trpc/server";
import {
  sampleConfigSchema,
  sampleLimitViolations,
  trainConfigSchema,
  trainLimitViolations,
  type CourseJobLimits,
} from "~/gpu-worker/contracts/jobs";
import type { Enrollment } from "~/prisma/generated/client/client";
import type { JobKind } from "~/prisma/generated/client/enums";
import type { Db } from "../db/client";
import { currentTeamId, findVisibleJob } from "./access";
import { assertCapacity, assertWithinLimits, courseJobLimits } from "./limits";
import { notifyJobChanged } from "../realtime/job-events";
import { enqueueJob } from "./queue";

export interface NewJob {
  courseId: string;
  ownerId: string;
  kind: JobKind;
  config: unknown;
  sourceJobId?: string | null;
}

/** The config read through its kind's contract and checked against the course's limits. */
function checkedConfig(kind: JobKind, config: unknown, limits: CourseJobLimits) {
  switch (kind) {
    case "TRAIN": {
      const parsed = trainConfigSchema.parse(config);
      assertWithinLimits(trainLimitViolations(parsed, limits));
      return parsed;
    }
    case "SAMPLE":
    case "EVALUATE": {
      const parsed = sampleConfigSchema.parse(config);
      assertWithinLimits(sampleLimitViolations(parsed, limits));
      return parsed;
    }
  }
}

/**
 * Queues a job on a training run the caller can see (sampling or evaluating its model), which must
 * have succeeded: only then does it have a model.
 */
export async function createJobOnTrainingRun(db: Db, enrollment: Pick<Enrollment, "userId" | "courseId" | "role">, job: NewJob & { sourceJobId: string }) {
  const source = await findVisibleJob(db, enrollment, job.sourceJobId);
  if (source.kind !== "TRAIN" || source.status !== "SUCCEEDED") {
    throw new TRPCError({ code: "BAD_REQUEST", message: `${job.kind === "SAMPLE" ? "Sample from" : "Evaluate"} a training run that has succeeded.` });
  }
  return createAndEnqueueJob(db, job);
}

/**
 * Checks the config against its contract and the course's limits and the caller's capacity, stores the
 * QUEUED row (with the caller's team, so teammates see it) and hands its id to the queue. The check and
 * the insert hold the caller's lock and then their team's, so neither two quick submissions of one
 * student nor two teammates submitting at once can both take the last slot (always user, then team:
 * no two submissions wait on each other's lock).
 */
export async function createAndEnqueueJob(db: Db, job: NewJob) {
  const created = await db.$transaction(async (tx) => {
    const limits = await courseJobLimits(tx, job.courseId);
    const config = checkedConfig(job.kind, job.config, limits);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`jobs:${job.ownerId}`}))`;
    const teamId = await currentTeamId(tx, job.courseId, job.ownerId);
    if (teamId) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`jobs:team:${teamId}`}))`;
    await assertCapacity(tx, { courseId: job.courseId, userId: job.ownerId, teamId }, limits);
    return tx.job.create({ data: { ...job, config, teamId }, select: { id: true, kind: true } });
  });
  try {
    await enqueueJob(created);
  } catch (error) {
    // The row must not sit QUEUED forever with nothing delivered for it.
    await db.job.update({
      where: { id: created.id },
      data: { status: "FAILED", finishedAt: new Date(), error: `Could not queue the job: ${(error as Error).message}` },
    });
    throw error;
  }
  await notifyJobChanged(db, { id: created.id, courseId: job.courseId });
  return created;
}
