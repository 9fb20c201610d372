/** Inputs and float64 reference equations shared by the scheduler tests. */
import type { PredictionType } from "../forward";

// Chosen so that x̂₀ leaves [−1, 1] for some elements and clipping matters.
export const sample = Float32Array.of(0.3, -1.2, 2.5, 0.05);
export const modelOutput = Float32Array.of(0.1, -0.7, 1.3, -2.0);
export const noise = Float32Array.of(0.4, -1.1, 0.25, 1.7);

/**
 * x̂₀ and ε̂ of element i from ddpm-numerics.md, in float64: x̂₀ clipped to [−1, 1] when `clip`, and ε̂
 * re-derived from the clipped x̂₀ when `epsilonFromClipped`.
 */
export function referenceOriginalAndEpsilon(
  predictionType: PredictionType,
  alphaBar: number,
  i: number,
  { clip, epsilonFromClipped = false }: { clip: boolean; epsilonFromClipped?: boolean },
): { x0: number; epsilon: number } {
  const [x, out, ab] = [sample[i], modelOutput[i], alphaBar];
  let x0: number;
  let epsilon: number;
  if (predictionType === "epsilon") {
    x0 = (x - Math.sqrt(1 - ab) * out) / Math.sqrt(ab);
    epsilon = out;
  } else if (predictionType === "sample") {
    x0 = out;
    epsilon = (x - Math.sqrt(ab) * x0) / Math.sqrt(1 - ab);
  } else {
    x0 = Math.sqrt(ab) * x - Math.sqrt(1 - ab) * out;
    epsilon = Math.sqrt(ab) * out + Math.sqrt(1 - ab) * x;
  }
  if (clip) x0 = Math.min(1, Math.max(-1, x0));
  if (epsilonFromClipped) epsilon = (x - Math.sqrt(ab) * x0) / Math.sqrt(1 - ab);
  return { x0, epsilon };
}

/**
 * The captured steps of ddpm-numerics.md (printed by ddpm_numerics.py): linear schedule, epsilon,
 * clipSample, 50 leading steps, t = 500 → 480, on the inputs above.
 */
export const CAPTURED_STEP = {
  t: 500,
  inferenceSteps: 50,
  predOriginalSample: [0.73127848, -1, 1, 1],
  ddpmFixedSmall: [0.47869819, -1.5889548, 2.3871686, 0.81899428],
  ddimEtaHalf: [0.40208119, -1.1886749, 1.5667946, -1.1905422],
};
