/**
 * Control over a running job, against the real database, queue and worker loop (with its default
 * heartbeat, as deployed): a long image run reports progress by the clock, not every N steps, and stops
 * within about a second of a cancel.
 */
import { afterAll, describe, expect, it } from "vitest";
import { trainingProgressSchema } from "~/gpu-worker/contracts/jobs";
import { startJobWorker } from "~/gpu-worker/jobs/job-worker";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { isFinished, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
const worker = await startJobWorker({ databaseUrl: url, workerId: "control-worker", provider: "cpu", log: () => {} });
afterAll(() => worker.stop());
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Ada: "STUDENT" });
const courseId = course.id;
const as = (name: keyof typeof users) => callerFor(db, users[name]);

/** The image run the issue measured at its worst: 20,000 UNet steps report every 100 steps by count. */
const LONG_IMAGE_RUN = { dataset: "fashion_mnist", steps: 20_000, batchSize: 64, model: { baseChannels: 16 }, checkpointEvery: 10_000 } as const;

const stepOf = (job: { progressDetail: unknown }) => trainingProgressSchema.safeParse(job.progressDetail).data?.step ?? 0;

describe("a long image training run", () => {
  it("reports progress by the clock and stops within about a second of a cancel", async () => {
    const { id } = await as("Ada").job.createTraining({ courseId, config: LONG_IMAGE_RUN });
    // The first report comes after about a second of steps, long before step 100 (steps / 200).
    const first = await waitForJob(db, id, (job) => job.status === "RUNNING" && stepOf(job) > 0, 120_000);
    expect(stepOf(first)).toBeLessThan(100);
    const second = await waitForJob(db, id, (job) => stepOf(job) > stepOf(first), 30_000);
    expect(stepOf(second)).toBeLessThan(100);

    const requestedAt = Date.now();
    await as("Ada").job.cancel({ courseId, jobId: id });
    const cancelled = await waitForJob(db, id, isFinished, 30_000);
    const stopMs = cancelled.finishedAt!.getTime() - requestedAt;
    console.log(`cancel → CANCELLED: ${stopMs} ms (UNet step ~${(1000 / trainingProgressSchema.parse(cancelled.progressDetail).stepsPerSecond).toFixed(0)} ms)`);
    expect(cancelled.status).toBe("CANCELLED");
    // The worker sees the request at its next heartbeat (1 s) and the run stops after the step under way.
    expect(stopMs).toBeLessThan(4_000);
  });
});
