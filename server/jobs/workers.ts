import { CPU_PROVIDER, WORKER_GONE_AFTER_MS } from "~/gpu-worker/contracts/workers";
import type { Db } from "../db/client";

/** A worker that checked in recently, as the course staff see it. */
export interface OnlineWorker {
  id: string;
  provider: string;
  concurrency: number;
  startedAt: Date;
  secondsSinceSeen: number;
  /** Its RUNNING jobs, in every course. */
  running: number;
}

/** The workers seen within WORKER_GONE_AFTER_MS (by the database's clock), oldest first. */
export async function onlineWorkers(db: Db): Promise<OnlineWorker[]> {
  return db.$queryRaw<OnlineWorker[]>`
    SELECT w."id", w."provider", w."concurrency", w."startedAt",
      EXTRACT(EPOCH FROM now() - w."lastSeenAt")::double precision AS "secondsSinceSeen",
      (SELECT count(*)::int FROM "Job" j WHERE j."workerId" = w."id" AND j."status" = 'RUNNING') AS "running"
    FROM "Worker" w
    WHERE w."lastSeenAt" > now() - make_interval(secs => ${WORKER_GONE_AFTER_MS / 1000}::double precision)
    ORDER BY w."startedAt", w."id"`;
}

/** Whether a worker seen within WORKER_GONE_AFTER_MS has a GPU (asked for every queued run's place, so one EXISTS). */
export async function gpuWorkerOnline(db: Db): Promise<boolean> {
  const [{ online }] = await db.$queryRaw<[{ online: boolean }]>`
    SELECT EXISTS (
      SELECT 1 FROM "Worker"
      WHERE "provider" <> ${CPU_PROVIDER} AND "lastSeenAt" > now() - make_interval(secs => ${WORKER_GONE_AFTER_MS / 1000}::double precision)
    ) AS "online"`;
  return online;
}
