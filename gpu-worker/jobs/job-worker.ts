/**
 * The worker loop: takes deliveries from the pg-boss queues, claims the queued job fair share puts first
 * (contracts/fair-share.ts), runs its handler in a worker thread (job-thread-pool.ts) while this thread
 * heartbeats it (reading cancel requests, counting its GPU time, stopping it at its budget or the
 * course's cap per job), settles the row however the handler ends, and sweeps for jobs whose worker died
 * (stale heartbeat) so they are re-queued and resume from their last checkpoint on whichever worker
 * claims them next.
 *
 * A delivery is a turn, not an assignment: every QUEUED row has one entry in its kind's queue (written
 * in the row's own transaction), and whoever takes an entry claims the fairest job of that kind it may
 * run. So the entries of a queue always number at least its QUEUED rows; the sweep sends one for any
 * row that lacks it (rows queued before entries shared their transaction, or written by hand).
 */
import { PgBoss } from "pg-boss";
import type { Job } from "../../prisma/generated/client/client";
import type { JobKind } from "../../prisma/generated/client/enums";
import { FAIR_SHARE_WINDOW_SECONDS, fairShareOrder, readShareLoads, shareOf } from "../contracts/fair-share";
import { isImageDataset, type Dataset } from "../contracts/jobs";
import { ensureJobQueues, JOB_QUEUES, QUEUE_FOR_KIND, QUEUE_SEND_OPTIONS, type JobQueue, type QueuedJob } from "../contracts/queues";
import { hasGpu } from "../contracts/workers";
import type { ExecutionProviderName } from "../engine/training-engine";
import { BudgetExhaustedError, JobCancelledError, JobTimeCapError, PreemptedError, WorkerStoppingError } from "./handler";
import { budgetExhaustedMessage, courseLimitsOf, gpuBudget } from "./job-budget";
import { createWorkerDb, JobStore, LostJobError, type ClaimCandidate } from "./job-store";
import { JobThreadPool } from "./job-thread-pool";
import { announceWorker } from "./worker-presence";

