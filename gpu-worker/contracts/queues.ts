/**
 * Names shared by the web app (which enqueues) and the worker (which claims). pg-boss only delivers a
 * job id; the Job row in Postgres holds everything else.
 */
import type { PgBoss } from "pg-boss";

export const JOB_QUEUES = ["train", "sample", "evaluate"] as const;
export type JobQueue = (typeof JOB_QUEUES)[number];

/** The queue for each Job.kind. */
export const QUEUE_FOR_KIND = { TRAIN: "train", SAMPLE: "sample", EVALUATE: "evaluate" } as const satisfies Record<string, JobQueue>;

export interface QueuedJob {
  jobId: string;
}

/**
 * pg-boss does not retry a delivery: the Job row decides. A delivery whose job is no longer QUEUED is
 * dropped by the worker, and a job whose worker died is re-sent by the stale-heartbeat sweep. Expiry is
 * pg-boss's maximum, 24 h, so a long run is not expired while its worker is healthy.
 */
export const QUEUE_SEND_OPTIONS = { retryLimit: 0, expireInSeconds: 24 * 60 * 60 } as const;

/**
 * Creates the queues, or brings existing ones up to date: pg-boss' createQueue leaves an existing
 * queue's options alone. `notify` makes each send pg_notify, so an idle worker (with useListenNotify)
 * claims at once instead of at its next poll; the issue's dispatch target (p95 < 500 ms) is the
 * polling interval itself. Both sides call this: whichever process starts first must not find them
 * missing.
 */
export async function ensureJobQueues(boss: PgBoss): Promise<void> {
  for (const queue of JOB_QUEUES) {
    await boss.createQueue(queue, { notify: true });
    await boss.updateQueue(queue, { notify: true });
  }
}
