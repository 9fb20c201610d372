/**
 * The worker loop: claims deliveries from the pg-boss queues, runs each job's handler in a worker
 * thread (job-thread-pool.ts) while this thread heartbeats it (reading cancel requests, counting its GPU
 * time, stopping it at its budget or the course's cap per job), settles the row however the handler
 * ends, and sweeps for jobs whose worker died (stale heartbeat) so they are re-queued and resume from
 * their last checkpoint on whichever worker claims them next.
 */
import { PgBoss } from "pg-boss";
import type { Job } from "../../prisma/generated/client/client";
import { ensureJobQueues, JOB_QUEUES, QUEUE_FOR_KIND, QUEUE_SEND_OPTIONS, type JobQueue, type QueuedJob } from "../contracts/queues";
import type { ExecutionProviderName } from "../engine/training-engine";
import { BudgetExhaustedError, JobCancelledError, JobTimeCapError, WorkerStoppingError } from "./handler";
import { budgetExhaustedMessage, courseLimitsOf, gpuBudget } from "./job-budget";
import { createWorkerDb, JobStore, LostJobError } from "./job-store";
import { JobThreadPool } from "./job-thread-pool";

export interface JobWorkerOptions {
  databaseUrl: string;
  workerId: string;
  provider: ExecutionProviderName;
  /** onnxruntime intra-op threads per training job on the CPU provider (default 1). */
  threads?: number;
  /** How often a running job's row is touched and cancelRequested is read (a cancel takes effect within about this). */
  heartbeatMs?: number;
  /** A RUNNING job whose heartbeat is older than this is taken to have lost its worker. */
  staleAfterMs?: number;
  log?: (message: string) => void;
}

export interface JobWorker {
  /** Stops claiming; a running job goes back to the queue (it resumes from its checkpoint elsewhere). */
  stop(): Promise<void>;
}

export async function startJobWorker({
  databaseUrl,
  workerId,
  provider,
  threads = 1,
  heartbeatMs = 1_000,
  staleAfterMs = 60_000,
  log = console.log,
}: JobWorkerOptions): Promise<JobWorker> {
  const store = new JobStore(createWorkerDb(databaseUrl), workerId);
  // useListenNotify: woken by each send on the notify-enabled queues (contracts/queues.ts).
  const boss = new PgBoss({ connectionString: databaseUrl, useListenNotify: true, application_name: `diffusion-lab-worker ${workerId}` });
  const running = new Map<string, AbortController>();
  const pool = new JobThreadPool({ databaseUrl, workerId, provider, threads });
  await pool.warm();
  let stopping = false;
  // While stopping, the database may go away first (npm start stops both); that is not worth a report.
  boss.on("error", (error) => {
    if (!stopping) log(`worker ${workerId}: queue error: ${error.message}`);
  });
  await boss.start();
  await ensureJobQueues(boss);

  async function run(jobId: string, queue: JobQueue): Promise<void> {
    const job = await store.claim(jobId);
    if (!job) return;
    log(`worker ${workerId}: running ${job.kind} job ${jobId} (attempt ${job.attempts})`);
    const controller = new AbortController();
    running.set(jobId, controller);
    // A stop the heartbeat finds (cancel) ends the row at once, even while the thread is inside a long
    // step; the thread stops at its next check and its later writes find the job gone (LostJobError).
    const stopNow = async (reason: Error) => {
      if (controller.signal.aborted) return;
      controller.abort(reason);
      await settle(job, reason);
    };
    const heartbeat = setInterval(() => {
      store
        .heartbeat(jobId)
        .then(async ({ cancelRequested, gpuSeconds }) => {
          if (cancelRequested) return stopNow(new JobCancelledError());
          // Out of minutes or time: the thread saves a checkpoint first, then the row is settled.
          const overrun = await budgetStop(job, gpuSeconds);
          if (overrun && !controller.signal.aborted) controller.abort(overrun);
        })
        .catch((error: unknown) => {
          // A lost job stops here; a database hiccup does not fail the run (the next beat may get through).
          if (error instanceof LostJobError) controller.abort(error);
          else log(`worker ${workerId}: heartbeat for job ${jobId} failed: ${(error as Error).message}`);
        });
    }, heartbeatMs);
    try {
      await pool.run(queue, jobId, controller.signal);
      log(`worker ${workerId}: ${job.kind} job ${jobId} succeeded`);
    } catch (error) {
      await settle(job, controller.signal.reason ?? error);
    } finally {
      clearInterval(heartbeat);
      running.delete(jobId);
    }
  }

  /** Why a running job must stop for its budget or the course's cap per job, if it must. */
  async function budgetStop(job: Job, gpuSeconds: number): Promise<Error | null> {
    const limits = await courseLimitsOf(store.db, job.courseId);
    if (gpuSeconds >= limits.maxJobMinutes * 60) return new JobTimeCapError(limits.maxJobMinutes);
    const budget = await gpuBudget(store.db, job, limits);
    return budget.remainingMinutes <= 0 ? new BudgetExhaustedError(budgetExhaustedMessage(budget)) : null;
  }

  /** Ends a job that did not succeed, by why it stopped. */
  async function settle({ id: jobId, kind }: Job, reason: unknown): Promise<void> {
    try {
      if (reason instanceof JobCancelledError) {
        await store.finish(jobId, "CANCELLED");
      } else if (reason instanceof BudgetExhaustedError) {
        await store.finish(jobId, "STOPPED_AT_BUDGET", { error: reason.message });
      } else if (reason instanceof WorkerStoppingError) {
        await store.handBack(jobId);
        await boss.send(QUEUE_FOR_KIND[kind], { jobId } satisfies QueuedJob, QUEUE_SEND_OPTIONS);
      } else if (!(reason instanceof LostJobError)) {
        await store.finish(jobId, "FAILED", { error: reason instanceof Error ? reason.message : String(reason) });
      }
      log(`worker ${workerId}: job ${jobId} stopped: ${reason instanceof Error ? reason.message : String(reason)}`);
    } catch (error) {
      // Lost meanwhile: whoever owns the row now settles it.
      if (!(error instanceof LostJobError)) throw error;
    }
  }

  async function requeueStaleJobs(): Promise<void> {
    for (const { id, kind } of await store.requeueStale(staleAfterMs)) {
      log(`worker ${workerId}: job ${id} lost its worker; re-queued`);
      await boss.send(QUEUE_FOR_KIND[kind], { jobId: id } satisfies QueuedJob, QUEUE_SEND_OPTIONS);
    }
  }

  // A send wakes an idle worker at once; polling stays as frequent as without notify, because a fetch
  // that drops a stale delivery (a cancelled job) is otherwise followed by notify's 30 s backstop wait.
  const workOptions = { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 };
  for (const queue of JOB_QUEUES) {
    await boss.work<QueuedJob>(queue, workOptions, async ([delivery]) => run(delivery.data.jobId, queue));
  }
  const sweep = () => requeueStaleJobs().catch((error: Error) => !stopping && log(`worker ${workerId}: stale-job sweep failed: ${error.message}`));
  const sweepTimer = setInterval(sweep, Math.max(staleAfterMs / 2, 100));
  await sweep();
  log(`worker ${workerId}: ready, listening on queues ${JOB_QUEUES.join(", ")}`);

  return {
    async stop() {
      stopping = true;
      clearInterval(sweepTimer);
      for (const controller of running.values()) controller.abort(new WorkerStoppingError());
      await boss.stop({ graceful: true, timeout: 10_000 });
      await pool.close();
      await store.db.$disconnect();
    },
  };
}
