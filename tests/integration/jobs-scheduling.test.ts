/**
 * Scheduling with the real worker loop and pg-boss on the real database: the queue entry commits with
 * its Job row, rows without an entry are swept into the queue, workers take jobs in fair-share order
 * across teams, and a small job runs beside a team's long one instead of behind it.
 */
import { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { trainConfigSchema, type TrainConfigInput } from "~/gpu-worker/contracts/jobs";
import { QUEUE_FOR_KIND, type QueuedJob } from "~/gpu-worker/contracts/queues";
import { WORKER_GONE_AFTER_MS } from "~/gpu-worker/contracts/workers";
import { startJobWorker, type JobWorkerOptions } from "~/gpu-worker/jobs/job-worker";
import { enqueueJob } from "~/server/jobs/queue";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { isFinished, QUICK_TRAINING, TEST_WORKER_TIMINGS, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Ada: "STUDENT", Ben: "STUDENT" });
let teamCount = 0;
/** Fresh teams for each test: GPU time used in an earlier test counts against a team for an hour. */
async function newTeams() {
  const team = async (name: string) => db.team.create({ data: { courseId: course.id, name: `Team ${name}${++teamCount}`, inviteCode: `SCHED-${teamCount}` } });
  return { A: await team("A"), B: await team("B"), C: await team("C") };
}
type TeamName = "A" | "B" | "C";
let teams = await newTeams();

/** A job row as createAndEnqueueJob stores it, for the team given (limits are not what is tested here). */
const trainingRow = (team: TeamName, config: TrainConfigInput = QUICK_TRAINING, ownerId = users.Ada!.id) => ({
  courseId: course.id,
  ownerId,
  teamId: teams[team].id,
  kind: "TRAIN" as const,
  config: trainConfigSchema.parse(config),
});

async function queueTraining(team: TeamName, config?: TrainConfigInput, ownerId?: string) {
  return db.$transaction(async (tx) => {
    const job = await tx.job.create({ data: trainingRow(team, config, ownerId) });
    await enqueueJob(job, tx);
    return job;
  });
}

/** Reads the train queue's waiting entries through pg-boss itself. */
const inspector = new PgBoss({ connectionString: url, supervise: false, schedule: false, max: 1 });
await inspector.start();
afterAll(() => inspector.stop({ graceful: false }));
const waitingEntries = async () => (await inspector.findJobs<QueuedJob>(QUEUE_FOR_KIND.TRAIN, { queued: true })).map((entry) => entry.data.jobId);

async function withWorker<T>(options: Partial<JobWorkerOptions>, body: () => Promise<T>): Promise<T> {
  const worker = await startJobWorker({ databaseUrl: url, workerId: `sched-${options.provider ?? "cpu"}-${options.concurrency ?? 1}`, provider: "cpu", log: () => {}, ...TEST_WORKER_TIMINGS, ...options });
  try {
    return await body();
  } finally {
    await worker.stop();
  }
}

describe("a crash between storing a job and queueing it", () => {
  it("stores both when the transaction commits, and neither when it does not", async () => {
    const committed = await queueTraining("A");
    expect(await waitingEntries()).toContain(committed.id);

    const crashed = await db
      .$transaction(async (tx) => {
        const job = await tx.job.create({ data: trainingRow("A") });
        await enqueueJob(job, tx);
        throw new Error(`process died after queueing ${job.id}`);
      })
      .catch((error: Error) => error.message.split(" ").at(-1)!);
    expect(await db.job.findUnique({ where: { id: crashed } })).toBeNull();
    expect(await waitingEntries()).not.toContain(crashed);
  });

  it("sweeps a QUEUED row without a queue entry into the queue, at worker start and while it runs", async () => {
    // Rows as a crash between the two writes left them before they shared a transaction.
    const beforeStart = await db.job.create({ data: trainingRow("A") });
    expect(await waitingEntries()).not.toContain(beforeStart.id);
    await withWorker({}, async () => {
      expect(await waitForJob(db, beforeStart.id, isFinished)).toMatchObject({ status: "SUCCEEDED" });
      const whileRunning = await db.job.create({ data: trainingRow("B") });
      expect(await waitForJob(db, whileRunning.id, isFinished)).toMatchObject({ status: "SUCCEEDED" });
    });
  });
});

