/**
 * The DDPM variational bound on −log p(x₀) (Ho et al. 2020, eq. 5), in bits per dimension, for
 * 8-bit images scaled to [−1, 1]. With the schedule's 0-based index i = t − 1 (Ho's t = 1…T):
 *
 *   L = L_T + Σ_{i=1}^{T−1} L_i + L_0
 *   L_T = KL(q(x_{T−1} | x₀) ‖ N(0, I))                                 (the prior; no model)
 *   L_i = KL(q(x_{i−1} | x_i, x₀) ‖ p_θ(x_{i−1} | x_i)), x_i ~ q(x_i | x₀)
 *       = c_i² ‖x₀ − x̂₀(x_i, i)‖² / (2 β̃_i)                          (both Gaussians have variance β̃_i)
 *   L_0 = −log p_θ(x₀ | x_0-step sample), a Gaussian of mean x̂₀ discretized to the 256 pixel bins
 *
 * where β̃_i = β_i (1 − ᾱ_{i−1}) / (1 − ᾱ_i) is the posterior variance (the sampler's "fixed_small")
 * and c_i = √ᾱ_{i−1} β_i / (1 − ᾱ_i) the posterior mean's coefficient on x₀ (its coefficient on x_i
 * cancels). β̃_0 is 0, so the decoder uses β̃_1 instead, as improved-diffusion's clipped log variance.
 * The sum over i is estimated with K model evaluations per image: the terms fall off roughly as 1/i²
 * for a model with a given error in x̂₀, so the first ⌊K/2⌋ timesteps are summed exactly and the rest
 * by stratified Monte Carlo, the remaining timesteps split into ⌈K/2⌉ equal strata with one uniformly
 * drawn timestep per stratum (shared by the batch) weighted by the stratum's size. Unbiased, and with
 * K = T − 1 the exact sum for the drawn noise.
 */
import type { ImageBatch } from "../data/imageBatch";
import { originalAndEpsilonFromModelOutput, type PredictionType } from "../ddpm/forward";
import type { Rng } from "../ddpm/random";
import type { NoiseSchedule } from "../ddpm/schedules";

/** Half of one pixel bin in [−1, 1] (255 bins of width 2/255 between the 256 levels). */
const HALF_BIN = 1 / 255;
/** improved-diffusion's floor on a bin's probability, so a far-off prediction costs log(1e−12), not ∞. */
const MIN_PROBABILITY = 1e-12;

/** Per-term bound in bits per dimension, averaged over the images. */
export interface VariationalBound {
  bitsPerDim: number;
  priorBitsPerDim: number;
  diffusionBitsPerDim: number;
  decoderBitsPerDim: number;
  imageCount: number;
  /** K, the model evaluations per image the diffusion sum was estimated with; numTrainTimesteps − 1 is exact. */
  timestepSamples: number;
  numTrainTimesteps: number;
}

/** Standard normal CDF through erf (Abramowitz & Stegun 7.1.26, absolute error < 1.5e−7). */
export function standardNormalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return 0.5 * (1 + (x >= 0 ? erf : -erf));
}

/** β̃_i = β_i (1 − ᾱ_{i−1}) / (1 − ᾱ_i), with ᾱ_{−1} = 1. */
export function posteriorVariance(schedule: NoiseSchedule, i: number): number {
  const previous = i === 0 ? 1 : schedule.alphasCumprod[i - 1];
  return (schedule.betas[i] * (1 - previous)) / (1 - schedule.alphasCumprod[i]);
}

/** L_T in nats, summed over every value of x₀. */
export function priorNats(schedule: NoiseSchedule, x0: ArrayLike<number>): number {
  const alphaBar = schedule.alphasCumprod[schedule.alphasCumprod.length - 1];
  const variance = 1 - alphaBar;
  let sum = 0;
  for (let j = 0; j < x0.length; j++) {
    const mean = Math.sqrt(alphaBar) * x0[j];
    sum += 0.5 * (variance + mean * mean - 1 - Math.log(variance));
  }
  return sum;
}

/** L_i for i ≥ 1 in nats, summed over every value, given the model's x̂₀ at x_i. */
export function diffusionTermNats(schedule: NoiseSchedule, i: number, x0: ArrayLike<number>, predictedOriginal: ArrayLike<number>): number {
  if (i < 1) throw new Error(`the diffusion terms run over timesteps 1…T−1, got ${i} (0 is the decoder's)`);
  const coefficient = (Math.sqrt(schedule.alphasCumprod[i - 1]) * schedule.betas[i]) / (1 - schedule.alphasCumprod[i]);
  let squared = 0;
  for (let j = 0; j < x0.length; j++) squared += (x0[j] - predictedOriginal[j]) ** 2;
  return (coefficient * coefficient * squared) / (2 * posteriorVariance(schedule, i));
}

