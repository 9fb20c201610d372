/**
 * Runs claimed jobs' handlers in worker threads (job-thread.ts), so the main thread's event loop only
 * heartbeats, reads cancel requests and claims. A thread takes seconds to start (it loads the DDPM
 * engine, onnxruntime and a database client), so threads are kept and reused, one job at a time each,
 * and one is started ahead of the first job.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { JobQueue } from "../contracts/queues";
import type { FromJobThread, JobThreadData, ToJobThread } from "./job-thread";
import { keepsCheckpoint } from "./handler";
import { LostJobError } from "./job-store";
import { StepClock, type StepInProgress } from "./step-clock";

const require = createRequire(import.meta.url);
/**
 * The thread loads TypeScript through tsx's loader, registered in the thread itself, so it works the
 * same under `tsx` (npm run worker) and under vitest; it does not inherit the parent's flags.
 */
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
require(workerData.tsxApi).register();
import(workerData.entry);
`;
const THREAD_ENTRY = new URL("./job-thread.ts", import.meta.url);

/** A worker thread running the TypeScript module `entry` with `workerData`. */
export function startTypeScriptThread(entry: URL, workerData: object): Worker {
  return new Worker(BOOTSTRAP, { eval: true, execArgv: [], workerData: { ...workerData, entry: entry.href, tsxApi: require.resolve("tsx/esm/api") } });
}

/** The handler's error as the main thread knows it (LostJobError keeps its meaning). */
function threadError(jobId: string, { name, message }: { name: string; message: string }): Error {
  if (name === "LostJobError") return new LostJobError(jobId);
  const error = new Error(message);
  error.name = name;
  return error;
}

/** How long drain() waits for jobs to return from the engine call they are inside (one UNet step over a large batch takes seconds). */
const CLOSE_GRACE_MS = 60_000;

export class JobThreadPool {
  private readonly idle: Worker[] = [];
  private readonly threads = new Set<Worker>();
  private readonly clocks = new Map<Worker, StepClock>();
  private readonly runningOn = new Map<string, Worker>();
  /** One promise per job still on a thread, settled when its thread reports or exits. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly data: Omit<JobThreadData, "stepClockBuffer">) {}

  /** The training or sampler step the job's thread is inside now, if it is inside one. */
  stepInProgress(jobId: string): StepInProgress | null {
    const thread = this.runningOn.get(jobId);
    return thread ? (this.clocks.get(thread)?.read() ?? null) : null;
  }

  /** Starts a thread ahead of the first job; resolves once it has loaded. */
  async warm(): Promise<void> {
    if (this.idle.length > 0) return;
    const thread = this.spawn();
    this.idle.push(thread);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromJobThread) => message.type === "ready" && (thread.off("exit", onExit), resolve());
      const onExit = (code: number) => reject(new Error(`the worker's job thread stopped (exit code ${code}) while loading`));
      thread.once("message", onMessage);
      thread.once("exit", onExit);
    });
  }

  /**
   * Runs the job's handler on an idle thread and waits for it. Aborting `signal` asks the handler to
   * stop at its next check; the promise then rejects with the signal's reason.
   */
  run(queue: JobQueue, jobId: string, signal: AbortSignal): Promise<void> {
    const thread = this.idle.pop() ?? this.spawn();
    const abort = () => thread.postMessage({ type: "abort", jobId, keepCheckpoint: keepsCheckpoint(signal.reason) } satisfies ToJobThread);
    signal.addEventListener("abort", abort, { once: true });
    this.runningOn.set(jobId, thread);
    const outcome = new Promise<void>((resolve, reject) => {
      const onMessage = (outcome: FromJobThread) => {
        if (outcome.type === "ready" || outcome.jobId !== jobId) return;
        settle();
        this.idle.push(thread);
        if (outcome.type === "done") resolve();
        else reject(signal.aborted ? signal.reason : threadError(jobId, outcome));
      };
      const onExit = (code: number) => {
        settle();
        reject(signal.aborted ? signal.reason : new Error(`the job's thread stopped (exit code ${code}) before the job ended`));
      };
      const settle = () => {
        this.runningOn.delete(jobId);
        signal.removeEventListener("abort", abort);
        thread.off("message", onMessage);
        thread.off("exit", onExit);
      };
      thread.on("message", onMessage);
      thread.on("exit", onExit);
      thread.postMessage({ type: "run", queue, jobId } satisfies ToJobThread);
    });
    const ended = outcome.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(ended);
    void ended.then(() => this.inFlight.delete(ended));
    return outcome;
  }

  /**
   * Waits until the jobs on the threads have returned (once asked to stop, each stops at its next
   * check, after the engine call it is inside), or `graceMs` has passed.
   */
  async drain(graceMs = CLOSE_GRACE_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.inFlight), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  /** Ends the threads after drain(): ending a thread inside an onnxruntime run aborts the whole process. */
  async close(): Promise<void> {
    await this.drain();
    await Promise.all([...this.threads].map((thread) => thread.terminate()));
  }

  private spawn(): Worker {
    const clock = new StepClock();
    const thread = startTypeScriptThread(THREAD_ENTRY, { ...this.data, stepClockBuffer: clock.buffer } satisfies JobThreadData);
    this.threads.add(thread);
    this.clocks.set(thread, clock);
    // An uncaught error ends the thread; the job it ran learns of it from "exit".
    thread.on("error", () => undefined);
    thread.on("exit", () => {
      this.threads.delete(thread);
      this.clocks.delete(thread);
      const idleAt = this.idle.indexOf(thread);
      if (idleAt >= 0) this.idle.splice(idleAt, 1);
    });
    return thread;
  }
}
