/**
 * The GPU worker: one process per GPU, on any machine that reaches the platform's PostgreSQL.
 * It claims jobs from the pg-boss queues; the Job rows in Postgres are the source of truth.
 * It never imports the web app's code.
 *
 * Environment: DATABASE_URL (required); WORKER_PROVIDER cpu | cuda | webgpu (default cpu);
 * WORKER_THREADS, onnxruntime's intra-op threads per training job on the CPU (default 1);
 * WORKER_CONCURRENCY, jobs of each queue run at once, at most one of them not small (default 2);
 * WORKER_PREEMPT_AFTER_SECONDS, after which a long training run yields a full worker to waiting small runs
 * of other teams at a checkpoint (unset: never);
 * JOB_HEARTBEAT_MS (default 1000) and JOB_STALE_AFTER_MS (60000) tune
 * how fast a cancel is seen and a dead worker's job moves elsewhere.
 */
import { hostname } from "node:os";
import { z } from "zod";
import { describeDevice, probeDevice } from "./engine/onnx/session";
import { EXECUTION_PROVIDERS } from "./engine/training-engine";
import { startJobWorker } from "./jobs/job-worker";

const env = z
  .object({
    DATABASE_URL: z.string({ error: "set DATABASE_URL to the platform's PostgreSQL (npm start does this for you)" }).min(1),
    WORKER_PROVIDER: z.enum(EXECUTION_PROVIDERS).default("cpu"),
    WORKER_THREADS: z.coerce.number().int().min(1).default(1),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    WORKER_PREEMPT_AFTER_SECONDS: z.coerce.number().positive().optional(),
    JOB_HEARTBEAT_MS: z.coerce.number().int().positive().optional(),
    JOB_STALE_AFTER_MS: z.coerce.number().int().positive().optional(),
  })
  .safeParse(process.env);
if (!env.success) {
  console.error(`worker: ${env.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  process.exit(2);
}

const workerId = `${hostname()}:${process.pid}`;
// The device the jobs will really get: a GPU provider that cannot start here is reported (with its
// reason) and the worker advertises cpu, so jobs that require a GPU wait for a worker that has one.
const device = await probeDevice(env.data.WORKER_PROVIDER);
console.log(`worker ${workerId}: ${describeDevice(device)}`);

const worker = await startJobWorker({
  databaseUrl: env.data.DATABASE_URL,
  workerId,
  provider: device.executionProvider,
  threads: env.data.WORKER_THREADS,
  concurrency: env.data.WORKER_CONCURRENCY,
  preemptAfterMs: env.data.WORKER_PREEMPT_AFTER_SECONDS === undefined ? undefined : env.data.WORKER_PREEMPT_AFTER_SECONDS * 1000,
  heartbeatMs: env.data.JOB_HEARTBEAT_MS,
  staleAfterMs: env.data.JOB_STALE_AFTER_MS,
});

async function stop() {
  await worker.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
