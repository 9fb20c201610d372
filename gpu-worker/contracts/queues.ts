/**
 * Names shared by the web app (which enqueues) and the worker (which claims). pg-boss only delivers a
 * job id; the Job row in Postgres holds everything else.
 */
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
