import { TRPCError } from "@trpc/server";
import {
  imageEvaluationLimitViolations,
  isImageDataset,
  sampleConfigSchema,
  sampleLimitViolations,
  trainConfigSchema,
  trainLimitViolations,
  type CourseJobLimits,
} from "~/gpu-worker/contracts/jobs";
import type { Enrollment } from "~/prisma/generated/client/client";
import type { ArtifactKind, JobKind } from "~/prisma/generated/client/enums";
import type { Db } from "../db/client";
import { currentTeamId, findVisibleJob } from "./access";
import { assertCapacity, assertWithinLimits, courseJobLimits } from "./limits";
import { notifyJobChanged } from "../realtime/job-events";
import { enqueueJob, readyJobQueue } from "./queue";

export interface NewJob {
  courseId: string;
  ownerId: string;
  kind: JobKind;
  config: unknown;
  sourceJobId?: string | null;
  /** Stored with the row in the same transaction (a points_file run's TRAINING_DATA). */
  artifacts?: { kind: ArtifactKind; name: string; contentType: string; data: Uint8Array }[];
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
  // An image model's evaluation generates `count` images for each of its sampler settings.
  if (job.kind === "EVALUATE" && isImageDataset(trainConfigSchema.parse(source.config).dataset)) {
    assertWithinLimits(imageEvaluationLimitViolations(sampleConfigSchema.parse(job.config), await courseJobLimits(db, job.courseId)));
  }
  return createAndEnqueueJob(db, job);
}

/** A class pressing Train in the same minute queues for the connection pool: wait rather than refuse. */
const CLASS_BURST_TRANSACTION = { maxWait: 15_000 };

/**
 * Checks the config against its contract and the course's limits and the caller's capacity, stores the
 * QUEUED row (with the caller's team, so teammates see it) and its queue entry in one transaction. The
 * check and the insert hold the caller's lock and then their team's, so neither two quick submissions
 * of one student nor two teammates submitting at once can both take the last slot (always user, then
 * team: no two submissions wait on each other's lock). When the queue cannot take the entry, nothing is
 * stored and the caller gets the error to try again.
 */
export async function createAndEnqueueJob(db: Db, job: NewJob) {
  await readyJobQueue();
  const created = await db.$transaction(async (tx) => {
    const limits = await courseJobLimits(tx, job.courseId);
    const config = checkedConfig(job.kind, job.config, limits);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`jobs:${job.ownerId}`}))`;
    const teamId = await currentTeamId(tx, job.courseId, job.ownerId);
    if (teamId) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`jobs:team:${teamId}`}))`;
    await assertCapacity(tx, { courseId: job.courseId, userId: job.ownerId, teamId }, limits);
    const { artifacts = [], ...fields } = job;
    const row = await tx.job.create({ data: { ...fields, config, teamId }, select: { id: true, kind: true } });
    if (artifacts.length > 0) {
      await tx.artifact.createMany({
        data: artifacts.map(({ data, ...artifact }) => ({ ...artifact, jobId: row.id, byteSize: data.byteLength, data: new Uint8Array(data) })),
      });
    }
    await enqueueJob(row, tx).catch((error: Error) => {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Could not queue the job (${error.message}); nothing was saved. Try again in a minute.`, cause: error });
    });
    return row;
  }, CLASS_BURST_TRANSACTION);
  await notifyJobChanged(db, { id: created.id, courseId: job.courseId });
  return created;
}