describe("fair share", () => {
  it("takes turns across three teams instead of first come, first served", async () => {
    teams = await newTeams();
    // Team A queues three runs first, then B two, then C one, while no worker runs.
    const queued = [await queueTraining("A"), await queueTraining("A"), await queueTraining("A"), await queueTraining("B"), await queueTraining("B"), await queueTraining("C")];
    const started = await withWorker({ concurrency: 1 }, async () => {
      for (const { id } of queued) await waitForJob(db, id, isFinished, 60_000);
      return db.job.findMany({ where: { id: { in: queued.map(({ id }) => id) } }, orderBy: { startedAt: "asc" }, select: { id: true, teamId: true, status: true } });
    });
    expect(started.every(({ status }) => status === "SUCCEEDED")).toBe(true);
    const teamOrder = started.map(({ teamId }) => Object.entries(teams).find(([, team]) => team.id === teamId)![0]);
    // One of each team first, in the order they queued; A's third run last, after B's second (A has run more).
    expect(teamOrder.slice(0, 3)).toEqual(["A", "B", "C"]);
    expect(teamOrder.slice(3).sort()).toEqual(["A", "A", "B"]);
    expect(teamOrder.at(-1)).toBe("A");
  });

  it("runs another team's small job beside a hog's long ones: it finishes within a minute", async () => {
    // Two runs of a million steps (hours) from team A, then a small 2D run from team B.
    const long = { ...QUICK_TRAINING, steps: 1_000_000, checkpointEvery: 100_000 };
    teams = await newTeams();
    const hog = [await queueTraining("A", long), await queueTraining("A", long)];
    const hogIds = hog.map(({ id }) => id);
    await withWorker({ concurrency: 2 }, async () => {
      try {
        await waitForJob(db, hogIds[0]!, (job) => job.status === "RUNNING");
        const small = await queueTraining("B");
        const finished = await waitForJob(db, small.id, isFinished, 60_000);
        expect(finished.status).toBe("SUCCEEDED");
        expect(finished.finishedAt!.getTime() - finished.queuedAt.getTime()).toBeLessThan(60_000);
        // The hog's second long run waited: one long job per queue per worker.
        expect((await db.job.findUniqueOrThrow({ where: { id: hogIds[1]! } })).status).toBe("QUEUED");
        expect((await db.job.findUniqueOrThrow({ where: { id: hogIds[0]! } })).status).toBe("RUNNING");
      } finally {
        // Whatever happened, the hog leaves no job behind for the next tests.
        await db.job.updateMany({ where: { id: { in: hogIds }, status: "QUEUED" }, data: { status: "CANCELLED" } });
        await db.job.updateMany({ where: { id: { in: hogIds } }, data: { cancelRequested: true } });
        for (const id of hogIds) await waitForJob(db, id, isFinished);
      }
    });
  }, 120_000);
});

describe("preemption at a checkpoint", () => {
  it("pauses a long run that has had its slice for another team's small run, and resumes it from its checkpoint", async () => {
    const long = { ...QUICK_TRAINING, steps: 1_000_000, checkpointEvery: 100_000 };
    teams = await newTeams();
    const hog = await queueTraining("A", long);
    const ids = [hog.id];
    await withWorker({ concurrency: 1, preemptAfterMs: 1_000 }, async () => {
      try {
        await waitForJob(db, hog.id, (job) => job.status === "RUNNING");
        // A small run of the hog's own team does not preempt it: the team's runs wait their turn.
        const sameTeam = await queueTraining("A");
        ids.push(sameTeam.id);
        await waitForJob(db, hog.id, (job) => job.gpuSeconds >= 3);
        expect(await db.job.findUniqueOrThrow({ where: { id: hog.id } })).toMatchObject({ status: "RUNNING", attempts: 1 });
        expect((await db.job.findUniqueOrThrow({ where: { id: sameTeam.id } })).status).toBe("QUEUED");

        const otherTeam = await queueTraining("B");
        ids.push(otherTeam.id);
        const small = await waitForJob(db, otherTeam.id, isFinished, 60_000);
        expect(small.status).toBe("SUCCEEDED");
        // The hog went back to the queue at a checkpoint of the steps it had done...
        const checkpoint = await db.artifact.findFirstOrThrow({ where: { jobId: hog.id, kind: "CHECKPOINT" }, orderBy: { step: "desc" } });
        expect(checkpoint.step).toBeGreaterThan(0);
        expect(checkpoint.createdAt.getTime()).toBeLessThanOrEqual(small.startedAt!.getTime());
        // ...and, claimed again, goes on from it instead of from step 0.
        const resumed = await waitForJob(db, hog.id, (job) => job.status === "RUNNING" && job.attempts >= 2 && ((job.progressDetail as { step?: number } | null)?.step ?? 0) > checkpoint.step!, 60_000);
        expect(resumed.attempts).toBeGreaterThanOrEqual(2);
      } finally {
        await db.job.updateMany({ where: { id: { in: ids }, status: "QUEUED" }, data: { status: "CANCELLED" } });
        await db.job.updateMany({ where: { id: { in: ids } }, data: { cancelRequested: true } });
        for (const id of ids) await waitForJob(db, id, isFinished);
      }
    });
  }, 180_000);
});

