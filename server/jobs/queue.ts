import { PgBoss } from "pg-boss";
import { ensureJobQueues, QUEUE_FOR_KIND, QUEUE_SEND_OPTIONS, type QueuedJob } from "~/gpu-worker/contracts/queues";
import type { JobKind } from "~/prisma/generated/client/enums";
import { env } from "../env";

/**
 * The web app's pg-boss: it only sends (workers claim). One per server process, on globalThis because
 * Next's dev server reloads modules.
 */
const globalForQueue = globalThis as unknown as { jobQueue?: Promise<PgBoss> };

async function startJobQueue(databaseUrl: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false, max: 2, application_name: "diffusion-lab-web" });
  boss.on("error", (error) => console.error(`job queue: ${error.message}`));
  await boss.start();
  await ensureJobQueues(boss);
  return boss;
}

function jobQueue(): Promise<PgBoss> {
  globalForQueue.jobQueue ??= startJobQueue(env().DATABASE_URL).catch((error: unknown) => {
    globalForQueue.jobQueue = undefined;
    throw error;
  });
  return globalForQueue.jobQueue;
}

/**
 * Starts this process's sender if it is not running yet. Call it before opening the transaction an
 * entry goes in: starting takes a while (pg-boss checks its schema and the queues), and a class's
 * submissions must not each hold a connection meanwhile.
 */
export async function readyJobQueue(): Promise<void> {
  await jobQueue();
}

/** What pg-boss needs of a Prisma transaction to write its queue entry there. */
interface RawSqlTransaction {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * Hands a job's id to the workers; the Job row (already QUEUED) holds everything else. Given the
 * transaction that inserts the row, the queue entry is written in it: both commit or neither does, so
 * no crash leaves a QUEUED row that no worker will ever be told about.
 */
export async function enqueueJob(job: { id: string; kind: JobKind }, tx?: RawSqlTransaction): Promise<void> {
  const boss = await jobQueue();
  const db = tx && { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) };
  await boss.send(QUEUE_FOR_KIND[job.kind], { jobId: job.id } satisfies QueuedJob, { ...QUEUE_SEND_OPTIONS, db });
}

/** Stops this process's sender (tests, before their database goes away). */
export async function stopJobQueue(): Promise<void> {
  const boss = globalForQueue.jobQueue;
  globalForQueue.jobQueue = undefined;
  await (await boss)?.stop({ graceful: false });
}
