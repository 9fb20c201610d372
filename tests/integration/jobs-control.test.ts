/**
 * Control over a running job, against the real database, queue and worker loop (with its default
 * heartbeat, as deployed): a long image run reports progress by the clock, not every N steps, and its
 * cancel ends it without waiting for its thread; GPU-minute budgets and the per-job cap bind while a job runs.
 */
import { afterAll, describe, expect, it } from "vitest";
import { trainingProgressSchema } from "~/gpu-worker/contracts/jobs";
import { startJobWorker } from "~/gpu-worker/jobs/job-worker";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { holdArtifactWrites, isFinished, QUICK_TRAINING, stepOf, useDatabaseForWebApp, waitForCheckpointPause, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
const worker = await startJobWorker({ databaseUrl: url, workerId: "control-worker", provider: "cpu", log: () => {} });
let workerStopped = false;
afterAll(() => (workerStopped ? undefined : worker.stop()));
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Ada: "STUDENT", Ben: "STUDENT", Cy: "STUDENT" });
const courseId = course.id;
const as = (name: keyof typeof users) => callerFor(db, users[name]);
const team = await db.team.create({ data: { courseId, name: "Ada & Ben", inviteCode: `B${courseId}`, members: { create: [{ userId: users.Ada.id }, { userId: users.Ben.id }] } } });

/** A 2D run long enough to be stopped midway; its regular checkpoints come late, so a kept one is the stop's own. */
const LONG_2D_RUN = { ...QUICK_TRAINING, steps: 20_000, checkpointEvery: 10_000 };
const checkpointSteps = async (jobId: string) =>
  (await db.artifact.findMany({ where: { jobId, kind: "CHECKPOINT" }, select: { step: true } })).map(({ step }) => step);

/** The image run the issue measured at its worst: 20,000 UNet steps report every 100 steps by count. */
const IMAGE_CHECKPOINT_EVERY = 25;
const LONG_IMAGE_RUN = { dataset: "fashion_mnist", steps: 20_000, batchSize: 64, model: { baseChannels: 16 }, checkpointEvery: IMAGE_CHECKPOINT_EVERY } as const;

describe("a long image training run", () => {
  it("reports progress by the clock and is cancelled without waiting for the step under way", async () => {
    // Hours of CPU steps: within the default limits the worker would refuse it up front (next tests).
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 100_000, maxJobMinutes: 100_000 } });
    const { id } = await as("Ada").job.createTraining({ courseId, config: LONG_IMAGE_RUN });
    // The first report comes after about a second of steps, long before step 100 (steps / 200).
    const first = await waitForJob(db, id, (job) => job.status === "RUNNING" && stepOf(job) > 0, 120_000);
    expect(stepOf(first)).toBeLessThan(100);
    const second = await waitForJob(db, id, (job) => stepOf(job) > stepOf(first), 30_000);
    expect(stepOf(second)).toBeLessThan(100);

    // Paused at its next checkpoint, the run stands still while a cancel is handled: the heartbeat ends
    // the row at once, without waiting for the job's thread (as during a UNet step of a second).
    const hold = await holdArtifactWrites(url);
    await waitForCheckpointPause(db, url, id, IMAGE_CHECKPOINT_EVERY);
    await as("Ada").job.cancel({ courseId, jobId: id });
    const cancelled = await waitForJob(db, id, isFinished, 30_000);
    expect(cancelled.status).toBe("CANCELLED");
    await hold.release();
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 600, maxJobMinutes: 120 } });
  });
});

/** A UNet step over a large batch: seconds on a CPU, longer than the 2 s the run page may go without news. */
const SLOW_STEP_RUN = { dataset: "fashion_mnist", steps: 20_000, batchSize: 1024, model: { baseChannels: 16 } } as const;
/** A model to evaluate, trained in moments: the widest UNet the course allows, so each sampler step is slow. */
const TINY_IMAGE_RUN = { dataset: "fashion_mnist", steps: 2, batchSize: 8, timesteps: 100, model: { baseChannels: 32 }, evaluation: { count: 16, steps: 2 } } as const;

