/**
 * The quality table of a model trained on Fashion-MNIST: for each sampler setting (DDIM at several
 * step counts, and whatever the caller adds, e.g. DDPM with all T steps), the Fréchet distance between
 * the generated images and held-out test images in the project classifier's feature space, with the
 * spread of the classes it predicts; plus the DDPM variational bound in bits/dim on held-out images.
 * A data-vs-data row (training images against the same test images) shows the floor the distance
 * would reach for a perfect model at these sample counts.
 */
import type { ImageQuality, ImageQualityRow } from "../contracts/jobs";
import { FASHION_MNIST_CLASSES, loadFashionMnist, type FashionMnist } from "../data/fashionMnist";
import type { ImageBatch } from "../data/imageBatch";
import { Rng } from "../ddpm/random";
import { makeNoiseSchedule } from "../ddpm/schedules";
import { OnnxDenoiser } from "../engine/onnx/denoiser";
import type { ExecutionProviderName } from "../engine/training-engine";
import { createModel } from "../models/registry";
import type { SavedModel } from "../train/model-dir";
import { sampleModel, type SamplerName } from "../train/sample";
import { originalPredictor, variationalBound } from "../metrics/bits-per-dim";
import { FEATURE_DIM, loadClassifier, type FashionClassifier } from "../metrics/classifier/classifier";
import { frechetDistance } from "../metrics/frechet";

export interface SamplerSetting {
  sampler: SamplerName;
  steps: number;
}

/** DDIM at these step counts makes the table's speed/quality trade-off. */
export const DEFAULT_DDIM_STEPS = [10, 25, 50, 100] as const;

export interface ImageQualityOptions {
  settings: SamplerSetting[];
  /** Generated images per setting. */
  sampleCount: number;
  /** Held-out test images the generated ones are compared with (the first this many). */
  referenceCount: number;
  /** Held-out test images the bound is computed on (the ones after the reference images). */
  bitsPerDimImages: number;
  /** K, model evaluations per image for the bound's sum over timesteps. */
  bitsPerDimTimesteps: number;
  seed: number;
  provider?: ExecutionProviderName;
  /**
   * Fraction of the table done: after every sampler step of every row and every model evaluation of the
   * bound, so a job reports progress however long one row takes.
   */
  onProgress?: (fraction: number) => void;
  /** Checked between sampler steps and the bound's model evaluations: aborting stops with its reason. */
  signal?: AbortSignal;
  /** Fashion-MNIST's folder (default: $FASHION_MNIST_DIR, then Debian's). */
  dataDir?: string;
  /** Around each sampler step's engine call: its 1-based index, then null (the job's step clock). */
  onEngineCall?: (step: number | null) => void;
}

/** The denoiser's batches for the bound, so activations stay bounded whatever the image count. */
const BOUND_BATCH = 64;

/** The default table: DDIM at DEFAULT_DDIM_STEPS, plus `extra` where it is not one of them. */
export function qualitySettings(numTrainTimesteps: number, extra?: SamplerSetting): SamplerSetting[] {
  const settings: SamplerSetting[] = DEFAULT_DDIM_STEPS.filter((steps) => steps <= numTrainTimesteps).map((steps) => ({ sampler: "ddim", steps }));
  if (extra && !settings.some((s) => s.sampler === extra.sampler && s.steps === extra.steps)) {
    settings.push({ sampler: extra.sampler, steps: Math.min(extra.steps, numTrainTimesteps) });
  }
  return settings;
}

/** Entropy of the predicted classes' distribution in bits: log2(10) ≈ 3.32 when all ten are equally common. */
export function classEntropyBits(classes: Uint8Array): number {
  const counts = new Array<number>(FASHION_MNIST_CLASSES.length).fill(0);
  for (const c of classes) counts[c]++;
  return counts.reduce((sum, count) => (count === 0 ? sum : sum - (count / classes.length) * Math.log2(count / classes.length)), 0);
}

/** The first `count` images from `start`, as a batch. */
function slice(data: FashionMnist, start: number, count: number): ImageBatch {
  const size = data.channels * data.height * data.width;
  if (start + count > data.count) throw new Error(`Fashion-MNIST's ${data.split} split has ${data.count} images; asked for ${start + count}`);
  return { ...data, count, images: data.images.subarray(start * size, (start + count) * size) };
}

