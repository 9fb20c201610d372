/**
 * A thread that runs job handlers, one at a time (JobThreadPool starts and reuses it). Training steps
 * and sampler steps are native onnxruntime calls that hold the calling thread for as long as they take
 * (a CPU UNet step ~0.4–1 s); here they hold only this thread, so the worker's main loop keeps
 * heartbeating, reading cancel requests and claiming jobs. The thread has its own database client;
 * every write stays conditional on the job being its worker's RUNNING job (job-store.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { JobQueue } from "../contracts/queues";
import type { ExecutionProviderName } from "../engine/training-engine";
import { StopRequestedError, type JobHandler } from "./handler";
import { createWorkerDb, JobStore } from "./job-store";
import { runEvaluationJob, runSampleJob } from "./sample";
import { StepClock } from "./step-clock";
import { runTrainingJob } from "./train";

/** What every job of this thread shares: its worker and device. */
export interface JobThreadData {
  databaseUrl: string;
  workerId: string;
  provider: ExecutionProviderName;
  threads: number;
  /** The thread's StepClock memory, which the pool reads for the job it runs. */
  stepClockBuffer: SharedArrayBuffer;
}

/** Main → thread: run a claimed job; stop it at its next check (the main thread knows why). */
export type ToJobThread = { type: "run"; queue: JobQueue; jobId: string } | { type: "abort"; jobId: string; keepCheckpoint: boolean };
/** Thread → main: it has loaded and takes jobs; how a job's handler ended. */
export type FromJobThread = { type: "ready" } | { type: "done"; jobId: string } | { type: "failed"; jobId: string; name: string; message: string };

const HANDLERS: Record<JobQueue, JobHandler> = { train: runTrainingJob, sample: runSampleJob, evaluate: runEvaluationJob };

function serveJobs(port: NonNullable<typeof parentPort>, { databaseUrl, workerId, provider, threads, stepClockBuffer }: JobThreadData): void {
  const store = new JobStore(createWorkerDb(databaseUrl), workerId);
  const running = new Map<string, AbortController>();
  const stepClock = new StepClock(stepClockBuffer);

  async function run(queue: JobQueue, jobId: string): Promise<FromJobThread> {
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      const job = await store.db.job.findUniqueOrThrow({ where: { id: jobId } });
      await HANDLERS[queue]({ store, job, signal: controller.signal, provider, threads, stepClock });
      return { jobId, type: "done" };
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
      return { jobId, type: "failed", name, message };
    } finally {
      stepClock.leave();
      running.delete(jobId);
    }
  }

  port.on("message", (message: ToJobThread) => {
    if (message.type === "run") void run(message.queue, message.jobId).then((outcome) => port.postMessage(outcome));
    else running.get(message.jobId)?.abort(new StopRequestedError(message.keepCheckpoint));
  });
  port.postMessage({ type: "ready" } satisfies FromJobThread);
}

if (parentPort) serveJobs(parentPort, workerData as JobThreadData);
