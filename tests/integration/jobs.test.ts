/**
 * Jobs end to end against the real embedded Postgres, pg-boss and the real worker loop (in this
 * process): training, sampling, evaluating, cancelling, the course's limits and who may see and touch
 * which job.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { trainConfigSchema, trajectorySchema } from "~/gpu-worker/contracts/jobs";
import type { ArtifactKind } from "~/prisma/generated/client/enums";
import { enqueueJob } from "~/server/jobs/queue";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import {
  asReceived,
  holdArtifactWrites,
  isFinished,
  QUICK_TRAINING,
  startTestWorker,
  stepOf,
  useDatabaseForWebApp,
  waitForCheckpointPause,
  waitForJob,
} from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
await startTestWorker(url, "test-worker");
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Ada: "STUDENT", Ben: "STUDENT", Cy: "STUDENT" });
const courseId = course.id;
const as = (name: keyof typeof users) => callerFor(db, users[name]);
const artifactData = async (jobId: string, kind: ArtifactKind) => (await db.artifact.findFirstOrThrow({ where: { jobId, kind } })).data;

describe("a training run", () => {
  it("goes queued → running → succeeded, live, and ends with its model, samples and metrics", async () => {
    const { id } = await as("Ada").job.createTraining({ courseId, config: QUICK_TRAINING });
    // Stored QUEUED; the worker in this process may already have claimed it (the lifecycle's guard only
    // lets a job run from QUEUED), so either is right here.
    expect(["QUEUED", "RUNNING"]).toContain((await db.job.findUniqueOrThrow({ where: { id } })).status);

    const statuses: string[] = [];
    let lastEventId = "";
    for await (const event of await as("Ada").job.watch({ courseId, jobId: id })) {
      const { id: eventId, data } = asReceived(event);
      if (statuses.at(-1) !== data.status) statuses.push(data.status);
      lastEventId = eventId;
    }
    expect(statuses.slice(-2)).toEqual(["RUNNING", "SUCCEEDED"]);
    // A client reconnecting with the last id it saw gets nothing it has already seen.
    const replayed = [];
    for await (const event of await as("Ada").job.watch({ courseId, jobId: id, lastEventId })) replayed.push(event);
    expect(replayed).toEqual([]);

    const job = await as("Ada").job.get({ courseId, jobId: id });
    expect(job).toMatchObject({ status: "SUCCEEDED", progress: 1, engine: "onnx", device: "cpu", attempts: 1, error: null });
    expect(job.progressDetail).toMatchObject({ step: 300, steps: 300 });
    expect(job.progressDetail!.lossHistory.length).toBeGreaterThan(1);
    expect(job.metrics).toMatchObject({
      chamfer: { generatedCount: 256, referenceCount: 256 },
      mmd: { generatedCount: 256, referenceCount: 256 },
      sampler: "ddim",
      samplerSteps: 20,
    });
    expect(job.artifacts.map((artifact) => artifact.kind).sort()).toEqual(
      ["LOSS_HISTORY", "MODEL_CONFIG", "MODEL_WEIGHTS", "ONNX_MODEL", "SAMPLES", "SAMPLE_GRID", "TRAJECTORY"].sort(),
    );
    // The trajectory runs from near-pure noise (t close to T − 1) down to t = 0, where its points are
    // the stored samples' first ones.
    const trajectory = trajectorySchema.parse(JSON.parse(Buffer.from(await artifactData(id, "TRAJECTORY")).toString()));
    const frameTimesteps = trajectory.frames.map((frame) => frame.t);
    expect(frameTimesteps.length).toBe(20);
    expect(frameTimesteps[0]).toBeGreaterThan(0.9 * (trainConfigSchema.parse(QUICK_TRAINING).timesteps - 1));
    expect(frameTimesteps.at(-1)).toBe(0);
    expect(frameTimesteps).toEqual([...frameTimesteps].sort((a, b) => b - a));
    const samples = JSON.parse(Buffer.from(await artifactData(id, "SAMPLES")).toString()) as { points: number[] };
    expect(trajectory.frames.at(-1)!.points).toEqual(samples.points.slice(0, 2 * 64));
    expect(await sharp(await artifactData(id, "SAMPLE_GRID")).metadata()).toMatchObject({ format: "png", width: 480 });
    // Only the latest checkpoint is kept.
    expect(await db.artifact.findMany({ where: { jobId: id, kind: "CHECKPOINT" }, select: { step: true } })).toEqual([{ step: 300 }]);

    const sample = await as("Ada").job.createSample({ courseId, sourceJobId: id, config: { sampler: "ddpm", steps: 50, count: 128 } });
    expect(await waitForJob(db, sample.id, isFinished)).toMatchObject({ status: "SUCCEEDED", sourceJobId: id });
    const sampled = await as("Ada").job.get({ courseId, jobId: sample.id });
    expect(sampled.metrics).toMatchObject({ chamfer: { generatedCount: 128 }, sampler: "ddpm", samplerSteps: 50 });
    expect(sampled.artifacts.map((artifact) => artifact.kind)).toEqual(["SAMPLE_GRID", "SAMPLES", "TRAJECTORY"]);
  });

  it("stores the error message when a job fails", async () => {
    // A sample job whose training run was deleted: the worker cannot load a model.
    const job = await db.job.create({ data: { courseId, ownerId: users.Cy.id, kind: "SAMPLE", config: {} } });
    await enqueueJob(job);
    expect(await waitForJob(db, job.id, isFinished)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/no training run to sample from/) });
  });
});

describe("evaluating a training run", () => {
  it("measures a finished run's samples (Chamfer and MMD with their counts) without artifacts", async () => {
    const run = await as("Ada").job.createTraining({ courseId, config: QUICK_TRAINING });
    // Queued or running: no model yet.
    await expect(as("Ada").job.createEvaluation({ courseId, sourceJobId: run.id, config: {} })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Evaluate a training run that has succeeded.",
    });
    await waitForJob(db, run.id, isFinished);
    await expect(as("Ada").job.createEvaluation({ courseId, sourceJobId: run.id, config: { count: 20_000 } })).rejects.toMatchObject({
      message: "count is 20000, above this course's limit of 10000.",
    });
    await expect(as("Ben").job.createEvaluation({ courseId, sourceJobId: run.id, config: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const { id } = await as("Ada").job.createEvaluation({ courseId, sourceJobId: run.id, config: { count: 512, steps: 20 } });
    expect(await waitForJob(db, id, isFinished)).toMatchObject({ status: "SUCCEEDED", kind: "EVALUATE", sourceJobId: run.id });
    const evaluation = await as("Ada").job.get({ courseId, jobId: id });
    expect(evaluation.metrics).toMatchObject({
      chamfer: { value: expect.any(Number), generatedCount: 512, referenceCount: 512 },
      mmd: { value: expect.any(Number), generatedCount: 512, referenceCount: 512 },
      space: "normalized",
      sampler: "ddim",
      samplerSteps: 20,
    });
    expect(evaluation.artifacts).toEqual([]);
  });
});

describe("the course's run lists", () => {
  it("hear about a job anyone in the course starts and finishes, without its data", async () => {
    const ticks = (await as("Ada").job.watchCourse({ courseId }))[Symbol.asyncIterator]();
    const nextTick = async () => {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no tick within 5 s")), 5_000));
      return (await Promise.race([ticks.next(), timeout])).value as object;
    };
    expect(Object.keys(await nextTick())).toEqual(["changedAt"]); // the first tick, at once
    const { id } = await as("Ben").job.createTraining({ courseId, config: QUICK_TRAINING });
    expect(Object.keys(await nextTick())).toEqual(["changedAt"]);
    await waitForJob(db, id, isFinished);
    expect(Object.keys(await nextTick())).toEqual(["changedAt"]);
    await ticks.return?.();
  });
});

describe("cancelling", () => {
  it("stops a sampling job between sampler steps, after it has reported progress", async () => {
    const training = await as("Cy").job.createTraining({ courseId, config: QUICK_TRAINING });
    expect(await waitForJob(db, training.id, isFinished)).toMatchObject({ status: "SUCCEEDED" });
    // A sampler's steps write nothing to pause at, but a sampling job cannot store its outputs, and so
    // cannot succeed, while Artifact writes are held: the cancel lands on a running job however fast
    // the machine samples 10,000 points through 1,000 DDPM steps.
    const hold = await holdArtifactWrites(url);
    const sampling = await as("Cy").job.createSample({ courseId, sourceJobId: training.id, config: { sampler: "ddpm", steps: 1000, count: 10_000 } });
    const midway = await waitForJob(db, sampling.id, (job) => job.status === "RUNNING" && job.progress > 0);
    expect(midway.progress).toBeLessThan(1);

    await as("Cy").job.cancel({ courseId, jobId: sampling.id });
    const cancelled = await waitForJob(db, sampling.id, isFinished);
    await hold.release();
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.progress).toBeLessThan(1);
    expect(await db.artifact.count({ where: { jobId: sampling.id } })).toBe(0);
  });

  it("stops a running job paused at a known step and takes a queued one off the queue", async () => {
    const hold = await holdArtifactWrites(url);
    const running = await as("Ben").job.createTraining({ courseId, config: { ...QUICK_TRAINING, steps: 20_000, checkpointEvery: 5_000 } });
    // The worker runs one training job at a time, so this one waits behind the first.
    const queued = await as("Ben").job.createTraining({ courseId, config: QUICK_TRAINING });
    expect(await waitForCheckpointPause(db, url, running.id, 5_000)).toBe(5_000);
    const pausedStep = stepOf(await db.job.findUniqueOrThrow({ where: { id: running.id } }));

    expect(await as("Ben").job.cancel({ courseId, jobId: queued.id })).toMatchObject({ status: "CANCELLED" });
    expect(await as("Ben").job.cancel({ courseId, jobId: running.id })).toMatchObject({ status: "RUNNING", cancelRequested: true });
    // The heartbeat ends the row while the run is still held at step 5,000: the stop does not wait for it.
    const cancelled = await waitForJob(db, running.id, isFinished);
    expect(cancelled.status).toBe("CANCELLED");
    expect(stepOf(cancelled)).toBe(pausedStep);
    await hold.release();
    expect((await db.job.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe("CANCELLED");
    await expect(as("Ben").job.cancel({ courseId, jobId: queued.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const retried = await as("Ben").job.retry({ courseId, jobId: queued.id });
    expect(retried.id).not.toBe(queued.id);
    expect(await waitForJob(db, retried.id, isFinished)).toMatchObject({ status: "SUCCEEDED" });
    await as("Ben").job.delete({ courseId, jobId: queued.id });
    expect(await db.job.count({ where: { id: queued.id } })).toBe(0);
  });
});

describe("course limits", () => {
  it("refuses a config out of range, naming the field and the limit", async () => {
    await expect(as("Ada").job.createTraining({ courseId, config: { ...QUICK_TRAINING, steps: 50_000 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "steps is 50000, above this course's limit of 20000.",
    });
    await as("Prof").job.updateLimits({ courseId, limits: { maxHiddenWidth: 64 } });
    expect(await as("Ada").job.limits({ courseId })).toMatchObject({ maxHiddenWidth: 64, maxTrainSteps: 20_000 });
    await expect(as("Ada").job.createTraining({ courseId, config: { ...QUICK_TRAINING, model: { hidden: 128, depth: 2 } } })).rejects.toMatchObject({
      message: "model.hidden is 128, above this course's limit of 64.",
    });
    await db.course.update({ where: { id: courseId }, data: { settings: {} } });
    // Out of the contract's own range: zod names the field.
    const refused = await as("Ada").job.createTraining({ courseId, config: { ...QUICK_TRAINING, learningRate: -1 } }).catch((error) => error);
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(refused.message).toContain("learningRate");
    expect(await db.job.count({ where: { ownerId: users.Ada.id, status: { in: ["QUEUED", "RUNNING"] } } })).toBe(0);
  });

  it("refuses a job beyond the concurrency limit and says when capacity frees up", async () => {
    const { course: small, users: members } = await createCourseWith(db, { Dee: "STUDENT" });
    await db.course.update({ where: { id: small.id }, data: { settings: { jobs: { maxConcurrentJobsPerUser: 1 } } } });
    const dee = callerFor(db, members.Dee);
    const first = await dee.job.createTraining({ courseId: small.id, config: QUICK_TRAINING });
    await expect(dee.job.createTraining({ courseId: small.id, config: QUICK_TRAINING })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/allows 1 at a time \(maxConcurrentJobsPerUser\)\. Capacity frees up when one of them finishes/),
    });
    await waitForJob(db, first.id, isFinished);
    await db.course.update({ where: { id: small.id }, data: { settings: { jobs: { gpuMinutesPerUserPerDay: 0.0001 } } } });
    await expect(dee.job.createTraining({ courseId: small.id, config: QUICK_TRAINING })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/GPU minutes in the last 24 hours \(gpuMinutesPerUserPerDay\)\. Capacity frees up from \d{4}-\d\d-\d\d \d\d:\d\d UTC/),
    });
  });
});

describe("authorization", () => {
  it("shows a student their own and their team's jobs only; staff see and cancel any", async () => {
    const team = await db.team.create({ data: { courseId, name: "Ada & Cy", inviteCode: `T${Date.now()}` } });
    await db.teamMember.createMany({ data: [{ teamId: team.id, userId: users.Ada.id }, { teamId: team.id, userId: users.Cy.id }] });
    const { id } = await as("Ada").job.createTraining({ courseId, config: { ...QUICK_TRAINING, steps: 20_000 } });
    expect((await db.job.findUniqueOrThrow({ where: { id } })).teamId).toBe(team.id);

    for (const call of [
      () => as("Ben").job.get({ courseId, jobId: id }),
      () => as("Ben").job.cancel({ courseId, jobId: id }),
      () => as("Ben").job.retry({ courseId, jobId: id }),
      () => as("Ben").job.delete({ courseId, jobId: id }),
      () => as("Ben").job.watch({ courseId, jobId: id }),
      () => as("Ben").job.createSample({ courseId, sourceJobId: id, config: {} }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await as("Ben").job.list({ courseId })).map((job) => job.id)).not.toContain(id);
    expect((await as("Cy").job.list({ courseId })).map((job) => job.id)).toContain(id);
    expect(await as("Cy").job.get({ courseId, jobId: id })).toMatchObject({ id, owner: { name: "Ada" } });
    await expect(as("Cy").job.delete({ courseId, jobId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // The team page lists the run to its members and the staff; publishing the page shows it to the class
    // but does not open the team's jobs to them.
    const teamRunIds = async (name: keyof typeof users) => (await as(name).team.get({ courseId, teamId: team.id })).runs.map((job) => job.id);
    expect(await teamRunIds("Cy")).toEqual([id]);
    expect(await teamRunIds("Tia")).toEqual([id]);
    await db.team.update({ where: { id: team.id }, data: { published: true } });
    expect(await teamRunIds("Ben")).toEqual([]);

    await as("Prof").job.updateLimits({ courseId, limits: { maxConcurrentJobsPerTeam: 1 } });
    await expect(as("Cy").job.createTraining({ courseId, config: QUICK_TRAINING })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/^Your team has 1 job queued or running; this course allows 1 per team \(maxConcurrentJobsPerTeam\)\. Capacity frees up when/),
    });
    await db.course.update({ where: { id: courseId }, data: { settings: {} } });

    expect((await as("Tia").job.queue({ courseId })).map((job) => job.id)).toContain(id);
    await expect(as("Ada").job.queue({ courseId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await as("Tia").job.cancel({ courseId, jobId: id });
    expect(await waitForJob(db, id, isFinished)).toMatchObject({ status: "CANCELLED" });
    // A job id from another course is not found through this one.
    const { course: other, users: outsiders } = await createCourseWith(db, { Eve: "STUDENT" });
    await expect(callerFor(db, outsiders.Eve).job.get({ courseId: other.id, jobId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
