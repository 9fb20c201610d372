/**
 * Grades and records you can trust, with the real worker: a sample set is graded under its criterion's
 * protocol (a 16-point set cannot stand in for the 2048 points the rule is about), and a version keeps
 * what it handed in when the run behind it is deleted or retried.
 */
import { describe, expect, it } from "vitest";
import { sampleMetricsSchema } from "~/gpu-worker/contracts/jobs";
import { readHandedInFile } from "~/server/submissions/file-access";
import { createTestDatabase } from "../helpers/db";
import { QUICK_TRAINING, isFinished, startTestWorker, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";
import { gradingCourse } from "./submissions-fixture";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
await startTestWorker(url, "handins-worker");

/** The course's rule: full marks below 20, half below 40, under the default protocol (2048 vs 2048 swiss-roll points). */
const CHAMFER_RULE = { metric: "chamfer" as const, bands: [{ below: 20, fraction: 1 }, { below: 40, fraction: 0.5 }] };
/** A rule with partial marks far out (same protocol), so the runs below land in bands that score. */
const GRADED_RULE = { metric: "chamfer" as const, bands: [{ below: 20, fraction: 1 }, { below: 40, fraction: 0.75 }, { below: 80, fraction: 0.5 }, { below: 160, fraction: 0.25 }] };
/** A poor model: 300 steps of the quick run, whose 2048 samples are far from the swiss roll. */
const POOR_TRAINING = { ...QUICK_TRAINING, steps: 300, evaluation: { count: 2048, steps: 20 } };

const chamferOf = (job: { metrics: unknown }) => sampleMetricsSchema.parse(job.metrics).chamfer;

/** Alpha's poor training run (its own samples: 2048 points) and a SAMPLE job of `count` points from it, all through the real queue and worker. */
async function poorRunWithSamples(count: number) {
  const fixture = await gradingCourse(db);
  const { courseId, as } = fixture;
  const training = await as("Mia").job.createTraining({ courseId, config: POOR_TRAINING });
  const trained = await waitForJob(db, training.id, isFinished, 60_000);
  expect(trained.status).toBe("SUCCEEDED");
  const sample = await as("Mia").job.createSample({ courseId, sourceJobId: training.id, config: { count, steps: 20 } });
  const sampled = await waitForJob(db, sample.id, isFinished, 60_000);
  expect(sampled.status).toBe("SUCCEEDED");
  const deliverable = await fixture.deliverable("SAMPLE_SET", { title: "Samples" });
  const [quality] = await as("Prof").grading.saveRubric({ courseId, deliverableId: deliverable.id, criteria: [{ name: "Sample quality", maxPoints: 10, autograde: CHAMFER_RULE }] });
  return { ...fixture, trained, sampled, deliverable, quality };
}

describe("autograding under the criterion's protocol", () => {
  it("a poor model's 16-point set, which its own Chamfer would give full marks, is refused; its 2048-point set is graded and fails", async () => {
    const { courseId, as, alpha, trained, sampled, deliverable, quality } = await poorRunWithSamples(16);
    // The attack as it worked before: the 16-point run's own Chamfer (a sum over 2 × 16 points) is under
    // the full-marks threshold, while the same model's 2048-point set is far above it.
    expect(chamferOf(sampled)).toMatchObject({ generatedCount: 16 });
    expect(chamferOf(sampled).value).toBeLessThan(20);
    expect(chamferOf(trained)).toMatchObject({ generatedCount: 2048 });
    expect(chamferOf(trained).value).toBeGreaterThan(40);

    await expect(as("Max").submission.submit({ courseId, deliverableId: deliverable.id, content: { type: "run", jobId: sampled.id } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This criterion grades Chamfer distance on 2048 samples; your sample set has 16. Generate 2048 samples from the run page and submit that set.",
    });
    expect(await db.submission.count({ where: { deliverableId: deliverable.id } })).toBe(0);

    await as("Max").submission.submit({ courseId, deliverableId: deliverable.id, content: { type: "run", jobId: trained.id } });
    const view = await as("Tia").grading.get({ courseId, deliverableId: deliverable.id, teamId: alpha.id });
    const suggestion = view.criteria[0].suggestion;
    // The server's own measurement under the protocol agrees with the worker's on the same 2048 points.
    expect(suggestion).toEqual({ protocol: "Chamfer distance of 2048 generated vs 2048 swiss_roll data points", points: 0, value: expect.closeTo(chamferOf(trained).value, 2) });
    const saved = await as("Tia").grading.save({ courseId, deliverableId: deliverable.id, teamId: alpha.id, scores: [] });
    expect(saved.scores).toEqual([{ criterionId: quality.id, points: 0, comment: "", autograded: true }]);

    // A number the run claims (here rewritten to look perfect) is never what grades it.
    await db.job.update({ where: { id: trained.id }, data: { metrics: { ...sampleMetricsSchema.parse(trained.metrics), chamfer: { value: 1, generatedCount: 2048, referenceCount: 2048 } } } });
    expect((await as("Tia").grading.get({ courseId, deliverableId: deliverable.id, teamId: alpha.id })).criteria[0].suggestion).toEqual(suggestion);
  }, 120_000);

  it("a rule changed after hand-in to another protocol is not fed the old set: the grader is told why and enters points by hand", async () => {
    const { courseId, as, alpha, trained, deliverable, quality } = await poorRunWithSamples(16);
    await as("Max").submission.submit({ courseId, deliverableId: deliverable.id, content: { type: "run", jobId: trained.id } });
    await as("Prof").grading.saveRubric({
      courseId,
      deliverableId: deliverable.id,
      criteria: [{ id: quality.id, name: "Sample quality", maxPoints: 10, autograde: { ...CHAMFER_RULE, protocol: { dataset: "moons", generatedCount: 1024, referenceCount: 1024 } } }],
    });
    const view = await as("Tia").grading.get({ courseId, deliverableId: deliverable.id, teamId: alpha.id });
    expect(view.criteria[0].suggestion).toEqual({
      protocol: "Chamfer distance of 1024 generated vs 1024 moons data points",
      refused: "This criterion grades Chamfer distance on moons; your sample set's model was trained on swiss_roll. Submit samples from a run trained on moons.",
    });
    await expect(as("Tia").grading.save({ courseId, deliverableId: deliverable.id, teamId: alpha.id, scores: [] })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  }, 120_000);

  it("two teams' runs the worker trained, poor and longer, are each graded by the rule applied to their own measured Chamfer", async () => {
    const fixture = await gradingCourse(db);
    const { courseId, as, alpha, beta } = fixture;
    const deliverable = await fixture.deliverable("SAMPLE_SET", { title: "Samples" });
    const [quality] = await as("Prof").grading.saveRubric({ courseId, deliverableId: deliverable.id, criteria: [{ name: "Sample quality", maxPoints: 10, autograde: GRADED_RULE }] });
    const trainedBy = async (name: "Mia" | "Oli", config: typeof POOR_TRAINING) => {
      const { id } = await as(name).job.createTraining({ courseId, config });
      const trained = await waitForJob(db, id, isFinished, 60_000);
      expect(trained.status).toBe("SUCCEEDED");
      await as(name).submission.submit({ courseId, deliverableId: deliverable.id, content: { type: "run", jobId: id } });
      return trained;
    };
    const poor = await trainedBy("Mia", POOR_TRAINING);
    const longer = await trainedBy("Oli", { ...POOR_TRAINING, steps: 4_000, model: { hidden: 64, depth: 3 } });
    // Training longer is what the course teaches: its samples are measurably closer to the swiss roll.
    expect(chamferOf(longer).value).toBeLessThan(chamferOf(poor).value);

    // The rule, read independently of the server: the first band the value is below gives its fraction.
    const pointsUnderRule = (value: number) => 10 * (GRADED_RULE.bands.find((band) => value < band.below)?.fraction ?? 0);
    for (const [team, run] of [[alpha, poor], [beta, longer]] as const) {
      const { suggestion } = (await as("Tia").grading.get({ courseId, deliverableId: deliverable.id, teamId: team.id })).criteria[0];
      // The server measures the handed-in samples under the protocol; it agrees with the worker on them.
      expect(suggestion).toMatchObject({ value: expect.closeTo(chamferOf(run).value, 2) });
      const measured = (suggestion as { value: number }).value;
      expect(pointsUnderRule(measured)).toBeGreaterThan(0);
      const saved = await as("Tia").grading.save({ courseId, deliverableId: deliverable.id, teamId: team.id, scores: [] });
      expect(saved.scores).toEqual([{ criterionId: quality.id, points: pointsUnderRule(measured), comment: "", autograded: true }]);
    }
  }, 180_000);
});

describe("a handed-in version is immutable", () => {
  it("deleting the sample run and its training run, and retrying it, leave the grader's view unchanged byte for byte", async () => {
    const { courseId, as, alpha, trained, sampled, deliverable, users } = await poorRunWithSamples(2048);
    const version = await as("Max").submission.submit({ courseId, deliverableId: deliverable.id, content: { type: "run", jobId: sampled.id } });
    const graderView = async () => {
      const view = await as("Tia").grading.get({ courseId, deliverableId: deliverable.id, teamId: alpha.id });
      const file = (kind: "SAMPLES" | "SAMPLE_GRID") => readHandedInFile(db, { courseId, deliverableId: deliverable.id, submissionId: version.id, userId: users.Tia.id, kind });
      return { view: JSON.stringify(view), samples: Buffer.from((await file("SAMPLES")).data), grid: Buffer.from((await file("SAMPLE_GRID")).data) };
    };
    const before = await graderView();
    const sampledArtifact = await db.artifact.findFirstOrThrow({ where: { jobId: sampled.id, kind: "SAMPLES" } });
    expect(before.samples.equals(Buffer.from(sampledArtifact.data))).toBe(true);
    const view = JSON.parse(before.view) as { sampleSet: { jobId: string; trainingJobId: string; files: { kind: string; sourceArtifactId: string }[] }; criteria: { suggestion: { value: number } }[] };
    expect(view.sampleSet).toMatchObject({ jobId: sampled.id, trainingJobId: trained.id });
    expect(view.sampleSet.files.map((file) => file.kind).sort()).toEqual(["MODEL_CONFIG", "MODEL_WEIGHTS", "ONNX_MODEL", "SAMPLES", "SAMPLE_GRID"]);
    expect(view.criteria[0].suggestion.value).toBeCloseTo(chamferOf(sampled).value, 2);

    // The team deletes the run it handed in and the training run behind it, then tries to retry it.
    await as("Mia").job.delete({ courseId, jobId: sampled.id });
    await as("Mia").job.delete({ courseId, jobId: trained.id });
    expect(await db.job.count({ where: { id: { in: [sampled.id, trained.id] } } })).toBe(0);
    await expect(as("Mia").job.retry({ courseId, jobId: sampled.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await graderView()).toEqual(before);
    // The copy opens for the team and the staff only, as handed-in files do.
    const open = (userId: string) => readHandedInFile(db, { courseId, deliverableId: deliverable.id, submissionId: version.id, userId, kind: "SAMPLES" });
    expect(Buffer.from((await open(users.Max.id)).data).equals(before.samples)).toBe(true);
    await expect(open(users.Oli.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The team's own list still shows the version with the run it handed in.
    const mine = await as("Max").submission.mine({ courseId });
    expect(mine.deliverables.find((candidate) => candidate.id === deliverable.id)?.versions[0]).toMatchObject({ handedInRun: { jobId: sampled.id, jobKind: "SAMPLE" } });
  }, 120_000);
});
