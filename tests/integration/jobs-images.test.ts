/**
 * Image jobs through tRPC and the real worker loop: a tiny Fashion-MNIST UNet trains, ends with its
 * ONNX model, an image grid and a denoising progression (no 2D metrics), samples again as a SAMPLE
 * job, and configs that mix up the MLP's and the UNet's fields are refused naming the field.
 */
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { TrainConfigInput } from "~/gpu-worker/contracts/jobs";
import type { ArtifactKind } from "~/prisma/generated/client/enums";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { isFinished, startTestWorker, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
await startTestWorker(url, "image-jobs-worker");
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Ada: "STUDENT" });
const courseId = course.id;
const as = (name: keyof typeof users) => callerFor(db, users[name]);
const artifactData = async (jobId: string, kind: ArtifactKind) => Buffer.from((await db.artifact.findFirstOrThrow({ where: { jobId, kind } })).data);

const TINY_UNET = {
  dataset: "fashion_mnist",
  model: { baseChannels: 8 },
  batchSize: 8,
  steps: 3,
  timesteps: 100,
  evaluation: { count: 16, steps: 10 },
} satisfies TrainConfigInput;

/** 16 images in rows of 8, each 28×28 upscaled ×3 with a 2-pixel gutter: 8·(84 + 2) + 2 by 2·(84 + 2) + 2. */
const GRID_SIZE = { width: 690, height: 174 };

/** A PNG's size and whether its pixels vary (a blank or constant image does not). */
async function describePng(png: Buffer) {
  const { format, width, height } = await sharp(png).metadata();
  const { channels } = await sharp(png).stats();
  return { format, width, height, varies: channels.some((channel) => channel.stdev > 1) };
}

describe("an image training run", { timeout: 180_000 }, () => {
  it("trains the UNet and stores its ONNX model, image grid and denoising progression", async () => {
    const { id } = await as("Ada").job.createTraining({ courseId, config: TINY_UNET });
    expect(await waitForJob(db, id, isFinished, 150_000)).toMatchObject({ status: "SUCCEEDED", error: null });

    const job = await as("Ada").job.get({ courseId, jobId: id });
    expect(job).toMatchObject({ progress: 1, engine: "onnx", metrics: null });
    expect(job.progressDetail).toMatchObject({ step: 3, steps: 3 });
    expect(job.artifacts.map((artifact) => `${artifact.kind} ${artifact.contentType}`).sort()).toEqual(
      [
        "LOSS_HISTORY application/json",
        "MODEL_CONFIG application/json",
        "MODEL_WEIGHTS application/octet-stream",
        "ONNX_MODEL application/onnx",
        "SAMPLE_GRID image/png",
        "TRAJECTORY image/png",
      ].sort(),
    );
    expect(await describePng(await artifactData(id, "SAMPLE_GRID"))).toEqual({ format: "png", ...GRID_SIZE, varies: true });
    // 4 samples (rows) at 10 steps of the sampler (columns).
    expect(await describePng(await artifactData(id, "TRAJECTORY"))).toEqual({ format: "png", width: 2 + 10 * 86, height: 2 + 4 * 86, varies: true });

    // The exported denoiser takes a batch of 1×28×28 images.
    const session = await ort.InferenceSession.create(await artifactData(id, "ONNX_MODEL"));
    try {
      expect(session.inputNames.length).toBeGreaterThanOrEqual(2);
      expect(session.outputNames.length).toBe(1);
    } finally {
      await session.release();
    }

    const sample = await as("Ada").job.createSample({ courseId, sourceJobId: id, config: { count: 16, steps: 5, sampler: "ddpm" } });
    expect(await waitForJob(db, sample.id, isFinished, 60_000)).toMatchObject({ status: "SUCCEEDED", metrics: null });
    const sampled = await as("Ada").job.get({ courseId, jobId: sample.id });
    expect(sampled.artifacts.map((artifact) => artifact.kind)).toEqual(["SAMPLE_GRID", "TRAJECTORY"]);
    expect(await describePng(await artifactData(sample.id, "SAMPLE_GRID"))).toEqual({ format: "png", ...GRID_SIZE, varies: true });
  });
});

describe("image config validation", () => {
  const refusal = (config: TrainConfigInput) => as("Ada").job.createTraining({ courseId, config }).catch((error: unknown) => error);

  it("refuses the other model kind's fields, naming them", async () => {
    expect(await refusal({ ...TINY_UNET, model: { hidden: 64 } })).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("model.hidden sizes the MLP of the 2D data sets; fashion_mnist trains a UNet"),
    });
    expect(await refusal({ dataset: "moons", model: { baseChannels: 16 } })).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("model.baseChannels is the UNet width for image data sets"),
    });
    expect(await refusal({ ...TINY_UNET, model: { baseChannels: 12 } })).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Must be a multiple of 8"),
    });
  });

  it("checks the UNet width against the course's limit", async () => {
    await as("Prof").job.updateLimits({ courseId, limits: { maxUnetWidth: 16 } });
    expect(await refusal({ ...TINY_UNET, model: { baseChannels: 32 } })).toMatchObject({
      code: "BAD_REQUEST",
      message: "model.baseChannels is 32, above this course's limit of 16.",
    });
  });
});
