/**
 * Names shared by the web app (which enqueues) and the worker (which claims). pg-boss only delivers a
 * job id; the Job row in Postgres holds everything else.
 */
export const JOB_QUEUES = ["train", "sample", "evaluate"] as const;
export type JobQueue = (typeof JOB_QUEUES)[number];

export interface QueuedJob {
  jobId: string;
}