describe("a job that requires a GPU", () => {
  it("is left to a GPU worker: a CPU worker runs the jobs queued after it, and its place says it waits for one", async () => {
    teams = await newTeams();
    const staff = callerFor(db, users.Prof!);
    const needsGpu = await queueTraining("A", { ...QUICK_TRAINING, requiresGpu: true });
    const anyWorker = await queueTraining("B");
    const placeOf = async (jobId: string) => (await staff.job.queue({ courseId: course.id })).find(({ id }) => id === jobId)?.place;
    await withWorker({ provider: "cpu" }, async () => {
      // Checked in as it started: the staff see it, with its device.
      expect(await staff.job.workers({ courseId: course.id })).toEqual([expect.objectContaining({ id: "sched-cpu-1", provider: "cpu", concurrency: 1 })]);
      expect(await waitForJob(db, anyWorker.id, isFinished)).toMatchObject({ status: "SUCCEEDED" });
      // Longer than a handed-back delivery waits (2 s), so the CPU worker has seen it again.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await db.job.findUniqueOrThrow({ where: { id: needsGpu.id } })).status).toBe("QUEUED");
      expect(await placeOf(needsGpu.id)).toMatchObject({ position: 1, waitsForGpuWorker: true });
    });
    // Gone from the list once it stops; a student never sees the list.
    expect(await staff.job.workers({ courseId: course.id })).toEqual([]);
    await expect(callerFor(db, users.Ada!).job.workers({ courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A worker configured for a GPU takes it (here its provider falls back to the CPU and says so).
    await withWorker({ provider: "webgpu" }, async () => {
      expect(await waitForJob(db, needsGpu.id, isFinished)).toMatchObject({ status: "SUCCEEDED", workerId: "sched-webgpu-1" });
    });
  });

  it("counts a worker that stopped checking in as gone", async () => {
    teams = await newTeams();
    const staff = callerFor(db, users.Prof!);
    const needsGpu = await queueTraining("A", { ...QUICK_TRAINING, requiresGpu: true });
    try {
      // A GPU worker that died without deleting its row: seen now, then its last check-in ages past the limit.
      await db.$executeRaw`INSERT INTO "Worker" ("id", "provider", "concurrency", "startedAt", "lastSeenAt") VALUES ('dead-gpu', 'cuda', 1, now(), now())`;
      expect((await staff.job.workers({ courseId: course.id })).map(({ id }) => id)).toEqual(["dead-gpu"]);
      expect((await staff.job.queue({ courseId: course.id })).find(({ id }) => id === needsGpu.id)?.place).toMatchObject({ waitsForGpuWorker: false });
      await db.$executeRaw`UPDATE "Worker" SET "lastSeenAt" = now() - make_interval(secs => ${WORKER_GONE_AFTER_MS / 1000 + 1}::double precision) WHERE "id" = 'dead-gpu'`;
      expect(await staff.job.workers({ courseId: course.id })).toEqual([]);
      expect((await staff.job.queue({ courseId: course.id })).find(({ id }) => id === needsGpu.id)?.place).toMatchObject({ waitsForGpuWorker: true });
    } finally {
      await db.job.update({ where: { id: needsGpu.id }, data: { status: "CANCELLED" } });
      await db.worker.deleteMany({ where: { id: "dead-gpu" } });
    }
  });
});

describe("queue places", () => {
  it("shows staff the fair order with positions and estimated starts, and a student their own job's place only", async () => {
    // Earlier tests finished their jobs, so these are the whole queue, and recent runs give a pace.
    teams = await newTeams();
    const a1 = await queueTraining("A");
    const a2 = await queueTraining("A");
    const b1 = await queueTraining("B", QUICK_TRAINING, users.Ben!.id);
    const ours = [a1.id, a2.id, b1.id];
    const queue = (await callerFor(db, users.Prof!).job.queue({ courseId: course.id })).filter(({ id }) => ours.includes(id));
    expect(queue.map(({ id, place }) => [id, place?.position, place?.queued])).toEqual([[a1.id, 1, 3], [b1.id, 2, 3], [a2.id, 3, 3]]);
    const [first, second, third] = queue.map(({ place }) => place!.estimatedStartSeconds);
    expect(first).toBe(0);
    expect(second).toBeGreaterThan(0);
    expect(third).toBeGreaterThan(second!);

    const ben = callerFor(db, users.Ben!);
    expect(await ben.job.place({ courseId: course.id, jobId: b1.id })).toMatchObject({ position: 2, queued: 3 });
    await expect(ben.job.place({ courseId: course.id, jobId: a1.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(ben.job.queue({ courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await db.job.updateMany({ where: { id: { in: ours } }, data: { status: "CANCELLED" } });
    expect(await ben.job.place({ courseId: course.id, jobId: b1.id })).toBeNull();
  });
});
