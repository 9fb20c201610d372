/**
 * The one owner of a job's life: every change of Job.status, by the web (cancel, resume) or a worker
 * (claim, finish, hand back, sweep), goes through this module.
 *
 *   QUEUED ──claim──▶ RUNNING ──▶ SUCCEEDED | FAILED | CANCELLED | STOPPED_AT_BUDGET
 *     │  ▲               │                                              │
 *     │  └──requeue──────┘ (its worker died or stopped)                 │
 *     │  └──resume after a top-up──────────────────────────────────────┘
 *     └──▶ CANCELLED (cancelled before it ran) | FAILED (could not be queued or refused before running)
 *
 * Each write is a conditional UPDATE on the status it leaves (and, for a running job, on the worker that
 * owns it), so of two racing writers exactly one wins and the other learns it lost (false). A pair not
 * in the table is refused before any write, and the database's trigger (migration
 * 20261204100100_job_lifecycle) refuses it for any other writer.
 */
import type { Prisma, PrismaClient } from "../../prisma/generated/client/client";
import type { JobKind, JobStatus } from "../../prisma/generated/client/enums";

export type LifecycleDb = PrismaClient | Prisma.TransactionClient;

/** Where each status may go. */
export const JOB_TRANSITIONS = {
  QUEUED: ["RUNNING", "CANCELLED", "FAILED"],
  RUNNING: ["SUCCEEDED", "FAILED", "CANCELLED", "STOPPED_AT_BUDGET", "QUEUED"],
  STOPPED_AT_BUDGET: ["QUEUED"],
  SUCCEEDED: [],
  FAILED: [],
  CANCELLED: [],
} as const satisfies Record<JobStatus, readonly JobStatus[]>;

/** How a running job can end on its worker. */
export type RunningJobEnd = "SUCCEEDED" | "FAILED" | "CANCELLED" | "STOPPED_AT_BUDGET";

export class IllegalJobTransitionError extends Error {
  constructor(
    readonly from: JobStatus,
    readonly to: JobStatus,
  ) {
    super(`a ${from} job cannot become ${to}`);
    this.name = "IllegalJobTransitionError";
  }
}

export function isLegalTransition(from: JobStatus, to: JobStatus): boolean {
  return (JOB_TRANSITIONS[from] as readonly JobStatus[]).includes(to);
}

export function assertLegalTransition(from: JobStatus, to: JobStatus): void {
  if (!isLegalTransition(from, to)) throw new IllegalJobTransitionError(from, to);
}

/** Fields a transition may set besides the status (never the status itself). */
type TransitionData = Omit<Prisma.JobUpdateManyMutationInput, "status">;

/** Moves the job from `from` to `to` if it is still in `from` (and, when given, on that worker). */
async function transition(
  db: LifecycleDb,
  jobId: string,
  { from, to, workerId, data = {} }: { from: JobStatus; to: JobStatus; workerId?: string; data?: TransitionData },
): Promise<boolean> {
  assertLegalTransition(from, to);
  const { count } = await db.job.updateMany({
    where: { id: jobId, status: from, ...(workerId === undefined ? {} : { workerId }) },
    data: { ...data, status: to },
  });
  return count === 1;
}

/**
 * A worker takes a QUEUED job; false when it is not (cancelled, or already claimed by a redelivery).
 * Times come from the database's clock, which the stale-heartbeat sweep compares them with, so workers
 * on other machines need no synchronized clocks. startedAt is kept from the first attempt.
 */
export async function claimJob(db: LifecycleDb, jobId: string, workerId: string): Promise<boolean> {
  assertLegalTransition("QUEUED", "RUNNING");
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job" SET "status" = 'RUNNING', "workerId" = ${workerId}, "heartbeatAt" = now(), "attempts" = "attempts" + 1,
      "error" = NULL, "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
    WHERE "id" = ${jobId} AND "status" = 'QUEUED'
    RETURNING "id"`;
  return claimed.length === 1;
}

/** Ends the worker's RUNNING job; false when it is no longer that worker's (lost, or settled already). */
export function finishRunningJob(db: LifecycleDb, jobId: string, workerId: string, to: RunningJobEnd, data: TransitionData = {}): Promise<boolean> {
  return transition(db, jobId, { from: "RUNNING", to, workerId, data: { ...data, finishedAt: new Date() } });
}

/** The worker hands its RUNNING job back to the queue (it is stopping); the caller re-sends it. */
export function requeueRunningJob(db: LifecycleDb, jobId: string, workerId: string): Promise<boolean> {
  return transition(db, jobId, { from: "RUNNING", to: "QUEUED", workerId, data: { workerId: null } });
}

/**
 * Puts RUNNING jobs whose worker has not beaten for `staleAfterMs` back in the queue; returns them for
 * re-sending. The conditional UPDATE lets exactly one of several sweeping workers take each job.
 */
export async function requeueStaleJobs(db: LifecycleDb, staleAfterMs: number): Promise<{ id: string; kind: JobKind }[]> {
  assertLegalTransition("RUNNING", "QUEUED");
  return db.$queryRaw<{ id: string; kind: JobKind }[]>`
    UPDATE "Job" SET "status" = 'QUEUED', "workerId" = NULL, "updatedAt" = now()
    WHERE "status" = 'RUNNING' AND "heartbeatAt" < now() - make_interval(secs => ${staleAfterMs / 1000}::double precision)
    RETURNING "id", "kind"`;
}

/**
 * Cancels a job: a QUEUED one at once ("CANCELLED"); a RUNNING one is asked to stop ("STOPPING"), and
 * its worker ends it as CANCELLED at its next check. null: the job has already finished.
 */
export async function cancelJob(db: LifecycleDb, jobId: string): Promise<"CANCELLED" | "STOPPING" | null> {
  if (await transition(db, jobId, { from: "QUEUED", to: "CANCELLED", data: { cancelRequested: true, finishedAt: new Date() } })) return "CANCELLED";
  const { count } = await db.job.updateMany({ where: { id: jobId, status: "RUNNING" }, data: { cancelRequested: true } });
  return count === 1 ? "STOPPING" : null;
}

/** A QUEUED job that will never run (it could not be queued); false when it had left QUEUED already. */
export function failQueuedJob(db: LifecycleDb, jobId: string, error: string): Promise<boolean> {
  return transition(db, jobId, { from: "QUEUED", to: "FAILED", data: { error, finishedAt: new Date() } });
}

/** A run stopped at its budget goes back to the queue (after a top-up) and resumes from its checkpoint. */
export function resumeStoppedJob(db: LifecycleDb, jobId: string): Promise<boolean> {
  return transition(db, jobId, { from: "STOPPED_AT_BUDGET", to: "QUEUED", data: { error: null, finishedAt: null, cancelRequested: false } });
}
