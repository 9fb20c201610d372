/**
 * The GPU worker as `npm start` runs it: its own Node process (`node --import tsx gpu-worker/worker.ts`),
 * so the bench measures dispatch across processes and the worker's CPU work does not share the
 * measuring process's event loop.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface WorkerProcess {
  /** SIGTERM (the worker puts a running job back and stops), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** What the worker logs once it listens on its queues (gpu-worker/jobs/job-worker.ts). */
const READY_LINE = /: ready, listening on queues/;

export async function startWorkerProcess(env: Record<string, string>, readyTimeoutMs = 60_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "gpu-worker/worker.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Kept for the error message should the worker fail to come up.
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker was not ready within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    child.once("exit", (code, signal) => reject(new Error(`the worker exited (${signal ?? `code ${code}`}) before it was ready`)));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        if (READY_LINE.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
  try {
    await ready;
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}:\n${output.slice(-20).join("\n")}`);
  }

  return {
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