/**
 * Waits until the database has recorded three heartbeats inside one step of the job (training or
 * sampler: each step has its own number), and checks what they say: the same step,
 * further into it at each beat, and no two beats more than the 2 s contract apart (by the database's clock).
 */
async function expectBeatsInsideOneStep(jobId: string) {
  const beats: { step: number; startedAt: number; at: number }[] = [];
  const seen = await waitForJob(
    db,
    jobId,
    (job) => {
      if (isFinished(job)) return true;
      if (job.status !== "RUNNING" || job.stepInProgress === null || !job.stepStartedAt || !job.heartbeatAt) return false;
      if (beats.length > 0 && beats[0]!.step !== job.stepInProgress) beats.length = 0;
      if (beats.at(-1)?.at !== job.heartbeatAt.getTime()) beats.push({ step: job.stepInProgress, startedAt: job.stepStartedAt.getTime(), at: job.heartbeatAt.getTime() });
      return beats.length >= 3;
    },
    300_000,
  );
  expect(seen).toMatchObject({ status: "RUNNING", error: null });
  expect(new Set(beats.map(({ step }) => step)).size).toBe(1);
  const ages = beats.map(({ startedAt, at }) => at - startedAt);
  expect(ages).toEqual([...ages].sort((a, b) => a - b));
  expect(new Set(ages).size).toBe(ages.length);
  for (const [i, beat] of beats.entries()) if (i > 0) expect(beat.at - beats[i - 1]!.at).toBeLessThanOrEqual(2_000);
}

describe("a job whose every step outlasts a progress report", { timeout: 300_000 }, () => {
  it("shows the training step in progress at every heartbeat while the step runs", async () => {
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 100_000, maxJobMinutes: 100_000 } });
    const { id } = await as("Cy").job.createTraining({ courseId, config: SLOW_STEP_RUN });
    await expectBeatsInsideOneStep(id);
    await as("Cy").job.cancel({ courseId, jobId: id });
    expect((await waitForJob(db, id, isFinished, 30_000)).status).toBe("CANCELLED");
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 600, maxJobMinutes: 120 } });
  });

  it("shows the sampler step in progress while one step of an image evaluation denoises thousands of images", async () => {
    const trained = await as("Cy").job.createTraining({ courseId, config: TINY_IMAGE_RUN });
    expect((await waitForJob(db, trained.id, isFinished, 120_000)).status).toBe("SUCCEEDED");
    const { id } = await as("Cy").job.createEvaluation({ courseId, sourceJobId: trained.id, config: { count: 2_000, steps: 3, sampler: "ddim" } });
    await expectBeatsInsideOneStep(id);
    await as("Cy").job.cancel({ courseId, jobId: id });
    expect((await waitForJob(db, id, isFinished, 30_000)).status).toBe("CANCELLED");
  });
});