/** Generated images as an 8-bit image would store them: clamped to [−1, 1] and rounded to the 256 levels. */
function toPixelLevels(images: Float32Array): Float32Array {
  return images.map((v) => Math.round((Math.min(1, Math.max(-1, v)) + 1) * 127.5) / 127.5 - 1);
}

function row(classifier: FashionClassifier, setting: SamplerSetting, images: ImageBatch, reference: Float32Array, seconds: number): ImageQualityRow {
  const frechet = frechetDistance(classifier.features(images), reference, FEATURE_DIM);
  return { ...setting, frechet: frechet.value, generatedCount: frechet.generatedCount, classEntropyBits: classEntropyBits(classifier.predict(images)), seconds };
}

export async function evaluateImageQuality(saved: SavedModel, options: ImageQualityOptions): Promise<ImageQuality> {
  const { training } = saved.config;
  const { settings, sampleCount, referenceCount, bitsPerDimImages, bitsPerDimTimesteps, seed, provider = "cpu", onProgress, signal, dataDir, onEngineCall } = options;
  if (saved.config.normalization !== null) throw new Error(`the image quality table applies to image models; this one was trained on ${training.dataset}`);
  const classifier = await loadClassifier();
  const [test, train] = await Promise.all([
    loadFashionMnist({ split: "test", dir: dataDir, limit: referenceCount + bitsPerDimImages }),
    loadFashionMnist({ split: "train", dir: dataDir, limit: sampleCount }),
  ]);
  const reference = classifier.features(slice(test, 0, referenceCount));
  const dataBaseline = frechetDistance(classifier.features(train), reference, FEATURE_DIM);

  // Each row is one part of the work and the bound another.
  const parts = settings.length + 1;
  const rows: ImageQualityRow[] = [];
  for (const setting of settings) {
    const started = performance.now();
    const generated = await sampleModel(saved, {
      n: sampleCount,
      ...setting,
      seed,
      provider,
      signal,
      onEngineCall,
      onProgress: ({ index, count }) => onProgress?.((rows.length + (index + 1) / count) / parts),
    });
    const seconds = (performance.now() - started) / 1000;
    const [channels, height, width] = generated.sampleShape;
    rows.push(row(classifier, setting, { images: toPixelLevels(generated.points), count: sampleCount, channels, height, width }, reference, seconds));
  }

  const model = createModel(training.model);
  const denoiser = await OnnxDenoiser.load(saved.denoiser, model.sampleShape, { provider });
  try {
    const schedule = makeNoiseSchedule(training.schedule);
    const perImage = test.channels * test.height * test.width;
    // The bound evaluates the model at min(K, T − 1) timesteps plus the decoder's t = 0.
    const boundEvaluations = Math.min(bitsPerDimTimesteps, schedule.betas.length - 1) + 1;
    let evaluated = 0;
    const predict = originalPredictor(schedule, training.prediction, async (sample, t) => {
      signal?.throwIfAborted();
      onProgress?.((settings.length + evaluated++ / boundEvaluations) / parts);
      const out = new Float32Array(sample.length);
      for (let start = 0; start < sample.length; start += BOUND_BATCH * perImage) {
        out.set(await denoiser.predict(sample.slice(start, start + BOUND_BATCH * perImage), t), start);
      }
      return out;
    });
    const bound = await variationalBound(slice(test, referenceCount, bitsPerDimImages), schedule, predict, { timestepSamples: bitsPerDimTimesteps, rng: new Rng(seed) });
    onProgress?.(1);
    return {
      kind: "image_quality",
      classifier: { testAccuracy: Number(classifier.metadata.testAccuracy), featureDim: FEATURE_DIM },
      referenceCount,
      rows,
      dataBaseline: { frechet: dataBaseline.value, count: dataBaseline.generatedCount },
      bitsPerDim: bound,
      modelSteps: saved.config.steps,
    };
  } finally {
    await denoiser.dispose();
  }
}
