/**
 * The runs a team may put forward on a sample-set deliverable (submission.mine's runChoices), on a real
 * database: listed by name with data set, steps and the autograded metric's stored value, and flagged
 * where the protocol cannot grade them, as the server refuses them when handed in.
 */
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/db";
import { gradingCourse } from "./submissions-fixture";

const { db } = await createTestDatabase();
const CHAMFER_RULE = { metric: "chamfer" as const, bands: [{ below: 20, fraction: 1 }] };

describe("the sample-set picker", () => {
  it("lists each run by name with its data set, steps, sample count and Chamfer, and says why a run cannot be graded", async () => {
    const { courseId, users, alpha, as, deliverable, sampleRun } = await gradingCourse(db);
    const samples = await deliverable("SAMPLE_SET", { title: "Samples" });
    await as("Prof").grading.saveRubric({ courseId, deliverableId: samples.id, criteria: [{ name: "Quality", maxPoints: 10, autograde: CHAMFER_RULE }] });
    const fits = await sampleRun(alpha.id, users.Mia.id, 12.5);
    await as("Max").job.updateDetails({ courseId, jobId: fits.id, name: "Wide MLP, 2048 samples", tags: [], notes: "" });
    const tooFew = await sampleRun(alpha.id, users.Mia.id, 3.25, { count: 16 });
    const moons = await db.job.create({
      data: {
        courseId, ownerId: users.Mia.id, teamId: alpha.id, kind: "TRAIN", status: "SUCCEEDED", config: { dataset: "moons", steps: 600 },
        artifacts: { create: { kind: "SAMPLE_GRID", name: "samples.png", contentType: "image/png", byteSize: 0, data: Buffer.from("") } },
      },
    });

    const mine = await as("Max").submission.mine({ courseId });
    const choices = mine.deliverables.find((candidate) => candidate.id === samples.id)!.runChoices;
    const byId = new Map(choices.map((choice) => [choice.id, choice]));
    expect(byId.get(fits.id)).toMatchObject({
      name: "Wide MLP, 2048 samples", dataset: "swiss_roll", trainingSteps: 5000, sampleCount: 2048,
      graded: [{ metric: "chamfer", label: "Chamfer distance", value: 12.5 }], unfit: null,
    });
    expect(byId.get(tooFew.id)).toMatchObject({ name: `Sample 16 samples · ddim 50 steps · ${tooFew.id.slice(-6)}`, sampleCount: 16, unfit: "16 samples; graded on 2048" });
    expect(byId.get(moons.id)).toMatchObject({
      name: `Train on moons · 600 steps · ${moons.id.slice(-6)}`, graded: [{ metric: "chamfer", value: null }],
      unfit: "trained on moons; Chamfer distance is graded on swiss_roll",
    });

    // What the picker flags, the server refuses; the run that fits is handed in with its name.
    await expect(as("Max").submission.submit({ courseId, deliverableId: samples.id, content: { type: "run", jobId: tooFew.id } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await as("Max").submission.submit({ courseId, deliverableId: samples.id, content: { type: "run", jobId: fits.id } });
    await as("Max").job.updateDetails({ courseId, jobId: fits.id, name: "Renamed afterwards", tags: [], notes: "" });
    const [version] = (await as("Max").submission.mine({ courseId })).deliverables.find((candidate) => candidate.id === samples.id)!.versions;
    expect(version.handedInRun).toMatchObject({ jobId: fits.id, name: "Wide MLP, 2048 samples" });
  });

  it("flags nothing, and shows no metric, where the deliverable autogrades nothing; other kinds list no runs", async () => {
    const { courseId, users, alpha, as, deliverable, sampleRun } = await gradingCourse(db);
    const samples = await deliverable("SAMPLE_SET", { title: "Samples" });
    const report = await deliverable("REPORT_PDF", { title: "Report" });
    const run = await sampleRun(alpha.id, users.Mia.id, 12.5, { count: 16 });
    const { deliverables } = await as("Mia").submission.mine({ courseId });
    expect(deliverables.find((candidate) => candidate.id === samples.id)!.runChoices).toMatchObject([{ id: run.id, graded: [], unfit: null }]);
    expect(deliverables.find((candidate) => candidate.id === report.id)!.runChoices).toEqual([]);
  });
});
