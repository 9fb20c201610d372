import pg from "pg";
import { afterAll, expect } from "vitest";
import { trainingProgressSchema, type TrainConfigInput } from "~/gpu-worker/contracts/jobs";
import { startJobWorker } from "~/gpu-worker/jobs/job-worker";
import type { Job } from "~/prisma/generated/client/client";
import type { Db } from "~/server/db/client";
import { stopJobQueue } from "~/server/jobs/queue";
import { closeNotifyHubs } from "~/server/realtime/notify-hub";

/** Heartbeat and staleness fast enough that a lost worker is noticed within a test. */
export const TEST_WORKER_TIMINGS = { heartbeatMs: 200, staleAfterMs: 1500 };

/** A run that trains in well under a second on one core, with checkpoints and small metrics. */
export const QUICK_TRAINING = {
  steps: 300,
  batchSize: 64,
  model: { hidden: 32, depth: 2 },
  checkpointEvery: 100,
  evaluation: { count: 256, steps: 20 },
} satisfies TrainConfigInput;

/**
 * Points the web app's process-wide services (queue sender, event hub) at this file's database, and
 * stops them before the database is dropped.
 */
export function useDatabaseForWebApp(url: string) {
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret";
  afterAll(async () => {
    await stopJobQueue();
    await closeNotifyHubs();
  });
}

/** The real worker loop, in this process, until the file's tests end. */
export async function startTestWorker(url: string, workerId: string) {
  const worker = await startJobWorker({ databaseUrl: url, workerId, provider: "cpu", log: () => {}, ...TEST_WORKER_TIMINGS });
  afterAll(() => worker.stop());
  return worker;
}

export async function waitForJob(db: Db, jobId: string, until: (job: Job) => boolean, timeoutMs = 30_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    if (until(job)) return job;
    if (Date.now() > deadline) expect.fail(`job ${jobId} is still ${job.status} (progress ${job.progress}) after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const isFinished = (job: Job) => !["QUEUED", "RUNNING"].includes(job.status);

/**
 * A subscription event as a browser receives it ({ id, data }); the server-side caller hands out
 * tRPC's raw tracked envelope ([id, data, marker]) although its type says otherwise.
 */
export function asReceived<T>(event: { id: string; data: T }): { id: string; data: T } {
  const [id, data] = event as unknown as [string, T];
  return { id, data };
}

/**
 * Holds every write to the Artifact table: a SHARE lock on it, taken in an open transaction on a
 * connection of its own (reads still go through). A training run that reaches its next checkpoint
 * writes its progress row for that step (train.ts flushes it first) and then waits on the lock inside
 * its checkpoint's transaction: it is paused at a known step, however fast the machine is, with no
 * hook in the worker. `release` lets the waiting write through; `handOver` does too, but only after
 * queueing a new hold behind it, so the run pauses again at the checkpoint after.
 */
export interface ArtifactWriteHold {
  release(): Promise<void>;
  handOver(): Promise<ArtifactWriteHold>;
}

export async function holdArtifactWrites(url: string): Promise<ArtifactWriteHold> {
  return (await queueArtifactHold(url)).acquired;
}

async function queueArtifactHold(url: string): Promise<{ acquired: Promise<ArtifactWriteHold> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  const hold: ArtifactWriteHold = {
    async release() {
      await client.query("ROLLBACK");
      await client.end();
    },
    async handOver() {
      // Postgres grants a lock to requests in the order they wait (a new one queues behind a waiting one
      // it conflicts with): the worker's write goes first, then the new hold, long before the run
      // reaches its next checkpoint.
      await waitUntilLockWaits(url, 1);
      const next = await queueArtifactHold(url);
      await waitUntilLockWaits(url, 2);
      await hold.release();
      return next.acquired;
    },
  };
  return { acquired: client.query('LOCK TABLE "Artifact" IN SHARE MODE').then(() => hold) };
}

/** Until at least `count` sessions of this database wait on a lock on the Artifact table. */
async function waitUntilLockWaits(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ waiting: number }>(
        // pg_locks spans the cluster, and databases cloned from one template share the table's oid.
        `SELECT count(*)::int AS waiting FROM pg_locks
         WHERE NOT granted AND relation = '"Artifact"'::regclass AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      if (rows[0].waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
}

/** The training step a job's progress row reports (0 before its first report). */
export const stepOf = (job: Pick<Job, "progressDetail">) => trainingProgressSchema.safeParse(job.progressDetail).data?.step ?? 0;

/**
 * Waits, under holdArtifactWrites, until the training job is paused at a checkpoint: a write of it waits
 * on the hold, and its progress row (flushed before the checkpoint) is final. Returns the checkpoint's
 * step: the next multiple of `checkpointEvery` after the latest checkpoint stored.
 */
export async function waitForCheckpointPause(db: Db, url: string, jobId: string, checkpointEvery: number): Promise<number> {
  await waitForJob(db, jobId, (job) => job.status === "RUNNING" && stepOf(job) > 0);
  await waitUntilLockWaits(url, 1);
  const stored = await db.artifact.findFirst({ where: { jobId, kind: "CHECKPOINT" }, orderBy: { step: "desc" }, select: { step: true } });
  return (Math.floor((stored?.step ?? 0) / checkpointEvery) + 1) * checkpointEvery;
}