export interface JobWorkerOptions {
  databaseUrl: string;
  workerId: string;
  provider: ExecutionProviderName;
  /** onnxruntime intra-op threads per training job on the CPU provider (default 1). */
  threads?: number;
  /** Jobs of each queue run at once, of which at most one is not small (isSmallJob); default 1. */
  concurrency?: number;
  /**
   * A long training run that has held its slot this long goes back to the queue at a checkpoint when a
   * small job of another team waits and no slot is free (it resumes later from the checkpoint); unset,
   * long runs are never preempted.
   */
  preemptAfterMs?: number;
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

const KIND_OF_QUEUE = Object.fromEntries(Object.entries(QUEUE_FOR_KIND).map(([kind, queue]) => [queue, kind as JobKind])) as Record<JobQueue, JobKind>;

/** A 2D training run longer than this holds its slot like an image run (5,000 steps by default take ~5 s). */
export const SMALL_JOB_MAX_STEPS = 20_000;

/**
 * Work on the 2D toys: seconds of CPU each, so several share a worker side by side. Image jobs (and very
 * long 2D runs) take minutes to days and a whole device; a worker runs one of those per queue at a time.
 */
export function isSmallJob({ dataset, steps }: Pick<ClaimCandidate, "dataset" | "steps">): boolean {
  return !(dataset !== null && isImageDataset(dataset as Dataset)) && (steps ?? 0) <= SMALL_JOB_MAX_STEPS;
}

/** How long a delivery this worker could not use now waits before a worker may take it again. */
const BUSY_REDELIVERY_SECONDS = 2;

export async function startJobWorker({
  databaseUrl,
  workerId,
  provider,
  threads = 1,
  concurrency = 1,
  preemptAfterMs,
  heartbeatMs = 1_000,
  staleAfterMs = 60_000,
  log = console.log,
}: JobWorkerOptions): Promise<JobWorker> {
  const store = new JobStore(createWorkerDb(databaseUrl), workerId);
  // useListenNotify: woken by each send on the notify-enabled queues (contracts/queues.ts).
  const boss = new PgBoss({ connectionString: databaseUrl, useListenNotify: true, application_name: `diffusion-lab-worker ${workerId}` });
  const running = new Map<string, { controller: AbortController; queue: JobQueue; small: boolean; claimedAt: number }>();
  const pool = new JobThreadPool({ databaseUrl, workerId, provider, threads });
  await pool.warm();
  let stopping = false;
  // While stopping, the database may go away first (npm start stops both); that is not worth a report.
  boss.on("error", (error) => {
    if (!stopping) log(`worker ${workerId}: queue error: ${error.message}`);
  });
  await boss.start();
  await ensureJobQueues(boss);

  /**
   * A job that needs a GPU fits only a GPU worker; a small job any free slot; a long one only where the
   * queue runs no other long one here.
   */
  const fits = (queue: JobQueue, candidate: ClaimCandidate) =>
    (hasGpu(provider) || !candidate.requiresGpu) &&
    (isSmallJob(candidate) || ![...running.values()].some((other) => other.queue === queue && !other.small));

  /**
   * Claims the first job in fair-share order that fits: "busy" when some queued job did not fit (the
   * delivery is handed back for later or for another worker), null when there was nothing to take.
   */
  async function claimFairly(queue: JobQueue): Promise<{ job: Job; small: boolean } | "busy" | null> {
    const candidates = await store.queuedCandidates(KIND_OF_QUEUE[queue]);
    if (candidates.length === 0) return null;
    let skipped = false;
    for (const candidate of fairShareOrder(candidates, await readShareLoads(store.db))) {
      if (!fits(queue, candidate)) {
        skipped = true;
        continue;
      }
      // Conditional: another worker may have claimed it since the read.
      const job = await store.claim(candidate.id);
      if (job) return { job, small: isSmallJob(candidate) };
    }
    return skipped ? "busy" : null;
  }

  // One claim at a time in this process, so two slots cannot both decide a long job fits.
  let claiming: Promise<unknown> = Promise.resolve();
  function claimInTurn(queue: JobQueue): Promise<{ job: Job; small: boolean } | "busy" | null> {
    const claim = claiming.then(async () => {
      const claimed = await claimFairly(queue);
      if (claimed && claimed !== "busy") running.set(claimed.job.id, { controller: new AbortController(), queue, small: claimed.small, claimedAt: Date.now() });
      return claimed;
    });
    claiming = claim.catch(() => {});
    return claim;
  }

  async function take(queue: JobQueue, delivery: QueuedJob): Promise<void> {
    // A stopping worker claims nothing more: the delivery stays for the other workers.
    const claimed = stopping ? "busy" : await claimInTurn(queue);
    if (claimed === "busy") await boss.send(queue, delivery, { ...QUEUE_SEND_OPTIONS, startAfter: BUSY_REDELIVERY_SECONDS });
    else if (claimed) await run(claimed.job, queue);
  }

  async function run(job: Job, queue: JobQueue): Promise<void> {
    const jobId = job.id;
    log(`worker ${workerId}: running ${job.kind} job ${jobId} (attempt ${job.attempts})`);
    const { controller } = running.get(jobId)!;
    // A stop the heartbeat finds (cancel) ends the row at once, even while the thread is inside a long
    // step; the thread stops at its next check and its later writes find the job gone (LostJobError).
    const stopNow = async (reason: Error) => {
      if (controller.signal.aborted) return;
      controller.abort(reason);
      await settle(job, reason);
    };
    const heartbeat = setInterval(() => {
      const inStep = pool.stepInProgress(jobId);
      store
        .heartbeat(jobId, inStep)
        .then(async ({ cancelRequested, gpuSeconds }) => {
          if (cancelRequested) return stopNow(new JobCancelledError());
          // A step that has outlasted a beat wrote no progress since: tell the run page it is still at work.
          if (inStep && Date.now() - inStep.startedAt.getTime() >= heartbeatMs) await store.notify(jobId);
          // Out of minutes or time: the thread saves a checkpoint first, then the row is settled.
          const overrun = await budgetStop(job, gpuSeconds);
          if (overrun && !controller.signal.aborted) controller.abort(overrun);
          else if (!controller.signal.aborted && (await mustYield(job, gpuSeconds))) controller.abort(new PreemptedError());
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

  /**
   * Whether this long training run should give its slot to a waiting small job of another team: it has
   * had its slice (preemptAfterMs), the queue has no free slot here, and fair share would start such a
   * job before this run if this run were back in the queue (else it would only be claimed again).
   */
  async function mustYield(job: Job, gpuSeconds: number): Promise<boolean> {
    const slot = running.get(job.id);
    if (preemptAfterMs === undefined || job.kind !== "TRAIN" || !slot || slot.small || Date.now() - slot.claimedAt < preemptAfterMs) return false;
    if ([...running.values()].filter((other) => other.queue === slot.queue).length < concurrency) return false;
    const share = shareOf(job);
    const waiting = (await store.queuedCandidates(job.kind)).filter((candidate) => candidate.share !== share && isSmallJob(candidate) && (hasGpu(provider) || !candidate.requiresGpu));
    if (waiting.length === 0) return false;
    // Back in the queue, this run's share has one job fewer running and counts its worker time (readShareLoads).
    const loads = await readShareLoads(store.db);
    const own = loads.get(share) ?? { running: 1, usageSeconds: 0 };
    const runningFor = (Date.now() - Math.max(job.startedAt?.getTime() ?? Date.now(), Date.now() - FAIR_SHARE_WINDOW_SECONDS * 1000)) / 1000;
    loads.set(share, { running: Math.max(0, own.running - 1), usageSeconds: Math.max(0, own.usageSeconds - runningFor) + gpuSeconds });
    const [first] = fairShareOrder([...waiting, { id: job.id, share, queuedAt: job.queuedAt }], loads);
    return first !== undefined && first.id !== job.id;
  }

  /** Ends a job that did not succeed, by why it stopped. */
  async function settle({ id: jobId, kind }: Job, reason: unknown): Promise<void> {
    try {
      if (reason instanceof JobCancelledError) {
        await store.finish(jobId, "CANCELLED");
      } else if (reason instanceof BudgetExhaustedError) {
        await store.finish(jobId, "STOPPED_AT_BUDGET", { error: reason.message });
      } else if (reason instanceof WorkerStoppingError || reason instanceof PreemptedError) {
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

  /**
   * Sends an entry for QUEUED rows beyond their queue's waiting entries. Rows are read before entries:
   * a row committed in between is not counted, and its entry (same transaction) cannot be missed. An
   * entry being claimed right now is not waiting any more, which may add one entry too many: harmless,
   * its taker finds nothing to claim.
   */
  async function enqueueUnqueuedJobs(): Promise<void> {
    for (const [kind, queue] of Object.entries(QUEUE_FOR_KIND)) {
      const rows = await store.db.job.findMany({ where: { status: "QUEUED", kind: kind as JobKind }, select: { id: true }, orderBy: { queuedAt: "asc" } });
      if (rows.length === 0) continue;
      const entries = await boss.findJobs<QueuedJob>(queue, { queued: true, limit: 100_000 });
      const delivered = new Set(entries.map((entry) => entry.data.jobId));
      const missing = rows.filter(({ id }) => !delivered.has(id)).slice(0, Math.max(0, rows.length - entries.length));
      for (const { id } of missing) {
        log(`worker ${workerId}: job ${id} was queued without a queue entry; sent one`);
        await boss.send(queue, { jobId: id } satisfies QueuedJob, QUEUE_SEND_OPTIONS);
      }
    }
  }

  // A send wakes an idle worker at once; polling stays as frequent as without notify, because a fetch
  // that drops a stale delivery (a cancelled job) is otherwise followed by notify's 30 s backstop wait.
  const sweep = async () => {
    try {
      await requeueStaleJobs();
      await enqueueUnqueuedJobs();
    } catch (error) {
      if (!stopping) log(`worker ${workerId}: sweep failed: ${(error as Error).message}`);
    }
  };
  // Before this worker takes any entry, so its own claims cannot look like missing entries.
  await sweep();
  const sweepTimer = setInterval(sweep, Math.max(staleAfterMs / 2, 100));
  const workOptions = { batchSize: 1, localConcurrency: concurrency, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 };
  for (const queue of JOB_QUEUES) {
    await boss.work<QueuedJob>(queue, workOptions, async ([delivery]) => take(queue, delivery.data));
  }
  const presence = await announceWorker(store.db, { id: workerId, provider, concurrency }, log);
  log(`worker ${workerId}: ready, listening on queues ${JOB_QUEUES.join(", ")} (device ${provider}, ${concurrency} at a time per queue)`);

  return {
    async stop() {
      stopping = true;
      clearInterval(sweepTimer);
      for (const { controller } of running.values()) controller.abort(new WorkerStoppingError());
      // Each job returns from its engine call first; pg-boss then waits for its hand-back.
      await pool.drain();
      await boss.stop({ graceful: true, timeout: 10_000 });
      await presence.leave();
      await pool.close();
      await store.db.$disconnect();
    },
  };
}
