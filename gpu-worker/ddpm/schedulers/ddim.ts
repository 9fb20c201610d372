/**
 * DDIM sampling (Song et al. 2021), a port of diffusers' DDIMScheduler. η = 0 is the deterministic
 * sampler; η = 1 matches DDPM's posterior variance. The previous timestep comes from the timestep
 * table, not diffusers' fixed stride t − T // N, so trailing and linspace spacings with step counts
 * that don't divide T land on the right ᾱ.
 */
import { assertFiniteNumber, DdpmConfigError } from "../errors";
import { epsilonFromOriginalAt } from "../forward";
import { BaseScheduler, combineStep, type SchedulerConfig, type StepCoefficients, type StepOptions, type StepOutput } from "./base";

export interface DDIMSchedulerConfig extends SchedulerConfig {
  /** Noise scale η ∈ [0, 1]: 0 deterministic (DDIM), 1 as stochastic as DDPM. Default 0. */
  eta?: number;
  /** Re-derive ε̂ from the clipped x̂₀ (diffusers' use_clipped_model_output). Default false. */
  useClippedModelOutput?: boolean;
  /** ᾱ after the last step: 1 when true (default), else ᾱ_0 (diffusers' set_alpha_to_one). */
  setAlphaToOne?: boolean;
}

export class DDIMScheduler extends BaseScheduler {
  readonly eta: number;
  readonly useClippedModelOutput: boolean;
  /** ᾱ used for the step past the last timestep (prev_t < 0). */
  readonly finalAlphaBar: number;

  constructor(config: DDIMSchedulerConfig = {}) {
    super(config);
    this.eta = assertFiniteNumber("eta", config.eta ?? 0);
    if (this.eta < 0 || this.eta > 1) {
      throw new DdpmConfigError("eta", `must be in [0, 1] (0 = deterministic DDIM, 1 = DDPM-like), got ${this.eta}`);
    }
    this.useClippedModelOutput = config.useClippedModelOutput ?? false;
    this.finalAlphaBar = (config.setAlphaToOne ?? true) ? 1 : this.schedule.alphasCumprod[0];
  }

  /**
   * One reverse step x_t → x_{t'} where t' = prev_t is the next timestep in the table (−1 after the last):
   *
   *   ᾱ' = ᾱ_{t'} (finalAlphaBar when t' < 0)
   *   x̂₀, ε̂ from the model output; x̂₀ clamped when clipSample, and ε̂ = (x_t − √ᾱ_t·x̂₀)/√(1−ᾱ_t)
   *   re-derived from the clamped x̂₀ only when useClippedModelOutput
   *   σ² = η²·(1−ᾱ')/(1−ᾱ_t)·(1 − ᾱ_t/ᾱ')
   *   x_{t'} = √ᾱ'·x̂₀ + √(1−ᾱ'−σ²)·ε̂ + σ·z   (the σ·z term only when η > 0)
   */
  stepCoefficients(t: number): StepCoefficients {
    const { alphaBar, alphaBarPrev } = this.alphaBars(t, this.finalAlphaBar);
    const variance = ((1 - alphaBarPrev) / (1 - alphaBar)) * (1 - alphaBar / alphaBarPrev);
    const sigma = this.eta * Math.sqrt(variance);
    // 1 − ᾱ' − σ² ≥ 0 for η ≤ 1, but at η = 1 rounding can leave it a hair below 0.
    const directionCoefficient = Math.sqrt(Math.max(1 - alphaBarPrev - sigma * sigma, 0));
    return { alphaBar, original: Math.sqrt(alphaBarPrev), epsilon: directionCoefficient, sample: 0, noiseScale: sigma, addsNoise: this.eta > 0 };
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array, options?: StepOptions): StepOutput {
    const step = this.beginStep(modelOutput, t, sample);
    const prediction = this.predictOriginalAndEpsilon(step.alphaBar, modelOutput, sample);
    const { predOriginalSample } = prediction;
    const predEpsilon = this.useClippedModelOutput ? epsilonFromOriginalAt(step.alphaBar, sample, predOriginalSample) : prediction.predEpsilon;
    const noise = step.addsNoise ? this.varianceNoise(sample.length, options, `DDIM step with eta=${this.eta} > 0`) : undefined;
    const prevSample = combineStep(step.original, predOriginalSample, step.epsilon, predEpsilon, step.noiseScale, noise);
    return { prevSample, predOriginalSample };
  }
}
