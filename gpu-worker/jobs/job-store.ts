/**
 * The worker's side of the Job row. Every write after the claim is conditional on the row still being
 * this worker's RUNNING job, so a worker that lost its job (its heartbeat went stale and another worker
 * took over) stops instead of overwriting the new owner's progress.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../prisma/generated/client/client";
import type { ArtifactKind, JobKind } from "../../prisma/generated/client/enums";
import type { Job, Prisma } from "../../prisma/generated/client/client";
import { COURSE_JOB_EVENTS_CHANNEL, JOB_EVENTS_CHANNEL } from "../contracts/jobs";
import { claimJob, finishRunningJob, requeueRunningJob, requeueStaleJobs, type RunningJobEnd } from "./job-lifecycle";
import type { QueuedCandidate } from "../contracts/fair-share";
import type { StepInProgress } from "./step-clock";

export type WorkerDb = PrismaClient;

export function createWorkerDb(databaseUrl: string): WorkerDb {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/** Thrown when the row says another worker (or nobody) owns the job now. */
export class LostJobError extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} is no longer running on this worker`);
    this.name = "LostJobError";
  }
}

export interface NewArtifact {
  kind: ArtifactKind;
  name: string;
  contentType: string;
  data: Uint8Array;
  step?: number;
}

/** A QUEUED job as the scheduler weighs it: its share, and what tells a small job from a long one. */
export interface ClaimCandidate extends QueuedCandidate {
  kind: JobKind;
  /** The training data set: the job's own (TRAIN) or its training run's (SAMPLE, EVALUATE). */
  dataset: string | null;
  /** Training steps (TRAIN; the stored config has the data set's default filled in). */
  steps: number | null;
  /** Only a GPU worker may claim it (TrainConfig.requiresGpu). */
  requiresGpu: boolean;
}

/** Enough of the queue for any fair pick; a class is a few hundred jobs. */
const CANDIDATES_READ = 1000;

export class JobStore {
  constructor(
    readonly db: WorkerDb,
    readonly workerId: string,
  ) {}

  /** Takes a QUEUED job (job-lifecycle.ts); null when it is not (cancelled, or already claimed by a redelivery). */
  async claim(jobId: string): Promise<Job | null> {
    if (!(await claimJob(this.db, jobId, this.workerId))) return null;
    await this.notify(jobId);
    return this.db.job.findUniqueOrThrow({ where: { id: jobId } });
  }

  /** The QUEUED jobs of one kind, oldest first, as fair-share candidates. */
  async queuedCandidates(kind: JobKind): Promise<ClaimCandidate[]> {
    return this.db.$queryRaw<ClaimCandidate[]>`
      SELECT j."id", COALESCE(j."teamId", 'user:' || j."ownerId") AS "share", j."queuedAt", j."kind",
        COALESCE(j."config"->>'dataset', s."config"->>'dataset') AS "dataset",
        CASE WHEN j."kind" = 'TRAIN' THEN (j."config"->>'steps')::int END AS "steps",
        COALESCE((j."config"->>'requiresGpu')::boolean, false) AS "requiresGpu"
      FROM "Job" j LEFT JOIN "Job" s ON s."id" = j."sourceJobId"
      WHERE j."status" = 'QUEUED' AND j."kind" = ${kind}::"JobKind"
      ORDER BY j."queuedAt" LIMIT ${CANDIDATES_READ}`;
  }

  /**
   * Records that this worker is alive and adds the time since the last beat (or the claim) to the job's
   * GPU time, with the training or sampler step its thread is inside (if any; its start is written as an age
   * against the database's clock, so hosts' clocks need not agree); returns whether someone asked for
   * the job to stop, and its GPU time so far.
   */
  async heartbeat(jobId: string, inStep: StepInProgress | null = null): Promise<{ cancelRequested: boolean; gpuSeconds: number }> {
    const [beat] = await this.db.$queryRaw<{ cancelRequested: boolean; gpuSeconds: number }[]>`
      UPDATE "Job" SET "heartbeatAt" = now(), "gpuSeconds" = "gpuSeconds" + EXTRACT(EPOCH FROM now() - "heartbeatAt")::double precision,
        "stepInProgress" = ${inStep?.step ?? null}::integer, "stepStartedAt" = now() - make_interval(secs => ${inStep ? (Date.now() - inStep.startedAt.getTime()) / 1000 : null}::double precision)
      WHERE "id" = ${jobId} AND "workerId" = ${this.workerId} AND "status" = 'RUNNING'
      RETURNING "cancelRequested", "gpuSeconds"`;
    if (!beat) throw new LostJobError(jobId);
    return beat;
  }

  /**
   * Changes this worker's RUNNING job (progress, engine, …; its status only through job-lifecycle.ts)
   * and tells the web; LostJobError when it is no longer ours.
   */
  async update(jobId: string, data: Omit<Prisma.JobUpdateManyMutationInput, "status">): Promise<void> {
    const { count } = await this.db.job.updateMany({ where: { id: jobId, workerId: this.workerId, status: "RUNNING" }, data });
    if (count === 0) throw new LostJobError(jobId);
    await this.notify(jobId);
  }

  async addArtifacts(jobId: string, artifacts: NewArtifact[]): Promise<void> {
    await this.db.artifact.createMany({
      // Prisma wants bytes backed by a plain ArrayBuffer; encoders may hand out views of other buffers.
      data: artifacts.map(({ data, ...artifact }) => ({ ...artifact, jobId, byteSize: data.byteLength, data: new Uint8Array(data) })),
    });
    await this.notify(jobId);
  }

  /** Stores a checkpoint and drops the older ones: resuming only ever needs the latest. */
  async replaceCheckpoint(jobId: string, step: number, data: Uint8Array): Promise<void> {
    await this.db.$transaction([
      this.db.artifact.create({
        data: { jobId, kind: "CHECKPOINT", name: `checkpoint-${step}.safetensors`, contentType: "application/octet-stream", byteSize: data.byteLength, data: new Uint8Array(data), step },
      }),
      this.db.artifact.deleteMany({ where: { jobId, kind: "CHECKPOINT", step: { lt: step } } }),
    ]);
    await this.notify(jobId);
  }

  async latestCheckpoint(jobId: string): Promise<Uint8Array | null> {
    const artifact = await this.db.artifact.findFirst({ where: { jobId, kind: "CHECKPOINT" }, orderBy: { step: "desc" } });
    return artifact ? new Uint8Array(artifact.data) : null;
  }

  async artifact(jobId: string, kind: ArtifactKind): Promise<Uint8Array> {
    const artifact = await this.db.artifact.findFirst({ where: { jobId, kind }, orderBy: { createdAt: "desc" } });
    if (!artifact) throw new Error(`job ${jobId} has no ${kind} artifact`);
    return new Uint8Array(artifact.data);
  }

  /** Ends this worker's RUNNING job; LostJobError when it is no longer ours. */
  async finish(jobId: string, status: RunningJobEnd, data: Omit<Prisma.JobUpdateManyMutationInput, "status"> = {}): Promise<void> {
    if (!(await finishRunningJob(this.db, jobId, this.workerId, status, data))) throw new LostJobError(jobId);
    await this.notify(jobId);
  }

  /** Hands this worker's RUNNING job back to the queue (the caller re-sends it); LostJobError when it is no longer ours. */
  async handBack(jobId: string): Promise<void> {
    if (!(await requeueRunningJob(this.db, jobId, this.workerId))) throw new LostJobError(jobId);
    await this.notify(jobId);
  }

  /** Re-queues the jobs whose worker went silent for `staleAfterMs`; returns them for re-sending. */
  async requeueStale(staleAfterMs: number): Promise<{ id: string; kind: JobKind }[]> {
    const stale = await requeueStaleJobs(this.db, staleAfterMs);
    for (const { id } of stale) await this.notify(id);
    return stale;
  }

  /** Wakes the job's own watchers and its course's run lists. */
  async notify(jobId: string): Promise<void> {
    await this.db.$executeRaw`
      SELECT pg_notify(${JOB_EVENTS_CHANNEL}, "id"), pg_notify(${COURSE_JOB_EVENTS_CHANNEL}, "courseId") FROM "Job" WHERE "id" = ${jobId}`;
  }
}
