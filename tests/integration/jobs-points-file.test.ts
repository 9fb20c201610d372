/**
 * A training run on your own 2D points through the web path, against the real embedded Postgres,
 * pg-boss and worker: the upload is read and checked by the server, stored with the run, trained in a
 * normalized space, and sampled and measured in the file's own coordinates; a bad file is refused with
 * its line and problem and leaves nothing behind.
 */
import { describe, expect, it } from "vitest";
import { parsePointFile } from "~/gpu-worker/data/point-file";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { isFinished, QUICK_TRAINING, startTestWorker, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
await startTestWorker(url, "points-file-worker");
const { course, users } = await createCourseWith(db, { Ada: "STUDENT", Ben: "STUDENT" });
const courseId = course.id;
const as = (name: keyof typeof users) => callerFor(db, users[name]);

/** A ring of radius 20 around (100, −50), as a CSV with a header: far from unit scale, as real data is. */
const ring = Array.from({ length: 300 }, (_, i) => [100 + 20 * Math.cos((2 * Math.PI * i) / 300), -50 + 20 * Math.sin((2 * Math.PI * i) / 300)]);
const csv = `x,y\n${ring.map(([x, y]) => `${x},${y}`).join("\n")}\n`;
const base64 = (text: string) => Buffer.from(text).toString("base64");
// The browser sends the count it read; the server records the count it reads itself.
const fileConfig = { ...QUICK_TRAINING, dataset: "points_file", dataFile: { name: "ring.csv", count: 999 } } as const;

describe("a training run on an uploaded points file", () => {
  it("stores the points with the run, and samples and measures in the file's coordinates", async () => {
    const { id } = await as("Ada").job.createTraining({ courseId, config: fileConfig, dataFile: { name: "ring.csv", base64: base64(csv) } });
    expect(await waitForJob(db, id, isFinished)).toMatchObject({ status: "SUCCEEDED", config: expect.objectContaining({ dataFile: { name: "ring.csv", count: 300 } }) });

    const stored = await db.artifact.findFirstOrThrow({ where: { jobId: id, kind: "TRAINING_DATA" } });
    expect(stored.name).toBe("ring.npy");
    expect(Array.from(parsePointFile(stored.name, new Uint8Array(stored.data)))).toEqual(ring.flat());

    const job = await as("Ada").job.get({ courseId, jobId: id });
    // 256 generated against 256 of the file's 300 points, in its coordinates.
    expect(job.metrics).toMatchObject({ space: "data", chamfer: { generatedCount: 256, referenceCount: 256 }, mmd: { referenceCount: 256 } });
    const samples = JSON.parse(Buffer.from((await db.artifact.findFirstOrThrow({ where: { jobId: id, kind: "SAMPLES" } })).data).toString()) as { points: number[] };
    const xs = samples.points.filter((_, i) => i % 2 === 0);
    const ys = samples.points.filter((_, i) => i % 2 === 1);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean(xs) - 100)).toBeLessThan(8);
    expect(Math.abs(mean(ys) + 50)).toBeLessThan(8);

    // Evaluating the run later measures against the same stored points.
    const evaluation = await as("Ada").job.createEvaluation({ courseId, sourceJobId: id, config: { count: 64, steps: 10 } });
    expect(await waitForJob(db, evaluation.id, isFinished)).toMatchObject({ status: "SUCCEEDED" });
    expect((await as("Ada").job.get({ courseId, jobId: evaluation.id })).metrics).toMatchObject({ space: "data", chamfer: { generatedCount: 64, referenceCount: 64 } });
  });

  it("refuses a bad file with its line and problem, and stores nothing", async () => {
    const before = await db.job.count();
    const cases: [{ name: string; base64: string } | undefined, typeof fileConfig | typeof QUICK_TRAINING, string][] = [
      [{ name: "ring.csv", base64: base64("x,y\n1,2\n3,abc\n") }, fileConfig, 'ring.csv: line 3: y is "abc", not a number; write numbers like 1.5 or -2e-3'],
      [{ name: "ring.json", base64: base64("[[1, 2], [3]]") }, fileConfig, "ring.json: point 2 is [3], not an [x, y] pair"],
      [{ name: "ring.npy", base64: base64("not numpy") }, fileConfig, "ring.npy: is not a .npy file (no \\x93NUMPY header); save it with numpy.save"],
      [{ name: "few.csv", base64: base64("1,2\n3,4\n") }, fileConfig, "few.csv: holds 2 points; a distribution to learn needs at least 16"],
      [undefined, fileConfig, "Choose a CSV, JSON or .npy file of 2D points to train on."],
      [{ name: "ring.csv", base64: base64(csv) }, QUICK_TRAINING, "A points file trains with the data set points_file; choose it, or leave the file out."],
    ];
    for (const [dataFile, config, message] of cases) {
      await expect(as("Ben").job.createTraining({ courseId, config, dataFile }), message).rejects.toMatchObject({ code: "BAD_REQUEST", message });
    }
    expect(await db.job.count()).toBe(before);
    expect(await db.artifact.count({ where: { kind: "TRAINING_DATA", job: { ownerId: users.Ben.id } } })).toBe(0);
  });
});
