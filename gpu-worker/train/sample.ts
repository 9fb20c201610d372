/**
 * Sampling from a trained model: x_T ~ N(0, I) in the normalized data space, the exported denoiser
 * (onnxruntime) gives the model output at each inference timestep, the DDPM or DDIM scheduler steps
 * x_t → x_{t'}, and the result is mapped back to the data's raw coordinates.
 */
import { Rng } from "../ddpm/random";
import { DDIMScheduler } from "../ddpm/schedulers/ddim";
import { DDPMScheduler } from "../ddpm/schedulers/ddpm";
import type { TimestepSpacing } from "../ddpm/schedulers/timesteps";
import { denormalizeToy2d } from "../data/toy2d";
import { OnnxDenoiser } from "../engine/onnx/denoiser";
import type { EngineInfo, ExecutionProviderName } from "../engine/training-engine";
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
}

export interface SampleResult {
  /** Generated points in the data's raw coordinates, [n, dim] flattened. */
  points: Float32Array;
  /** The same points in the normalized space the model was trained in. */
  normalizedPoints: Float32Array;
  engine: EngineInfo;
}

export async function sampleModel(saved: SavedModel, options: SampleOptions): Promise<SampleResult> {
  const { training, normalization } = saved.config;
  const { n, sampler, steps, eta = 0, spacing = "leading", seed, provider = "cpu" } = options;
  const schedulerConfig = {
    ...training.schedule,
    predictionType: training.prediction,
    // The data is standardized (not scaled to [−1, 1]), so clamping x̂₀ to [−1, 1] would cut it off.
    clipSample: false,
    timestepSpacing: spacing,
  };
  const scheduler = sampler === "ddpm" ? new DDPMScheduler(schedulerConfig) : new DDIMScheduler({ ...schedulerConfig, eta });
  scheduler.setTimesteps(steps);
  const dim = training.model.dataDim;
  const denoiser = await OnnxDenoiser.load(saved.denoiser, [dim], { provider });
  try {
    const rng = new Rng(seed);
    let x = rng.fillNormal(new Float32Array(n * dim));
    for (const t of scheduler.timesteps) {
      x = scheduler.step(await denoiser.predict(x, t), t, x, { rng }).prevSample;
    }
    return { points: denormalizeToy2d(x, normalization), normalizedPoints: x, engine: denoiser.info() };
  } finally {
    await denoiser.dispose();
  }
}
