/**
 * DDPM ancestral sampling (Ho et al. 2020), a port of diffusers' DDPMScheduler for the variance
 * types fixed_small and fixed_large. Works with any inference timestep table: when steps are
 * skipped, the per-step β is derived from the ᾱ ratio rather than read from betas[t].
 */
import { assertOneOf } from "../errors";
import { BaseScheduler, combineStep, type SchedulerConfig, type StepCoefficients, type StepOptions, type StepOutput } from "./base";

export const VARIANCE_TYPES = ["fixed_small", "fixed_large"] as const;
/** fixed_small: the posterior variance β̃_t (best for x₀ ≈ a point); fixed_large: β_t (Ho et al.'s upper bound). */
export type VarianceType = (typeof VARIANCE_TYPES)[number];

export interface DDPMSchedulerConfig extends SchedulerConfig {
  varianceType?: VarianceType;
}

/** diffusers clamps β̃ so a zero variance never reaches a square root or a log. */
const MIN_POSTERIOR_VARIANCE = 1e-20;

export class DDPMScheduler extends BaseScheduler {
  readonly varianceType: VarianceType;

  constructor(config: DDPMSchedulerConfig = {}) {
    super(config);
    this.varianceType = assertOneOf("varianceType", config.varianceType ?? "fixed_small", VARIANCE_TYPES);
  }

  /**
   * One reverse step x_t → x_{t'} where t' = prev_t is the next timestep in the table (−1 after the last):
   *
   *   ᾱ' = ᾱ_{t'} (1 when t' < 0),  α = ᾱ_t/ᾱ',  β = 1 − α
   *   x̂₀ from the model output (clamped to ±clipSampleRange when clipSample)
   *   μ = (√ᾱ'·β/(1−ᾱ_t))·x̂₀ + (√α·(1−ᾱ')/(1−ᾱ_t))·x_t
   *   x_{t'} = μ + σ·z for t > 0 (x_{t'} = μ at t = 0), with
   *   σ² = max((1−ᾱ')/(1−ᾱ_t)·β, 1e-20) for fixed_small, σ² = β for fixed_large.
   */
  stepCoefficients(t: number): StepCoefficients {
    const { alphaBar, alphaBarPrev } = this.alphaBars(t);
    // With skipped steps the per-step β comes from the ᾱ ratio, not betas[t].
    const currentAlpha = alphaBar / alphaBarPrev;
    const currentBeta = 1 - currentAlpha;
    const variance =
      this.varianceType === "fixed_large"
        ? currentBeta
        : Math.max(((1 - alphaBarPrev) / (1 - alphaBar)) * currentBeta, MIN_POSTERIOR_VARIANCE);
    return {
      alphaBar,
      original: (Math.sqrt(alphaBarPrev) * currentBeta) / (1 - alphaBar),
      epsilon: 0,
      sample: (Math.sqrt(currentAlpha) * (1 - alphaBarPrev)) / (1 - alphaBar),
      noiseScale: t > 0 ? Math.sqrt(variance) : 0,
      addsNoise: t > 0,
    };
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array, options?: StepOptions): StepOutput {
    const step = this.beginStep(modelOutput, t, sample);
    const { predOriginalSample } = this.predictOriginalAndEpsilon(step.alphaBar, modelOutput, sample);
    const noise = step.addsNoise ? this.varianceNoise(sample.length, options, `DDPM step at t=${t} > 0`) : undefined;
    const prevSample = combineStep(step.original, predOriginalSample, step.sample, sample, step.noiseScale, noise);
    return { prevSample, predOriginalSample };
  }
}
