/**
 * The sampling-step graph: the denoiser and one scheduler update in a single ONNX model, so that on a
 * GPU provider x_t never leaves the device between steps (only t, the step's coefficients and, for a
 * stochastic step, z are uploaded). With m = f(x_t, t) and the coefficients c of the step
 * (ddpm/schedulers/base.ts StepCoefficients, ddpm/forward.ts modelOutputCoefficients):
 *
 *   x̂₀     = clamp(c₀·x_t + c₁·m, c₈, c₉)      (c₈ = −∞, c₉ = +∞ when clipping is off)
 *   ε̂      = c₂·x_t + c₃·m
 *   x_prev = c₄·x̂₀ + c₅·ε̂ + c₆·x_t + c₇·z
 *
 * which is DDPM's posterior-mean step (c₅ = 0) and DDIM's (c₆ = 0) for every prediction type.
 */
import type { DenoiserModel } from "../../models/model";
import type { ExecutionProviderName, NamedTensors } from "../training-engine";
import { addDenoiserForward } from "./denoiser-graph";
import { GraphBuilder, maxTensorsPerNodeFor } from "./graph-builder";

export const SAMPLER_INPUTS = { sample: "sample", timestep: "timestep", coefficients: "step_coefficients", noise: "noise" } as const;
export const SAMPLER_OUTPUT = "prev_sample";
/** The order of the values in the `step_coefficients` input. */
export const STEP_COEFFICIENT_NAMES = [
  "originalFromSample",
  "originalFromModelOutput",
  "epsilonFromSample",
  "epsilonFromModelOutput",
  "original",
  "epsilon",
  "sample",
  "noiseScale",
  "clipMin",
  "clipMax",
] as const;

/** `provider`: the execution provider the graph is for (its node-width limit). */
export function buildSamplerGraph(model: DenoiserModel, weights: NamedTensors, provider: ExecutionProviderName = "cpu"): Uint8Array {
  const b = new GraphBuilder(`${model.kind}_sampler_step`, maxTensorsPerNodeFor(provider));
  const sampleDims = ["batch", ...model.sampleShape];
  const x = b.input(SAMPLER_INPUTS.sample, "float", sampleDims);
  const timestep = b.input(SAMPLER_INPUTS.timestep, "float", ["batch"]);
  const coefficients = b.input(SAMPLER_INPUTS.coefficients, "float", [STEP_COEFFICIENT_NAMES.length]);
  const noise = b.input(SAMPLER_INPUTS.noise, "float", sampleDims);
  const m = addDenoiserForward(b, model, weights, x, timestep);
  const prevSample = b.inScope("scheduler_step", () => {
    // Each coefficient as a [1] tensor, which broadcasts over the batch.
    const c = b.split(coefficients, STEP_COEFFICIENT_NAMES.map(() => 1));
    const combine = (...terms: [string, string][]) => terms.map(([k, v]) => b.mul(k, v)).reduce((sum, term) => b.add(sum, term));
    const original = b.op("Min", [b.op("Max", [combine([c[0], x], [c[1], m]), c[8]]), c[9]]);
    const epsilon = combine([c[2], x], [c[3], m]);
    return combine([c[4], original], [c[5], epsilon], [c[6], x], [c[7], noise]);
  });
  b.output(prevSample, SAMPLER_OUTPUT, "float", sampleDims);
  return b.serialize(`${model.kind} sampling step: prev_sample = scheduler update of (sample = x_t, model_output = f(x_t, timestep))`);
}
