/**
 * The inference timestep tables of diffusers' set_timesteps(N) for a model trained on T timesteps,
 * in descending order. All three spacings reproduce numpy's arithmetic, including its
 * round-half-to-even, so the tables match diffusers element for element.
 */
import { assertIntegerInRange, assertOneOf, DdpmConfigError } from "../errors";

export const TIMESTEP_SPACINGS = ["leading", "trailing", "linspace"] as const;
export type TimestepSpacing = (typeof TIMESTEP_SPACINGS)[number];

export interface InferenceTimestepsOptions {
  numTrainTimesteps: number;
  numInferenceSteps: number;
  spacing: TimestepSpacing;
  /** Added to every "leading" timestep (diffusers' steps_offset; Stable Diffusion uses 1). Other spacings ignore it, as diffusers does. */
  stepsOffset?: number;
}

/** numpy.round: halves go to the nearest even integer (166.5 → 166, 499.5 → 500). */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

function leadingTimesteps(T: number, N: number, stepsOffset: number): Int32Array {
  // arange(N) · (T // N), reversed, + steps_offset. When N does not divide T the table starts below
  // T − 1 (T=1000, N=7 starts at 852), which is what diffusers does too.
  const stride = Math.floor(T / N);
  const largest = (N - 1) * stride + stepsOffset;
  if (largest > T - 1) {
    throw new DdpmConfigError(
      "stepsOffset",
      `${stepsOffset} pushes the first leading timestep to ${largest}, past the last training timestep ${T - 1}; ` +
        `use stepsOffset ≤ ${T - 1 - (N - 1) * stride} or fewer inference steps`,
    );
  }
  return Int32Array.from({ length: N }, (_, i) => (N - 1 - i) * stride + stepsOffset);
}

function trailingTimesteps(T: number, N: number): Int32Array {
  // round(arange(T, 0, −T/N)) − 1. numpy's arange fills start + i·δ with δ = (start + step) − start,
  // reproduced here for identical rounding. numpy's length, ceil(T / (T/N)), is N + 1 for some N
  // (T=100, N=29), adding a bogus timestep −1; we stop at N, which is the table diffusers intends.
  const step = -(T / N);
  const delta = T + step - T;
  return Int32Array.from({ length: N }, (_, i) => roundHalfToEven(T + i * delta) - 1);
}

function linspaceTimesteps(T: number, N: number): Int32Array {
  // round(linspace(0, T − 1, N)), reversed. numpy computes i·((T − 1)/(N − 1)) and pins the last value.
  if (N === 1) return Int32Array.of(0);
  const step = (T - 1) / (N - 1);
  return Int32Array.from({ length: N }, (_, i) => (i === 0 ? T - 1 : roundHalfToEven((N - 1 - i) * step)));
}

/** The descending timestep table for N inference steps; throws DdpmConfigError on impossible requests. */
export function inferenceTimesteps(options: InferenceTimestepsOptions): Int32Array {
  const T = assertIntegerInRange("numTrainTimesteps", options.numTrainTimesteps, 1);
  const spacing = assertOneOf("timestepSpacing", options.spacing, TIMESTEP_SPACINGS);
  const stepsOffset = assertIntegerInRange("stepsOffset", options.stepsOffset ?? 0, 0);
  const N = options.numInferenceSteps;
  if (!Number.isInteger(N) || N < 1 || N > T) {
    throw new DdpmConfigError(
      "numInferenceSteps",
      `must be an integer from 1 to numTrainTimesteps (${T}), got ${N}: each inference step needs at least ` +
        `one training timestep (leading spacing strides by T // N, which must be ≥ 1)`,
    );
  }
  switch (spacing) {
    case "leading":
      return leadingTimesteps(T, N, stepsOffset);
    case "trailing":
      return trailingTimesteps(T, N);
    case "linspace":
      return linspaceTimesteps(T, N);
  }
}
