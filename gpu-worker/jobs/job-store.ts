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
import type { QueuedCandidate } from "../contracts/fair-share";

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

  /**
   * Takes a QUEUED job; null when it is not (cancelled, or already claimed by a redelivery). Times come
   * from the database's clock, which the stale-heartbeat sweep compares them with, so workers on other
   * machines need no synchronized clocks. startedAt is kept from the first attempt so GPU time counts
   * the whole run.
   */
  async claim(jobId: string): Promise<Job | null> {
    const claimed = await this.db.$queryRaw<{ id: string }[]>`
      UPDATE "Job" SET "status" = 'RUNNING', "workerId" = ${this.workerId}, "heartbeatAt" = now(), "attempts" = "attempts" + 1,
        "error" = NULL, "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
      WHERE "id" = ${jobId} AND "status" = 'QUEUED'
      RETURNING "id"`;
    if (claimed.length === 0) return null;
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

  /** Records that this worker is alive; returns whether someone asked for the job to stop. */
  async heartbeat(jobId: string): Promise<{ cancelRequested: boolean }> {
    const [beat] = await this.db.$queryRaw<{ cancelRequested: boolean }[]>`
      UPDATE "Job" SET "heartbeatAt" = now()
      WHERE "id" = ${jobId} AND "workerId" = ${this.workerId} AND "status" = 'RUNNING'
      RETURNING "cancelRequested"`;
    if (!beat) throw new LostJobError(jobId);
    return beat;
  }

  /** Changes this worker's RUNNING job and tells the web; LostJobError when it is no longer ours. */
  async update(jobId: string, data: Prisma.JobUpdateManyMutationInput): Promise<void> {
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

  async finish(jobId: string, status: "SUCCEEDED" | "FAILED" | "CANCELLED", data: Prisma.JobUpdateManyMutationInput = {}): Promise<void> {
    await this.update(jobId, { ...data, status, finishedAt: new Date() });
  }

  /**
   * Puts RUNNING jobs whose worker has not beaten for `staleAfterMs` back in the queue; returns them for
   * re-sending. The conditional UPDATE lets exactly one of several sweeping workers take each job.
   */
  async requeueStale(staleAfterMs: number): Promise<{ id: string; kind: JobKind }[]> {
    const stale = await this.db.$queryRaw<{ id: string; kind: JobKind }[]>`
      UPDATE "Job" SET "status" = 'QUEUED', "workerId" = NULL, "updatedAt" = now()
      WHERE "status" = 'RUNNING' AND "heartbeatAt" < now() - make_interval(secs => ${staleAfterMs / 1000}::double precision)
      RETURNING "id", "kind"`;
    for (const { id } of stale) await this.notify(id);
    return stale;
  }

  /** Wakes the job's own watchers and its course's run lists. */
  async notify(jobId: string): Promise<void> {
    await this.db.$executeRaw`
      SELECT pg_notify(${JOB_EVENTS_CHANNEL}, "id"), pg_notify(${COURSE_JOB_EVENTS_CHANNEL}, "courseId") FROM "Job" WHERE "id" = ${jobId}`;
  }
}
