/**
 * Training objective pieces: the regression target for each prediction type, min-SNR-γ loss weights
 * (Hang et al. 2023) and a plain weighted-MSE reference that the compiled engines are tested against.
 */
import { assertFiniteNumber, assertIntegerInRange, DdpmConfigError } from "./errors";
import { velocity, type PredictionType } from "./forward";
import type { NoiseSchedule } from "./schedules";

/**
 * What the denoiser should output for x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε:
 * ε (epsilon), x₀ (sample) or v = √ᾱ_t·ε − √(1−ᾱ_t)·x₀ (v_prediction).
 */
export function trainingTarget(
  predictionType: PredictionType,
  schedule: NoiseSchedule,
  x0: Float32Array,
  noise: Float32Array,
  timesteps: ArrayLike<number>,
  featureSize: number,
): Float32Array {
  switch (predictionType) {
    case "epsilon":
      return Float32Array.from(noise);
    case "sample":
      return Float32Array.from(x0);
    case "v_prediction":
      return velocity(schedule, x0, noise, timesteps, featureSize);
  }
}

/** Signal-to-noise ratio SNR(t) = ᾱ_t / (1 − ᾱ_t). */
export function signalToNoiseRatio(schedule: NoiseSchedule, t: number): number {
  assertIntegerInRange("t", t, 0, schedule.config.numTrainTimesteps - 1);
  const alphaBar = schedule.alphasCumprod[t];
  return alphaBar / (1 - alphaBar);
}

/**
 * Min-SNR-γ weight per row, which caps the weight of low-noise timesteps so they stop dominating:
 * min(SNR, γ)/SNR for ε, min(SNR, γ) for x₀, min(SNR, γ)/(SNR + 1) for v. (γ = 5 in the paper.)
 */
export function minSnrWeights(
  predictionType: PredictionType,
  schedule: NoiseSchedule,
  timesteps: ArrayLike<number>,
  gamma: number,
): Float32Array {
  if (assertFiniteNumber("snrGamma", gamma) <= 0) {
    throw new DdpmConfigError("snrGamma", `must be > 0 (the paper uses 5), got ${gamma}`);
  }
  const weights = new Float32Array(timesteps.length);
  for (let row = 0; row < timesteps.length; row++) {
    const snr = signalToNoiseRatio(schedule, timesteps[row]);
    const clipped = Math.min(snr, gamma);
    // min(SNR, γ)/SNR written as a branch so SNR = 0 (ᾱ underflowed) gives its limit 1, not 0/0.
    const epsilonWeight = snr <= gamma ? 1 : gamma / snr;
    weights[row] = predictionType === "epsilon" ? epsilonWeight : predictionType === "sample" ? clipped : clipped / (snr + 1);
  }
  return weights;
}

/**
 * Reference loss: mean over rows of weight_row · mean over features of (prediction − target)²
 * (diffusers' min-SNR reduction; with no weights it is the plain MSE). Accumulates in float64.
 */
export function weightedMse(
  prediction: Float32Array,
  target: Float32Array,
  featureSize: number,
  weights?: ArrayLike<number>,
): number {
  assertIntegerInRange("featureSize", featureSize, 1);
  if (prediction.length !== target.length || prediction.length % featureSize !== 0) {
    throw new DdpmConfigError(
      "target",
      `prediction has ${prediction.length} elements and target ${target.length}; both must be the same multiple of featureSize ${featureSize}`,
    );
  }
  const rows = prediction.length / featureSize;
  if (weights && weights.length !== rows) {
    throw new DdpmConfigError("weights", `has ${weights.length} entries but the batch has ${rows} rows`);
  }
  let total = 0;
  for (let row = 0; row < rows; row++) {
    let squaredError = 0;
    for (let i = row * featureSize; i < (row + 1) * featureSize; i++) {
      const diff = prediction[i] - target[i];
      squaredError += diff * diff;
    }
    total += (weights ? weights[row] : 1) * (squaredError / featureSize);
  }
  return total / rows;
}
