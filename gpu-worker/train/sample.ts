/**
 * Sampling from a trained model: x_T ~ N(0, I) in the space the model was trained in, the exported
 * denoiser and the DDPM or DDIM scheduler's update run as one compiled graph per step (x_t → x_{t'},
 * engine/onnx/sampler.ts), and 2D points are mapped back to the data's raw coordinates (images stay in
 * [−1, 1]).
 */
import { Rng } from "../ddpm/random";
import { DDIMScheduler } from "../ddpm/schedulers/ddim";
import { DDPMScheduler } from "../ddpm/schedulers/ddpm";
import type { TimestepSpacing } from "../ddpm/schedulers/timesteps";
import { denormalizeToy2d } from "../data/toy2d";
import { OnnxSampler, type SamplingStep } from "../engine/onnx/sampler";
import { buildSamplerGraph } from "../engine/onnx/sampler-graph";
import type { EngineInfo, ExecutionProviderName } from "../engine/training-engine";
import { valuesPerSample } from "../models/model";
import { createModel } from "../models/registry";
import type { SavedModel } from "./model-dir";

export const SAMPLERS = ["ddpm", "ddim"] as const;
export type SamplerName = (typeof SAMPLERS)[number];

export interface SampleOptions {
  n: number;
  sampler: SamplerName;
  /** Inference steps (DDPM defaults to all T training steps). */
  steps: number;
  /** DDIM's η (0: deterministic). */
  eta?: number;
  spacing?: TimestepSpacing;
  seed: number;
  provider?: ExecutionProviderName;
  /** Called after every scheduler step, for callers that record the denoising trajectory. */
  onStep?: (step: SampleStep) => void;
  /** Called after every scheduler step without the samples (no copy from the device): for progress. */
  onProgress?: (step: SamplingStep) => void;
  /** Checked between steps; aborting stops sampling with the signal's reason. */
  signal?: AbortSignal;
  /** Called before each scheduler step's engine call with its 1-based index, and with null once it returns. */
  onEngineCall?: (step: number | null) => void;
}

export interface SampleStep {
  /** 0-based position of this step among `count`. */
  index: number;
  count: number;
  /** The timestep just denoised; the last step's (0 with the default spacing) yields the samples. */
  t: number;
  /** The samples after this step, in the space the model was trained in; valid only during the call. */
  x: Float32Array;
}

export interface SampleResult {
  /** One sample's shape: [2] for 2D points, [C, H, W] for images. */
  sampleShape: readonly number[];
  /** Generated samples, [n, ...sampleShape] flattened: 2D points in the data's raw coordinates, images in [−1, 1]. */
  points: Float32Array;
  /** The same samples in the space the model was trained in (standardized for 2D points). */
  normalizedPoints: Float32Array;
  engine: EngineInfo;
}

export async function sampleModel(saved: SavedModel, options: SampleOptions): Promise<SampleResult> {
  const { training, normalization } = saved.config;
  const { n, sampler, steps, eta = 0, spacing = "leading", seed, provider = "cpu", onStep, onProgress, signal, onEngineCall } = options;
  const schedulerConfig = {
    ...training.schedule,
    predictionType: training.prediction,
    // Toy data is standardized (not scaled to [−1, 1]), so clamping x̂₀ to [−1, 1] would cut it off;
    // images are in [−1, 1], where the clamp keeps early x̂₀ estimates in range (DDPM's sampler).
    clipSample: normalization === null,
    timestepSpacing: spacing,
  };
  const scheduler = sampler === "ddpm" ? new DDPMScheduler(schedulerConfig) : new DDIMScheduler({ ...schedulerConfig, eta });
  scheduler.setTimesteps(steps);
  const model = createModel(training.model);
  // The compiled step (denoiser + update in one graph) keeps x_t on the device on a GPU provider.
  const compiled = await OnnxSampler.load(buildSamplerGraph(model, saved.weights, provider), model.sampleShape, { provider });
  try {
    const rng = new Rng(seed);
    const initial = rng.fillNormal(new Float32Array(n * valuesPerSample(model)));
    const x = await compiled.run({ scheduler, initial, rng, onStep: onStep && ((step, x) => onStep({ ...step, x })), onProgress, signal, onEngineCall });
    const points = normalization === null ? x : denormalizeToy2d(x, normalization);
    return { sampleShape: model.sampleShape, points, normalizedPoints: x, engine: compiled.info() };
  } finally {
    await compiled.dispose();
  }
}
