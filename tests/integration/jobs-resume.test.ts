/**
 * A worker that goes away mid-run: the real worker process (gpu-worker/worker.ts) is SIGKILLed while
 * its run is paused at a known step (holdArtifactWrites), its heartbeat goes stale, and another worker
 * re-queues the job and resumes it from exactly the last checkpoint stored instead of starting over; a
 * worker that is stopped hands its job back at once, keeping its steps.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, it } from "vitest";
import { trainingProgressSchema } from "~/gpu-worker/contracts/jobs";
import type { JobWorker } from "~/gpu-worker/jobs/job-worker";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import {
  holdArtifactWrites,
  isFinished,
  QUICK_TRAINING,
  startTestWorker,
  TEST_WORKER_TIMINGS,
  useDatabaseForWebApp,
  waitForCheckpointPause,
  waitForJob,
} from "../helpers/jobs";

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

/** Checkpoints at 500, 1,000, …: the runs below are paused at the first ones. */
const RESUMABLE_RUN = { ...QUICK_TRAINING, steps: 3_000, checkpointEvery: 500 };
const latestCheckpointStep = async (jobId: string) =>
  (await db.artifact.findFirst({ where: { jobId, kind: "CHECKPOINT" }, orderBy: { step: "desc" }, select: { step: true } }))?.step;

it("resumes a job from its last checkpoint after its worker is killed", async () => {
  const child = spawnWorkerProcess();
  const hold = await holdArtifactWrites(url);
  const { id } = await callerFor(db, users.Ada).job.createTraining({ courseId: course.id, config: RESUMABLE_RUN });
  expect(await waitForCheckpointPause(db, url, id, 500)).toBe(500);
  // Checkpoint 500 goes through; the run pauses again writing checkpoint 1,000, and dies there.
  const secondHold = await hold.handOver();
  expect(await waitForCheckpointPause(db, url, id, 500)).toBe(1_000);
  const running = await db.job.findUniqueOrThrow({ where: { id } });
  expect(running).toMatchObject({ status: "RUNNING", attempts: 1 });
  expect(running.workerId).toMatch(new RegExp(`:${child.pid}$`));
  child.kill("SIGKILL");
  await once(child, "exit");
  // The dead worker's half-written checkpoint never commits.
  await secondHold.release();
  expect(await latestCheckpointStep(id)).toBe(500);

  rescuer = await startTestWorker(url, "rescuer");
  const job = await waitForJob(db, id, isFinished);
  expect(job).toMatchObject({ status: "SUCCEEDED", workerId: "rescuer", attempts: 2 });
  const progress = trainingProgressSchema.parse(job.progressDetail);
  expect(progress).toMatchObject({ step: 3_000, resumedFromStep: 500 });
  // The loss curve from before the crash is kept, up to the checkpoint it resumed from.
  expect(progress.lossHistory[0][0]).toBeLessThan(500);
  expect(await db.artifact.count({ where: { jobId: id, kind: "ONNX_MODEL" } })).toBe(1);
});

it("hands a running job back to the queue when its worker stops, to resume on another", async () => {
  const hold = await holdArtifactWrites(url);
  const { id } = await callerFor(db, users.Ada).job.createTraining({ courseId: course.id, config: RESUMABLE_RUN });
  expect(await waitForCheckpointPause(db, url, id, 500)).toBe(500);
  expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ workerId: "rescuer" });
  const successor = startTestWorker(url, "successor");
  // The stop reaches the paused run before its checkpoint goes through (several round trips of its
  // own later), so it stops right after step 500 with nothing more to save.
  const stopped = rescuer.stop();
  await hold.release();
  await stopped;
  await successor;
  const job = await waitForJob(db, id, isFinished);
  expect(job).toMatchObject({ status: "SUCCEEDED", workerId: "successor", attempts: 2 });
  expect(trainingProgressSchema.parse(job.progressDetail).resumedFromStep).toBe(500);
});
