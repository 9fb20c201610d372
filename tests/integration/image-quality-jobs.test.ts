/**
 * An EVALUATE job on an image model, through the real worker: the quality table lands in the job's
 * metrics, and the training run's page data carries its latest evaluation's table.
 */
import { describe, expect, it } from "vitest";
import { imageQualitySchema } from "~/gpu-worker/contracts/jobs";
import { modelArtifacts } from "~/gpu-worker/jobs/model-artifacts";
import { trainTinyImageModel } from "~/gpu-worker/eval/test-fixtures";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { isFinished, startTestWorker, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
await startTestWorker(url, "image-quality-worker");
const { course, users } = await createCourseWith(db, { Ada: "STUDENT" });

/** A finished image training run: a tiny UNet's artifacts stored as a TRAIN job would store them. */
async function imageTrainingRun(): Promise<string> {
  const { artifacts } = await modelArtifacts(await trainTinyImageModel(5));
  const run = await db.job.create({
    data: { courseId: course.id, ownerId: users.Ada.id, kind: "TRAIN", status: "SUCCEEDED", config: { dataset: "fashion_mnist", steps: 5 }, progress: 1 },
  });
  await db.artifact.createMany({ data: artifacts.map(({ data, ...artifact }) => ({ ...artifact, jobId: run.id, byteSize: data.byteLength, data: new Uint8Array(data) })) });
  return run.id;
}

describe("evaluating an image model", { timeout: 240_000 }, () => {
  it("stores the quality table as the job's metrics and shows it on the training run", async () => {
    const runId = await imageTrainingRun();
    const ada = callerFor(db, users.Ada);
    const { id } = await ada.job.createEvaluation({ courseId: course.id, sourceJobId: runId, config: { count: 64, sampler: "ddpm", steps: 100 } });
    expect(await waitForJob(db, id, isFinished, 200_000)).toMatchObject({ status: "SUCCEEDED" });

    const evaluation = await ada.job.get({ courseId: course.id, jobId: id });
    expect(evaluation.metrics).toBeNull();
    const table = imageQualitySchema.parse(evaluation.quality?.table);
    expect(table.rows.map(({ sampler, steps }) => `${sampler} ${steps}`)).toEqual(["ddim 10", "ddim 25", "ddim 50", "ddim 100", "ddpm 100"]);
    expect(table.rows.every((row) => row.generatedCount === 64 && Number.isFinite(row.frechet))).toBe(true);
    expect(table).toMatchObject({ referenceCount: 2000, bitsPerDim: { imageCount: 200, timestepSamples: 50, numTrainTimesteps: 100 }, modelSteps: 5 });

    const run = await ada.job.get({ courseId: course.id, jobId: runId });
    expect(run.quality).toEqual({ evaluationJobId: id, table });
  });
});
