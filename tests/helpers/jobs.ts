import { afterAll, expect } from "vitest";
import type { TrainConfigInput } from "~/gpu-worker/contracts/jobs";
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