/** −log of the probability N(mean, σ²) gives x's pixel bin (edge bins open to ±∞), in nats, summed. */
export function discretizedGaussianNats(x0: ArrayLike<number>, mean: ArrayLike<number>, std: number): number {
  let sum = 0;
  for (let j = 0; j < x0.length; j++) {
    const upper = x0[j] >= 1 - HALF_BIN ? 1 : standardNormalCdf((x0[j] - mean[j] + HALF_BIN) / std);
    const lower = x0[j] <= -1 + HALF_BIN ? 0 : standardNormalCdf((x0[j] - mean[j] - HALF_BIN) / std);
    sum -= Math.log(Math.max(upper - lower, MIN_PROBABILITY));
  }
  return sum;
}

/** L_0 in nats, summed: the decoder's mean is x̂₀ at timestep 0, its variance β̃_1. */
export function decoderNats(schedule: NoiseSchedule, x0: ArrayLike<number>, predictedOriginal: ArrayLike<number>): number {
  return discretizedGaussianNats(x0, predictedOriginal, Math.sqrt(posteriorVariance(schedule, Math.min(1, schedule.betas.length - 1))));
}

/** The model's x̂₀ for a batch of x_i at timestep i (every row). */
export type OriginalPredictor = (sample: Float32Array, timestep: number) => Promise<Float32Array>;

/** x̂₀ from a denoiser's raw output, whatever it predicts (ε, x₀ or v). */
export function originalPredictor(
  schedule: NoiseSchedule,
  predictionType: PredictionType,
  modelOutput: (sample: Float32Array, timestep: number) => Promise<Float32Array>,
): OriginalPredictor {
  return async (sample, t) =>
    originalAndEpsilonFromModelOutput(predictionType, schedule.alphasCumprod[t], await modelOutput(sample, t), sample).predOriginalSample;
}

/** x_i = √ᾱ_i x₀ + √(1 − ᾱ_i) ε with fresh noise. */
function noised(schedule: NoiseSchedule, i: number, x0: Float32Array, rng: Rng): Float32Array {
  const a = Math.sqrt(schedule.alphasCumprod[i]);
  const b = Math.sqrt(1 - schedule.alphasCumprod[i]);
  return x0.map((value) => a * value + b * rng.normal());
}

export interface VariationalBoundOptions {
  /** K, the model evaluations per image for the diffusion sum (half exact, half stratified). */
  timestepSamples: number;
  rng: Rng;
}

/** The bound on a batch of images in [−1, 1] on the 256 pixel levels. */
export async function variationalBound(
  images: ImageBatch,
  schedule: NoiseSchedule,
  predictOriginal: OriginalPredictor,
  { timestepSamples, rng }: VariationalBoundOptions,
): Promise<VariationalBound> {
  const T = schedule.betas.length;
  const evaluations = Math.min(timestepSamples, T - 1);
  const exactUpTo = Math.floor(evaluations / 2);
  const strata = evaluations - exactUpTo;
  const x0 = images.images;
  const term = async (i: number) => diffusionTermNats(schedule, i, x0, await predictOriginal(noised(schedule, i, x0, rng), i));
  let diffusion = 0;
  for (let i = 1; i <= exactUpTo; i++) diffusion += await term(i);
  // Strata over exactUpTo + 1 … T − 1.
  const remaining = T - 1 - exactUpTo;
  for (let k = 0; k < strata; k++) {
    const start = exactUpTo + 1 + Math.floor((k * remaining) / strata);
    const end = exactUpTo + 1 + Math.floor(((k + 1) * remaining) / strata);
    diffusion += (end - start) * (await term(start + rng.randint(end - start)));
  }
  const decoder = decoderNats(schedule, x0, await predictOriginal(noised(schedule, 0, x0, rng), 0));
  const prior = priorNats(schedule, x0);
  // Nats summed over every value of every image → bits per dimension.
  const toBitsPerDim = (nats: number) => nats / (x0.length * Math.LN2);
  return {
    bitsPerDim: toBitsPerDim(prior + diffusion + decoder),
    priorBitsPerDim: toBitsPerDim(prior),
    diffusionBitsPerDim: toBitsPerDim(diffusion),
    decoderBitsPerDim: toBitsPerDim(decoder),
    imageCount: images.count,
    timestepSamples: evaluations,
    numTrainTimesteps: T,
  };
}
