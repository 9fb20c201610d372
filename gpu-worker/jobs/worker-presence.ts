/**
 * A worker's row in the Worker table while it runs: written at start and every WORKER_CHECK_IN_MS,
 * deleted when it stops. A worker that dies leaves a row the web app ignores once it is older than
 * WORKER_GONE_AFTER_MS (and the next check-in of a worker with the same id replaces).
 */
import { WORKER_CHECK_IN_MS } from "../contracts/workers";
import type { ExecutionProviderName } from "../engine/training-engine";
import type { WorkerDb } from "./job-store";

export interface WorkerPresence {
  id: string;
  provider: ExecutionProviderName;
  /** Jobs of each queue it runs at once (WORKER_CONCURRENCY). */
  concurrency: number;
}

async function checkIn(db: WorkerDb, { id, provider, concurrency }: WorkerPresence): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Worker" ("id", "provider", "concurrency", "startedAt", "lastSeenAt") VALUES (${id}, ${provider}, ${concurrency}, now(), now())
    ON CONFLICT ("id") DO UPDATE SET "provider" = EXCLUDED."provider", "concurrency" = EXCLUDED."concurrency", "lastSeenAt" = now()`;
}

/** Checks in now and keeps checking in; `leave` stops and deletes the row. A failed check-in is logged, not fatal. */
export async function announceWorker(db: WorkerDb, presence: WorkerPresence, log: (line: string) => void): Promise<{ leave(): Promise<void> }> {
  await checkIn(db, presence);
  const timer = setInterval(() => {
    checkIn(db, presence).catch((error: unknown) => log(`worker ${presence.id}: check-in failed: ${(error as Error).message}`));
  }, WORKER_CHECK_IN_MS);
  return {
    async leave() {
      clearInterval(timer);
      // While stopping, the database may already be going away (npm start stops both): the row then
      // simply ages out, so a failed delete is no reason to fail the stop.
      await db.worker.deleteMany({ where: { id: presence.id } }).catch(() => undefined);
    },
  };
}
