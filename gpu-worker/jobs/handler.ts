/** What every job handler gets, and why a running job can be stopped from outside. */
import type { Job } from "../../prisma/generated/client/client";
import type { ExecutionProviderName } from "../engine/training-engine";
import type { JobStore } from "./job-store";

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
  constructor() {
    super("the worker is stopping");
    this.name = "WorkerStoppingError";
  }
}
