/**
 * The staff review gallery on runs the real worker trained and sampled: filters by data set, model,
 * sampler and metric threshold, sorting by metric, side-by-side comparison, and what of those runs the
 * running order shows to whom.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { isFinished, QUICK_TRAINING, startTestWorker, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
await startTestWorker(url, "review-worker");
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Ann: "STUDENT", Bea: "STUDENT", Sol: "STUDENT" });
const courseId = course.id;
const as = (name: keyof typeof users) => callerFor(db, users[name]);

const runs: Record<string, string> = {};

async function finished(id: string) {
  expect(await waitForJob(db, id, isFinished, 60_000)).toMatchObject({ status: "SUCCEEDED", error: null });
  return id;
}

beforeAll(async () => {
  for (const [name, member] of [["Alpha", "Ann"], ["Beta", "Bea"]] as const) {
    await db.team.create({ data: { courseId, name, inviteCode: `${name}${courseId}`, members: { create: { userId: users[member].id } } } });
  }
  // Alpha: a moons run (DDIM evaluation) and a DDPM sample job from it; Beta: a wider swiss-roll run.
  runs.alphaMoons = await finished((await as("Ann").job.createTraining({ courseId, config: { ...QUICK_TRAINING, dataset: "moons" } })).id);
  runs.alphaSample = await finished((await as("Ann").job.createSample({ courseId, sourceJobId: runs.alphaMoons, config: { sampler: "ddpm", steps: 30, count: 128 } })).id);
  runs.betaRoll = await finished((await as("Bea").job.createTraining({ courseId, config: { ...QUICK_TRAINING, dataset: "swiss_roll", model: { hidden: 48, depth: 2 } } })).id);
  // Sol is in no team: a run outside every team is not a mini-project sample and stays out of the gallery.
  runs.solo = await finished((await as("Sol").job.createTraining({ courseId, config: QUICK_TRAINING })).id);
  // An evaluation writes metrics but no grid, and a failed run none at all: neither belongs in the gallery.
  runs.evaluation = await finished((await as("Ann").job.createEvaluation({ courseId, sourceJobId: runs.alphaMoons, config: { count: 128, steps: 10 } })).id);
}, 180_000);

describe("the review gallery", () => {
  it("shows every team's succeeded runs with a sample grid, described from their configs", async () => {
    const gallery = await as("Tia").review.gallery({ courseId });
    expect(gallery.total).toBe(3);
    expect(gallery.options).toEqual({ datasets: ["moons", "swiss_roll"], models: ["MLP 32×2", "MLP 48×2"], samplers: ["ddim", "ddpm"] });
    const byId = Object.fromEntries(gallery.runs.map((run) => [run.jobId, run]));
    expect(Object.keys(byId).sort()).toEqual([runs.alphaMoons, runs.alphaSample, runs.betaRoll].sort());
    // A sample job takes its data set and model from its training run, its sampler from its own config.
    expect(byId[runs.alphaSample]).toMatchObject({ kind: "SAMPLE", team: { name: "Alpha" }, dataset: "moons", model: "MLP 32×2", sampler: "ddpm", samplerSteps: 30 });
    expect(byId[runs.betaRoll]).toMatchObject({ kind: "TRAIN", team: { name: "Beta" }, ownerName: "Bea", dataset: "swiss_roll", model: "MLP 48×2", sampler: "ddim", samplerSteps: 20 });
    for (const run of gallery.runs) {
      expect(run.chamfer).toBeGreaterThan(0);
      const grid = await db.artifact.findUniqueOrThrow({ where: { id: run.gridArtifactId } });
      expect(grid).toMatchObject({ jobId: run.jobId, kind: "SAMPLE_GRID", contentType: "image/png" });
    }
  });

  it("filters by data set, model and sampler", async () => {
    const ids = async (filter: Parameters<ReturnType<typeof as>["review"]["gallery"]>[0]) => (await as("Prof").review.gallery(filter)).runs.map((run) => run.jobId).sort();
    expect(await ids({ courseId, dataset: "moons" })).toEqual([runs.alphaMoons, runs.alphaSample].sort());
    expect(await ids({ courseId, model: "MLP 48×2" })).toEqual([runs.betaRoll]);
    expect(await ids({ courseId, sampler: "ddpm" })).toEqual([runs.alphaSample]);
    expect(await ids({ courseId, dataset: "moons", sampler: "ddim" })).toEqual([runs.alphaMoons]);
    expect(await ids({ courseId, dataset: "checkerboard" })).toEqual([]);
  });

  it("keeps runs at or under a metric threshold and sorts by the metric", async () => {
    const all = (await as("Prof").review.gallery({ courseId, metric: "chamfer", sort: "metric-asc" })).runs;
    const chamfers = all.map((run) => run.chamfer!);
    expect(chamfers).toEqual([...chamfers].sort((a, b) => a - b));
    const descending = (await as("Prof").review.gallery({ courseId, metric: "chamfer", sort: "metric-desc" })).runs.map((run) => run.chamfer!);
    expect(descending).toEqual([...chamfers].reverse());

    const threshold = chamfers[1];
    const kept = (await as("Prof").review.gallery({ courseId, metric: "chamfer", maxMetric: threshold })).runs;
    expect(kept.map((run) => run.jobId)).toEqual(all.slice(0, 2).map((run) => run.jobId));
    const byMmd = (await as("Prof").review.gallery({ courseId, metric: "mmd", sort: "metric-asc" })).runs.map((run) => run.mmd!);
    expect(byMmd).toEqual([...byMmd].sort((a, b) => a - b));
    await expect(as("Prof").review.gallery({ courseId, maxMetric: -1 })).rejects.toThrow("The metric threshold cannot be negative.");
  });

  it("compares two runs side by side with the differences in their setups", async () => {
    const { a, b, diff } = await as("Tia").review.compare({ courseId, jobIds: [runs.alphaSample, runs.betaRoll] });
    expect(a).toMatchObject({ jobId: runs.alphaSample, dataset: "moons" });
    expect(b).toMatchObject({ jobId: runs.betaRoll, dataset: "swiss_roll" });
    const changed = Object.fromEntries(diff.filter((row) => !row.same).map((row) => [row.path, [row.a, row.b]]));
    expect(changed).toEqual({
      "training.dataset": ["moons", "swiss_roll"],
      "training.model.hidden": [32, 48],
      "sampling.sampler": ["ddpm", "ddim"],
      "sampling.steps": [30, 20],
      "sampling.count": [128, 256],
    });
    expect(diff.find((row) => row.path === "training.steps")).toEqual({ path: "training.steps", a: 300, b: 300, same: true });

    await expect(as("Tia").review.compare({ courseId, jobIds: [runs.betaRoll, runs.betaRoll] })).rejects.toThrow("Pick two different runs to compare.");
    await expect(as("Tia").review.compare({ courseId, jobIds: [runs.betaRoll, runs.evaluation] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is for staff only: students get FORBIDDEN for the gallery and the comparison", async () => {
    await expect(as("Ann").review.gallery({ courseId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("Ann").review.compare({ courseId, jobIds: [runs.alphaMoons, runs.betaRoll] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("samples on the running order", () => {
  it("shows a team's best grids to the team and the staff, and none to other students", async () => {
    const slots = await db.presentationSlot.createManyAndReturn({
      data: ["Alpha", "Beta"].map((_, position) => ({ courseId, startsAt: new Date(Date.UTC(2026, 11, 4, 9, position * 10)), minutes: 10, label: "Room 1", position })),
    });
    await as("Prof").presentation.updateSchedule({ courseId, published: true, locked: false });
    await as("Ann").presentation.book({ courseId, slotId: slots[0].id });
    await as("Bea").presentation.book({ courseId, slotId: slots[1].id });
    await as("Prof").presentation.advance({ courseId, fromSlotId: null });

    const staff = await as("Prof").presentation.runningOrder({ courseId });
    const alphaGrids = staff.current!.samples;
    expect(alphaGrids.map((grid) => grid.jobId).sort()).toEqual([runs.alphaMoons, runs.alphaSample].sort());
    expect(alphaGrids[0].chamfer!).toBeLessThanOrEqual(alphaGrids[1].chamfer!);
    expect(staff.next!.samples.map((grid) => grid.jobId)).toEqual([runs.betaRoll]);

    expect((await as("Ann").presentation.runningOrder({ courseId })).current!.samples).toHaveLength(2);
    const bea = await as("Bea").presentation.runningOrder({ courseId });
    expect(bea.current).toMatchObject({ team: { name: "Alpha" }, samplesVisible: false, samples: [] });
    expect(bea.next).toMatchObject({ team: { name: "Beta", isMine: true }, samplesVisible: true, samples: [{ jobId: runs.betaRoll }] });
  });
});
