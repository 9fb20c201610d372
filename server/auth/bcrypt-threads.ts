/**
 * bcrypt on worker threads. bcryptjs is JavaScript: on the event loop, 200 students logging in at
 * once (cost 11, ~0.15 s each here) held the web process for half a minute, and every page, save and
 * live view waited behind them. Here the hashes run on one thread per core (at most 4), the same
 * bcryptjs code with the same cost and format, and the event loop only waits for the answers.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";

type Job = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string };
interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const MAX_THREADS = 4;

// The worker is CommonJS source, so there is no file for Next's bundler to miss; its require resolves
// from the working directory (the app's root, as for "node -e"), loading bcryptjs from node_modules.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const bcrypt = require("bcryptjs");
parentPort.on("message", ({ id, job }) => {
  try {
    const result = job.op === "hash" ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

class BcryptThreads {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextWorker = 0;

  constructor(private readonly size: number) {}

  run<T>(job: Job): Promise<T> {
    const id = this.nextId++;
    const worker = this.worker();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, job });
    });
  }

  private worker(): Worker {
    const index = this.nextWorker++ % this.size;
    this.workers[index] ??= this.start(index);
    return this.workers[index];
  }

  private start(index: number): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // Idle threads must not keep a script or test process alive.
    worker.unref();
    worker.on("message", ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error !== undefined) waiting?.reject(new Error(error));
      else waiting?.resolve(result);
    });
    // A thread that dies fails what it held; the next job starts a fresh one.
    worker.on("error", (error) => this.fail(index, worker, error));
    worker.on("exit", (code) => this.fail(index, worker, new Error(`bcrypt thread exited with code ${code}`)));
    return worker;
  }

  private fail(index: number, worker: Worker, error: Error): void {
    if (this.workers[index] !== worker) return;
    delete this.workers[index];
    // Jobs are not tracked per thread; failing all waiting ones is rare and each caller can retry.
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.reject(error);
    }
  }
}

// On globalThis because Next's dev server reloads modules.
const globalForBcrypt = globalThis as unknown as { bcryptThreads?: BcryptThreads };

function threads(): BcryptThreads {
  globalForBcrypt.bcryptThreads ??= new BcryptThreads(Math.max(1, Math.min(MAX_THREADS, os.availableParallelism())));
  return globalForBcrypt.bcryptThreads;
}

export function hashOnThread(password: string, cost: number): Promise<string> {
  return threads().run<string>({ op: "hash", password, cost });
}

export function compareOnThread(password: string, hash: string): Promise<boolean> {
  return threads().run<boolean>({ op: "compare", password, hash });
}
