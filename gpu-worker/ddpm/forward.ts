/**
 * The forward (noising) process q(x_t | x₀) in closed form, the v-prediction target, and the
 * conversions between what a denoiser predicts (ε̂, x̂₀ or v̂) and the other two quantities.
 *
 * Batches are flat Float32Arrays of `timesteps.length` rows, each `featureSize` long, and each row
 * uses its own timestep. Coefficients are taken in float64 from the float32 ᾱ table, and the results
 * are stored as float32, so they agree with diffusers' float32 tensors to float32 rounding.
 */
import { assertFiniteTensor, assertIntegerInRange, assertOneOf, DdpmConfigError } from "./errors";
import type { NoiseSchedule } from "./schedules";

export const PREDICTION_TYPES = ["epsilon", "sample", "v_prediction"] as const;
/** What the denoiser outputs: the noise ε, the clean sample x₀, or the velocity v. */
export type PredictionType = (typeof PREDICTION_TYPES)[number];

export function parsePredictionType(value: unknown): PredictionType {
  return assertOneOf("predictionType", value, PREDICTION_TYPES);
}

/** out[i] = a·u[i] + b·w[i] over `length` elements starting at `offset`. */
function linearCombination(
  out: Float32Array,
  a: number,
  u: ArrayLike<number>,
  b: number,
  w: ArrayLike<number>,
  offset = 0,
  length = out.length,
): void {
  for (let i = offset; i < offset + length; i++) out[i] = a * u[i] + b * w[i];
}

/** The weights (a, b) of a per-row linear combination a·u + b·w, as a function of ᾱ_t. */
type CoefficientsOfAlphaBar = (alphaBar: number) => readonly [number, number];

// Each equation used below, written once as its (a, b) pair.
/** x_t = √ᾱ·x₀ + √(1−ᾱ)·ε, as (a on x₀, b on ε) */
const noisedSample: CoefficientsOfAlphaBar = (ab) => [Math.sqrt(ab), Math.sqrt(1 - ab)];
/** v = √ᾱ·ε − √(1−ᾱ)·x₀, as (a on x₀, b on ε) */
const velocityOfNoise: CoefficientsOfAlphaBar = (ab) => [-Math.sqrt(1 - ab), Math.sqrt(ab)];
/** x̂₀ = (x_t − √(1−ᾱ)·ε̂)/√ᾱ, as (a on x_t, b on ε̂) */
const originalFromEpsilon: CoefficientsOfAlphaBar = (ab) => [1 / Math.sqrt(ab), -Math.sqrt(1 - ab) / Math.sqrt(ab)];
/** ε̂ = (x_t − √ᾱ·x̂₀)/√(1−ᾱ), as (a on x_t, b on x̂₀) */
const epsilonFromOriginal: CoefficientsOfAlphaBar = (ab) => [1 / Math.sqrt(1 - ab), -Math.sqrt(ab) / Math.sqrt(1 - ab)];
/** x̂₀ = √ᾱ·x_t − √(1−ᾱ)·v̂, as (a on x_t, b on v̂) */
const originalFromVelocity: CoefficientsOfAlphaBar = (ab) => [Math.sqrt(ab), -Math.sqrt(1 - ab)];
/** ε̂ = √(1−ᾱ)·x_t + √ᾱ·v̂, as (a on x_t, b on v̂) */
const epsilonFromVelocity: CoefficientsOfAlphaBar = (ab) => [Math.sqrt(1 - ab), Math.sqrt(ab)];

/**
 * A batched equation out = a·u + b·w, each row of featureSize elements with (a, b) from its own ᾱ_t.
 * Shapes, timesteps and finiteness are checked first, and errors name the tensor.
 */
export type RowwiseEquation = (
  schedule: NoiseSchedule,
  u: Float32Array,
  w: Float32Array,
  timesteps: ArrayLike<number>,
  featureSize: number,
) => Float32Array;

function rowwise(coefficients: CoefficientsOfAlphaBar, uName: string, wName: string): RowwiseEquation {
  return (schedule, u, w, timesteps, featureSize) => {
    assertIntegerInRange("featureSize", featureSize, 1);
    const rows = timesteps.length;
    for (const [name, tensor] of [[uName, u], [wName, w]] as const) {
      if (tensor.length !== rows * featureSize) {
        throw new DdpmConfigError(name, `has ${tensor.length} elements but ${rows} timesteps × featureSize ${featureSize} = ${rows * featureSize}`);
      }
      assertFiniteTensor(name, tensor);
    }
    const lastTimestep = schedule.config.numTrainTimesteps - 1;
    const out = new Float32Array(rows * featureSize);
    for (let row = 0; row < rows; row++) {
      const t = assertIntegerInRange(`timesteps[${row}]`, timesteps[row], 0, lastTimestep);
      const [a, b] = coefficients(schedule.alphasCumprod[t]);
      linearCombination(out, a, u, b, w, row * featureSize, featureSize);
    }
    return out;
  };
}

