/** What every job handler gets, and why a running job can be stopped from outside. */
import type { Job } from "../../prisma/generated/client/client";
import type { ExecutionProviderName } from "../engine/training-engine";
import type { JobStore } from "./job-store";
import type { StepClock } from "./step-clock";

export interface JobHandlerContext {
  store: JobStore;
  /** The claimed row (status RUNNING, owned by this worker). */
  job: Job;
  /** Aborted with one of the reasons below; handlers check it between steps. */
  signal: AbortSignal;
  /** The execution provider this worker's device offers. */
  provider: ExecutionProviderName;
  /** onnxruntime intra-op threads a training job uses on the CPU provider. */
  threads: number;
  /** Where a handler marks the training or sampler step it is inside, for the main thread's heartbeat to report. */
  stepClock?: StepClock;
}

export type JobHandler = (context: JobHandlerContext) => Promise<void>;

/** The job's owner or staff set cancelRequested. */
export class JobCancelledError extends Error {
  constructor() {
    super("cancelled on request");
    this.name = "JobCancelledError";
  }
}

/** The worker is shutting down; the job goes back to the queue to resume elsewhere. */
export class WorkerStoppingError extends Error {
  readonly keepsCheckpoint = true;
  constructor() {
    super("the worker is stopping");
    this.name = "WorkerStoppingError";
  }
}

/**
 * A long training run yields its worker slot to short runs of other teams that found no free slot: it
 * goes back to the queue at a checkpoint and resumes from it when fair share picks it again.
 */
export class PreemptedError extends Error {
  readonly keepsCheckpoint = true;
  constructor() {
    super("paused at a checkpoint for shorter runs of other teams; it resumes from there");
    this.name = "PreemptedError";
  }
}

/** The job's team ran out of GPU minutes while it ran: it stops as STOPPED_AT_BUDGET, checkpoint kept. */
export class BudgetExhaustedError extends Error {
  readonly keepsCheckpoint = true;
  constructor(message: string) {
    super(message);
    this.name = "BudgetExhaustedError";
  }
}

/** The job ran as long as the course allows one job (maxJobMinutes): it fails, checkpoint kept. */
export class JobTimeCapError extends Error {
  readonly keepsCheckpoint = true;
  constructor(capMinutes: number) {
    super(`stopped after ${capMinutes} minutes, this course's cap per job (maxJobMinutes); its last checkpoint is kept. Start a shorter run, or ask your instructor to raise the cap.`);
    this.name = "JobTimeCapError";
  }
}

/**
 * What a handler's signal is aborted with in its thread: stop at the next check, first saving a
 * checkpoint of the progress so far when the reason on the main thread keeps one.
 */
export class StopRequestedError extends Error {
  constructor(readonly keepCheckpoint: boolean) {
    super("stopped by its worker");
    this.name = "StopRequestedError";
  }
}

/** Whether the main thread's stop reason keeps the progress so far as a checkpoint. */
export const keepsCheckpoint = (reason: unknown): boolean => (reason as { keepsCheckpoint?: boolean } | undefined)?.keepsCheckpoint === true;