describe("GPU-minute budgets", () => {
  it("stops a running job when its team's minutes run out, keeps its checkpoint, and resumes it after a top-up", async () => {
    const { id } = await as("Ada").job.createTraining({ courseId, config: LONG_2D_RUN });
    await waitForJob(db, id, (job) => job.status === "RUNNING" && stepOf(job) > 0);
    // The instructor lowers the team budget below what the run has used: the next heartbeat stops it.
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 0.001 } });
    const stopped = await waitForJob(db, id, isFinished, 30_000);
    expect(stopped.status).toBe("STOPPED_AT_BUDGET");
    expect(stopped.error).toMatch(/Your team has used .* of GPU time.*Ask your instructor for more minutes/);
    const [kept] = await checkpointSteps(id);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(20_000);
    expect(kept! % 10_000).not.toBe(0);

    // Nothing left: new jobs and the resume are refused with what to do; a teammate hears the same.
    await expect(as("Ben").job.createTraining({ courseId, config: QUICK_TRAINING })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/GPU time/) });
    await expect(as("Ben").job.resume({ courseId, jobId: id })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(as("Ada").job.topUpTeam({ courseId, teamId: team.id, minutes: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("Cy").job.resume({ courseId, jobId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await as("Prof").job.topUpTeam({ courseId, teamId: team.id, minutes: 10 });
    const [budget] = await as("Prof").job.teamBudgets({ courseId });
    expect(budget).toMatchObject({ teamId: team.id, topUpMinutes: 10 });
    expect(budget.remainingMinutes).toBeGreaterThan(9);
    expect(await as("Ben").job.resume({ courseId, jobId: id })).toMatchObject({ status: "QUEUED" });
    const resumed = await waitForJob(db, id, (job) => trainingProgressSchema.safeParse(job.progressDetail).data?.resumedFromStep !== undefined);
    expect(trainingProgressSchema.parse(resumed.progressDetail).resumedFromStep).toBe(kept);
    await expect(as("Ben").job.resume({ courseId, jobId: id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await as("Ada").job.cancel({ courseId, jobId: id });
    expect(await waitForJob(db, id, isFinished)).toMatchObject({ status: "CANCELLED" });
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 600 } });
  });

  it("refuses a run whose cost, measured on the worker, does not fit what the team has left", async () => {
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 0.05 } });
    await db.team.update({ where: { id: team.id }, data: { gpuMinutesTopUp: 0 } });
    await db.job.updateMany({ where: { teamId: team.id }, data: { gpuSeconds: 0 } });
    const { id } = await as("Ada").job.createTraining({ courseId, config: { ...LONG_2D_RUN, batchSize: 1024, model: { hidden: 512, depth: 3 } } });
    const refused = await waitForJob(db, id, isFinished, 60_000);
    expect(refused.status).toBe("FAILED");
    expect(refused.error).toMatch(/^This run needs about .* of GPU time \(\d+ more steps × [\d.]+ ms per step, measured on this worker's cpu\), but your team has .* left/);
    expect(stepOf(refused)).toBeLessThan(1_000);
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 600 } });
  });

  it("stops a job at the course's cap per job, keeping its checkpoint", async () => {
    const { id } = await as("Cy").job.createTraining({ courseId, config: LONG_2D_RUN });
    await waitForJob(db, id, (job) => job.status === "RUNNING" && stepOf(job) > 0);
    await as("Prof").job.updateLimits({ courseId, limits: { maxJobMinutes: 0.001 } });
    const capped = await waitForJob(db, id, isFinished, 30_000);
    expect(capped.status).toBe("FAILED");
    expect(capped.error).toMatch(/cap per job \(maxJobMinutes\); its last checkpoint is kept/);
    expect((await checkpointSteps(id)).length).toBe(1);
    await as("Prof").job.updateLimits({ courseId, limits: { maxJobMinutes: 120 } });
  });

  it("keeps sampler steps within the course's limits", async () => {
    await as("Prof").job.updateLimits({ courseId, limits: { maxSampleSteps: 100 } });
    await expect(as("Cy").job.createTraining({ courseId, config: { ...QUICK_TRAINING, evaluation: { steps: 200 } } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "evaluation.steps is 200, above this course's limit of 100.",
    });
    await as("Prof").job.updateLimits({ courseId, limits: { maxSampleSteps: 1000 } });
  });
});

// Last: it stops the file's worker.
describe("a worker stopped while its job is inside a long step", { timeout: 300_000 }, () => {
  it("waits for the step to return before ending the job's thread, and hands the job back", async () => {
    await as("Prof").job.updateLimits({ courseId, limits: { gpuMinutesPerTeam: 100_000, maxJobMinutes: 100_000 } });
    const { id } = await as("Cy").job.createTraining({ courseId, config: SLOW_STEP_RUN });
    await waitForJob(db, id, (job) => job.status === "RUNNING" && job.stepInProgress !== null, 120_000);
    // Ending a thread inside onnxruntime's run would abort this whole process, and the test with it.
    workerStopped = true;
    await worker.stop();
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "QUEUED", workerId: null });
    await db.job.update({ where: { id }, data: { status: "CANCELLED" } });
  });
});
