/** The training loop end to end: learning, divergence detection, exact resume from a checkpoint, and images. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { Rng } from "../ddpm/random";
import { denormalizeToy2d, normalizeToy2d, sampleToy2d } from "../data/toy2d";
import { chamferDistance } from "../metrics/chamfer";
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from "./checkpoint";
import { resolveTrainingConfig } from "./config";
import { evaluateModel, toy2dTrainingData } from "./evaluate";
import { train, TrainingDivergedError } from "./loop";
import { loadModelDir, MODEL_FILES, saveModelDir } from "./model-dir";
import { sampleModel } from "./sample";

/** Training runs take a few seconds alone, longer on a shared 2-core machine. */
const TRAINING_TIMEOUT_MS = 60_000;

describe("training loop", { timeout: TRAINING_TIMEOUT_MS }, () => {
  it("learns swiss_roll in 1,500 steps: the loss falls and samples land near the data", async () => {
    const config = resolveTrainingConfig({ dataset: "swiss_roll", steps: 1500 });
    const result = await train(config);
    const curve = result.lossCurve.values;
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(curve.slice(-20))).toBeLessThan(0.75 * mean(curve.slice(0, 5)));

    const dir = await mkdtemp(join(tmpdir(), "ddpm-model-"));
    try {
      await saveModelDir(dir, result);
      const saved = await loadModelDir(dir);
      expect(JSON.parse(await readFile(join(dir, MODEL_FILES.loss), "utf8")).values).toHaveLength(150);
      // denoiser.onnx opens on its own.
      expect((await ort.InferenceSession.create(join(dir, MODEL_FILES.denoiser))).inputNames).toEqual(["sample", "timestep"]);
      const evaluation = await evaluateModel(saved, { dataset: "swiss_roll", sampler: "ddim", steps: 50, seed: 1 });
      // Pure noise scores ≈ 280 against the same reference; two draws of the data ≈ 3.
      const reference = sampleToy2d("swiss_roll", 2048, new Rng(0x5eed_cafe));
      const referencePoints = normalizeToy2d(denormalizeToy2d(reference.points, reference), toy2dTrainingData(saved.config).normalization);
      const noise = chamferDistance(new Rng(2).fillNormal(new Float32Array(4096)), referencePoints).value;
      expect(evaluation.generatedCount).toBe(2048);
      expect(evaluation.value).toBeLessThan(noise / 3);

      // onStep sees every step in order, down to t = 0, the last one with the samples as returned.
      const steps: { index: number; t: number; x: Float32Array }[] = [];
      const sampled = await sampleModel(saved, { n: 8, sampler: "ddim", steps: 10, seed: 1, onStep: ({ index, t, x }) => steps.push({ index, t, x: x.slice() }) });
      expect(steps.map((step) => step.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(steps.map((step) => step.t)).toEqual([900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
      expect(steps.at(-1)!.x).toEqual(sampled.normalizedPoints);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("stops with TrainingDivergedError at the first non-finite loss", async () => {
    const config = resolveTrainingConfig({ steps: 300, lr: 1e12, lrWarmupSteps: 0, optimizer: { gradClipNorm: null } });
    await expect(train(config)).rejects.toBeInstanceOf(TrainingDivergedError);
  });

  it("resumed from a checkpoint, ends with exactly the state of an uninterrupted run", async () => {
    const config = resolveTrainingConfig({ steps: 300, minSnrGamma: 5 });
    let saved: Uint8Array | null = null;
    const uninterrupted = await train(config, {
      checkpointEvery: 120,
      onCheckpoint: (checkpoint: Checkpoint) => {
        if (checkpoint.state.step === 120) saved = encodeCheckpoint(checkpoint);
      },
    });
    const checkpoint = decodeCheckpoint(saved!);
    expect(checkpoint.state.step).toBe(120);
    const resumed = await train(checkpoint.config, { resumeFrom: checkpoint });
    expect(resumed.state.step).toBe(300);
    for (const key of ["params", "adamM", "adamV", "ema"] as const) {
      for (const [name, values] of Object.entries(uninterrupted.state[key])) {
        expect(resumed.state[key][name], `${key} ${name}`).toEqual(values);
      }
    }
    expect(resumed.lossCurve).toEqual(uninterrupted.lossCurve);
  });

  it("trains a tiny UNet on Fashion-MNIST into a model dir that samples images", async () => {
    const config = resolveTrainingConfig({ dataset: "fashion_mnist", datasetSize: 64, model: { kind: "unet", baseChannels: 8 }, steps: 3, batchSize: 8 });
    const result = await train(config);
    expect(result.normalization).toBeNull();
    const dir = await mkdtemp(join(tmpdir(), "ddpm-unet-"));
    try {
      await saveModelDir(dir, result);
      expect((await ort.InferenceSession.create(join(dir, MODEL_FILES.denoiser))).inputNames).toEqual(["sample", "timestep"]);
      const saved = await loadModelDir(dir);
      const { sampleShape, points } = await sampleModel(saved, { n: 2, sampler: "ddim", steps: 2, seed: 1 });
      expect(sampleShape).toEqual([1, 28, 28]);
      expect(points).toHaveLength(2 * 28 * 28);
      expect(points.every((value) => Number.isFinite(value))).toBe(true);
      expect(() => toy2dTrainingData(saved.config)).toThrow(/Chamfer distance applies to 2D data only/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
