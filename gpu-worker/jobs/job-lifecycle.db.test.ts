import { describe, expect, it } from "vitest";
import { JobStatus } from "~/prisma/generated/client/enums";
import { createCourseWith } from "~/tests/helpers/callers";
import { createTestDatabase } from "~/tests/helpers/db";
import {
  assertLegalTransition,
  cancelJob,
  claimJob,
  failQueuedJob,
  finishRunningJob,
  IllegalJobTransitionError,
  isLegalTransition,
  requeueRunningJob,
  requeueStaleJobs,
} from "./job-lifecycle";

const { db } = await createTestDatabase();
const { course, users } = await createCourseWith(db, { Ada: "STUDENT" });
const STATUSES = Object.values(JobStatus);

function jobIn(status: JobStatus, fields: { workerId?: string; heartbeatAt?: Date } = {}) {
  return db.job.create({ data: { courseId: course.id, ownerId: users.Ada.id, kind: "TRAIN", config: {}, status, ...fields } });
}

const statusOf = async (id: string) => (await db.job.findUniqueOrThrow({ where: { id } })).status;

describe("a job's life", () => {
  it("goes queued → running → succeeded on the worker that claimed it, and only there", async () => {
    const job = await jobIn("QUEUED");
    expect(await claimJob(db, job.id, "w1")).toBe(true);
    expect(await claimJob(db, job.id, "w2")).toBe(false);
    const running = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(running).toMatchObject({ status: "RUNNING", workerId: "w1", attempts: 1 });
    expect(running.startedAt).not.toBeNull();
    expect(await finishRunningJob(db, job.id, "w2", "SUCCEEDED")).toBe(false);
    expect(await finishRunningJob(db, job.id, "w1", "SUCCEEDED", { progress: 1 })).toBe(true);
    const done = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: "SUCCEEDED", progress: 1 });
    expect(done.finishedAt).not.toBeNull();
  });

  it("refuses an illegal transition: a cancelled job cannot become succeeded", async () => {
    const job = await jobIn("QUEUED");
    expect(await cancelJob(db, job.id)).toBe("CANCELLED");
    expect(() => assertLegalTransition("CANCELLED", "SUCCEEDED")).toThrow(new IllegalJobTransitionError("CANCELLED", "SUCCEEDED"));
    // The worker's finish only moves a RUNNING row: the cancelled one stays cancelled.
    expect(await finishRunningJob(db, job.id, "w1", "SUCCEEDED")).toBe(false);
    // Any other writer is stopped by the database.
    await expect(db.$executeRaw`UPDATE "Job" SET "status" = 'SUCCEEDED' WHERE "id" = ${job.id}`).rejects.toThrow(/a CANCELLED job cannot become SUCCEEDED/);
    expect(await statusOf(job.id)).toBe("CANCELLED");
    expect(await cancelJob(db, job.id)).toBeNull();
  });

  it("has the same transitions in the module and in the database's guard", async () => {
    const pairs = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).map((to) => ({ from, to })));
    const jobs = await Promise.all(pairs.map(({ from }) => jobIn(from)));
    const outcomes = await Promise.all(
      pairs.map(async ({ to }, i) => {
        const accepted = await db.job.update({ where: { id: jobs[i].id }, data: { status: to } }).then(
          () => true,
          () => false,
        );
        return { ...pairs[i], accepted };
      }),
    );
    expect(outcomes).toEqual(pairs.map((pair) => ({ ...pair, accepted: isLegalTransition(pair.from, pair.to) })));
    expect(outcomes.filter((o) => o.accepted)).toHaveLength(9);
  });

  it("asks a running job to stop instead of ending it, and the worker ends it as cancelled", async () => {
    const job = await jobIn("QUEUED");
    await claimJob(db, job.id, "w1");
    expect(await cancelJob(db, job.id)).toBe("STOPPING");
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "RUNNING", cancelRequested: true });
    expect(await finishRunningJob(db, job.id, "w1", "CANCELLED")).toBe(true);
    expect(await statusOf(job.id)).toBe("CANCELLED");
  });

  it("re-queues a running job whose worker went silent or stopped, not a live one", async () => {
    const stale = await jobIn("RUNNING", { workerId: "dead", heartbeatAt: new Date(Date.now() - 60_000) });
    const live = await jobIn("RUNNING", { workerId: "alive", heartbeatAt: new Date() });
    const requeued = await requeueStaleJobs(db, 30_000);
    expect(requeued.map((job) => job.id)).toContain(stale.id);
    expect(requeued.map((job) => job.id)).not.toContain(live.id);
    expect(await db.job.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "QUEUED", workerId: null });
    expect(await requeueRunningJob(db, live.id, "someone else")).toBe(false);
    expect(await requeueRunningJob(db, live.id, "alive")).toBe(true);
    expect(await statusOf(live.id)).toBe("QUEUED");
  });

  it("fails a job that could not be queued, but not one a worker has taken", async () => {
    const job = await jobIn("QUEUED");
    await claimJob(db, job.id, "w1");
    expect(await failQueuedJob(db, job.id, "queue down")).toBe(false);
    const other = await jobIn("QUEUED");
    expect(await failQueuedJob(db, other.id, "queue down")).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "FAILED", error: "queue down" });
  });
});
