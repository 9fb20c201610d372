/**
 * A worker that goes away mid-run: the real worker process (gpu-worker/worker.ts) is SIGKILLed after
 * its first checkpoint, its heartbeat goes stale, and another worker re-queues the job and resumes it
 * from the last checkpoint instead of starting over; a worker that is stopped hands its job back at once.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, it } from "vitest";
import { trainingProgressSchema } from "~/gpu-worker/contracts/jobs";
import type { JobWorker } from "~/gpu-worker/jobs/job-worker";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { isFinished, QUICK_TRAINING, startTestWorker, TEST_WORKER_TIMINGS, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
const { course, users } = await createCourseWith(db, { Ada: "STUDENT" });

let rescuer: JobWorker;

function spawnWorkerProcess() {
  return spawn(process.execPath, ["--import", "tsx", "gpu-worker/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      JOB_HEARTBEAT_MS: String(TEST_WORKER_TIMINGS.heartbeatMs),
      JOB_STALE_AFTER_MS: String(TEST_WORKER_TIMINGS.staleAfterMs),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

it("resumes a job from its last checkpoint after its worker is killed", async () => {
  const child = spawnWorkerProcess();
  const { id } = await callerFor(db, users.Ada).job.createTraining({
    courseId: course.id,
    config: { ...QUICK_TRAINING, steps: 3_000, checkpointEvery: 500 },
  });
  const running = await waitForJob(db, id, (job) => job.status === "RUNNING" && job.progress >= 500 / 3_000);
  expect(running.workerId).toMatch(new RegExp(`:${child.pid}$`));
  child.kill("SIGKILL");
  await once(child, "exit");
  const { step: checkpointStep } = await db.artifact.findFirstOrThrow({ where: { jobId: id, kind: "CHECKPOINT" }, orderBy: { step: "desc" } });
  expect(checkpointStep).toBeGreaterThanOrEqual(500);

  rescuer = await startTestWorker(url, "rescuer");
  const job = await waitForJob(db, id, isFinished);
  expect(job).toMatchObject({ status: "SUCCEEDED", workerId: "rescuer", attempts: 2 });
  const progress = trainingProgressSchema.parse(job.progressDetail);
  expect(progress).toMatchObject({ step: 3_000, resumedFromStep: checkpointStep });
  // The loss curve from before the crash is kept.
  expect(progress.lossHistory[0][0]).toBeLessThan(checkpointStep!);
  expect(await db.artifact.count({ where: { jobId: id, kind: "ONNX_MODEL" } })).toBe(1);
});

it("hands a running job back to the queue when its worker stops, to resume on another", async () => {
  const { id } = await callerFor(db, users.Ada).job.createTraining({
    courseId: course.id,
    config: { ...QUICK_TRAINING, steps: 3_000, checkpointEvery: 500 },
  });
  await waitForJob(db, id, (job) => job.workerId === "rescuer" && job.progress >= 500 / 3_000);
  const successor = startTestWorker(url, "successor");
  await rescuer.stop();
  await successor;
  const job = await waitForJob(db, id, isFinished);
  expect(job).toMatchObject({ status: "SUCCEEDED", workerId: "successor", attempts: 2 });
  expect(trainingProgressSchema.parse(job.progressDetail).resumedFromStep).toBeGreaterThanOrEqual(500);
});