/** q(x_t | x₀) sample, (schedule, x0, noise, timesteps, featureSize) → x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε. */
export const addNoise = rowwise(noisedSample, "x0", "noise");

/** v-prediction target (Salimans & Ho 2022), (schedule, x0, noise, timesteps, featureSize) → v = √ᾱ_t·ε − √(1−ᾱ_t)·x₀. */
export const velocity = rowwise(velocityOfNoise, "x0", "noise");

/** (schedule, sample, predictedEpsilon, timesteps, featureSize) → x̂₀ = (x_t − √(1−ᾱ_t)·ε̂)/√ᾱ_t. */
export const originalFromEpsilonPrediction = rowwise(originalFromEpsilon, "sample", "predictedEpsilon");

/** (schedule, sample, predictedOriginal, timesteps, featureSize) → ε̂ = (x_t − √ᾱ_t·x̂₀)/√(1−ᾱ_t). */
export const epsilonFromOriginalPrediction = rowwise(epsilonFromOriginal, "sample", "predictedOriginal");

/** (schedule, sample, predictedVelocity, timesteps, featureSize) → x̂₀ = √ᾱ_t·x_t − √(1−ᾱ_t)·v̂. */
export const originalFromVelocityPrediction = rowwise(originalFromVelocity, "sample", "predictedVelocity");

/** (schedule, sample, predictedVelocity, timesteps, featureSize) → ε̂ = √(1−ᾱ_t)·x_t + √ᾱ_t·v̂. */
export const epsilonFromVelocityPrediction = rowwise(epsilonFromVelocity, "sample", "predictedVelocity");

export interface OriginalAndEpsilon {
  predOriginalSample: Float32Array;
  predEpsilon: Float32Array;
}

/** a·u + b·w for one pair (a, b), into a new array. */
function combine([a, b]: readonly [number, number], u: Float32Array, w: Float32Array): Float32Array {
  const out = new Float32Array(u.length);
  linearCombination(out, a, u, b, w);
  return out;
}

/**
 * Both x̂₀ and ε̂ from a model output at a single ᾱ_t (every element shares the timestep), as the
 * schedulers need them; which of the equations above apply depends on what the model predicts
 * (modelOutputCoefficients). The caller has already checked lengths and finiteness.
 */
export function originalAndEpsilonFromModelOutput(
  predictionType: PredictionType,
  alphaBar: number,
  modelOutput: Float32Array,
  sample: Float32Array,
): OriginalAndEpsilon {
  const { original, epsilon } = modelOutputCoefficients(predictionType, alphaBar);
  return { predOriginalSample: combine(original, sample, modelOutput), predEpsilon: combine(epsilon, sample, modelOutput) };
}

/** x̂₀ and ε̂ as linear functions of x_t and the model output m at one ᾱ: each (a on x_t, b on m). */
export interface ModelOutputCoefficients {
  original: readonly [number, number];
  epsilon: readonly [number, number];
}

/**
 * x̂₀ = a·x_t + b·m and ε̂ = a'·x_t + b'·m at one ᾱ: applied on the host by
 * originalAndEpsilonFromModelOutput and on the device by the compiled sampling graph
 * (engine/onnx/sampler-graph.ts).
 */
export function modelOutputCoefficients(predictionType: PredictionType, alphaBar: number): ModelOutputCoefficients {
  const identity = [0, 1] as const;
  switch (predictionType) {
    case "epsilon":
      return { original: originalFromEpsilon(alphaBar), epsilon: identity };
    case "sample":
      return { original: identity, epsilon: epsilonFromOriginal(alphaBar) };
    case "v_prediction":
      return { original: originalFromVelocity(alphaBar), epsilon: epsilonFromVelocity(alphaBar) };
  }
}

/** ε̂ = (x_t − √ᾱ·x̂₀)/√(1−ᾱ) at one ᾱ, e.g. to re-derive ε̂ from a clipped x̂₀. */
export function epsilonFromOriginalAt(alphaBar: number, sample: Float32Array, predictedOriginal: Float32Array): Float32Array {
  return combine(epsilonFromOriginal(alphaBar), sample, predictedOriginal);
}
