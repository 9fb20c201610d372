/**
 * What DDPMScheduler and DDIMScheduler share, mirroring diffusers' SchedulerMixin: the config fields
 * both take, the noise schedule, the inference timestep table and its "previous timestep" lookup,
 * x̂₀/ε̂ from the model output with optional clipping, and validation of step() inputs.
 */
import { assertFiniteNumber, assertFiniteTensor, assertIntegerInRange, assertOneOf, DdpmConfigError } from "../errors";
import { originalAndEpsilonFromModelOutput, parsePredictionType, type OriginalAndEpsilon, type PredictionType } from "../forward";
import type { Rng } from "../random";
import { makeNoiseSchedule, resolveNoiseScheduleConfig, type NoiseSchedule, type ScheduleName } from "../schedules";
import { inferenceTimesteps, TIMESTEP_SPACINGS, type TimestepSpacing } from "./timesteps";

/** Config fields common to both schedulers; defaults are diffusers'. */
export interface SchedulerConfig {
  /** Beta schedule (diffusers' beta_schedule). Default "linear". */
  schedule?: ScheduleName;
  numTrainTimesteps?: number;
  betaStart?: number;
  betaEnd?: number;
  predictionType?: PredictionType;
  /** Clamp x̂₀ to [−clipSampleRange, clipSampleRange]. Default true (pixel-space models in [−1, 1]). */
  clipSample?: boolean;
  clipSampleRange?: number;
  timestepSpacing?: TimestepSpacing;
  stepsOffset?: number;
}

export interface StepOptions {
  /** z ~ N(0, I) with the sample's length, used where the step adds noise. */
  varianceNoise?: Float32Array;
  /** Draws z when varianceNoise is not given. */
  rng?: Rng;
}

export interface StepOutput {
  /** x_{prev_t} */
  prevSample: Float32Array;
  /** x̂₀ as used for this step (after clipping) */
  predOriginalSample: Float32Array;
}

/**
 * One step's update as numbers: x_prev = original·x̂₀ + epsilon·ε̂ + sample·x_t + noiseScale·z, with
 * z drawn only when addsNoise. step() uses them on the host; the compiled sampling graph
 * (engine/onnx/sampler-graph.ts) applies the same numbers on the device.
 */
export interface StepCoefficients {
  /** ᾱ_t, for x̂₀ and ε̂ from the model output. */
  alphaBar: number;
  original: number;
  epsilon: number;
  sample: number;
  noiseScale: number;
  addsNoise: boolean;
}

/**
 * The update both samplers end with: x_prev = a·x̂₀ + b·w (+ σ·z when noise is given), where w is
 * x_t for DDPM and ε̂ for DDIM.
 */
export function combineStep(
  a: number,
  predOriginalSample: Float32Array,
  b: number,
  w: Float32Array,
  sigma: number,
  noise: Float32Array | undefined,
): Float32Array {
  const prevSample = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const deterministic = a * predOriginalSample[i] + b * w[i];
    prevSample[i] = noise ? deterministic + sigma * noise[i] : deterministic;
  }
  return prevSample;
}

export abstract class BaseScheduler {
  readonly config: Required<SchedulerConfig>;
  readonly schedule: NoiseSchedule;
  private timestepTable: Int32Array = new Int32Array(0);
  /** Where each timestep sits in the table, for the previous-timestep lookup. */
  private indexOfTimestep = new Map<number, number>();

  protected constructor(config: SchedulerConfig) {
    this.config = {
      ...resolveNoiseScheduleConfig({
        schedule: config.schedule ?? "linear",
        numTrainTimesteps: config.numTrainTimesteps ?? 1000,
        betaStart: config.betaStart,
        betaEnd: config.betaEnd,
      }),
      predictionType: parsePredictionType(config.predictionType ?? "epsilon"),
      clipSample: config.clipSample ?? true,
      clipSampleRange: config.clipSampleRange ?? 1,
      timestepSpacing: assertOneOf("timestepSpacing", config.timestepSpacing ?? "leading", TIMESTEP_SPACINGS),
      stepsOffset: assertIntegerInRange("stepsOffset", config.stepsOffset ?? 0, 0),
    };
    if (!(assertFiniteNumber("clipSampleRange", this.config.clipSampleRange) > 0)) {
      throw new DdpmConfigError("clipSampleRange", `must be > 0, got ${this.config.clipSampleRange}`);
    }
    this.schedule = makeNoiseSchedule(this.config);
    const T = this.schedule.config.numTrainTimesteps;
    this.useTimesteps(Int32Array.from({ length: T }, (_, i) => T - 1 - i));
  }

  /** Descending inference timesteps; all training timesteps until setTimesteps() is called. */
  get timesteps(): Int32Array {
    return this.timestepTable;
  }

  get numInferenceSteps(): number {
    return this.timesteps.length;
  }

  /** Chooses the N timesteps sampling will visit, spaced by config.timestepSpacing. */
  setTimesteps(numInferenceSteps: number): Int32Array {
    return this.useTimesteps(
      inferenceTimesteps({
        numTrainTimesteps: this.schedule.config.numTrainTimesteps,
        numInferenceSteps,
        spacing: this.config.timestepSpacing,
        stepsOffset: this.config.stepsOffset,
      }),
    );
  }

  private useTimesteps(timesteps: Int32Array): Int32Array {
    this.timestepTable = timesteps;
    this.indexOfTimestep = new Map(Array.from(timesteps, (t, index) => [t, index]));
    return timesteps;
  }

  /** The timestep after t in the table, or −1 after the last one. */
  previousTimestep(t: number): number {
    const index = this.indexOfTimestep.get(t);
    if (index === undefined) {
      const shown = this.timesteps.length > 12 ? `${this.timesteps.slice(0, 12).join(", ")}, …` : this.timesteps.join(", ");
      throw new DdpmConfigError("t", `${t} is not one of the ${this.timesteps.length} inference timesteps (${shown}); call setTimesteps() and step through scheduler.timesteps`);
    }
    return index + 1 < this.timesteps.length ? this.timesteps[index + 1] : -1;
  }

  /** The update of the step from t (a timestep of the table) to the next one in the table. */
  abstract stepCoefficients(t: number): StepCoefficients;

  /** ᾱ_t and ᾱ_prev for the step from t, where ᾱ_prev = `finalAlphaBar` once prev_t < 0 (past the last timestep). */
  protected alphaBars(t: number, finalAlphaBar = 1): { alphaBar: number; alphaBarPrev: number } {
    const prevT = this.previousTimestep(t);
    return { alphaBar: this.schedule.alphasCumprod[t], alphaBarPrev: prevT >= 0 ? this.schedule.alphasCumprod[prevT] : finalAlphaBar };
  }

  /** Checks step() inputs (lengths, finiteness, t in the table) and returns the step's coefficients. */
  protected beginStep(modelOutput: Float32Array, t: number, sample: Float32Array): StepCoefficients {
    if (modelOutput.length !== sample.length) {
      throw new DdpmConfigError("modelOutput", `has ${modelOutput.length} elements but sample has ${sample.length}; they must match`);
    }
    assertFiniteTensor("modelOutput", modelOutput);
    assertFiniteTensor("sample", sample);
    return this.stepCoefficients(t);
  }

  /** x̂₀ and ε̂ for this step; x̂₀ is clamped when config.clipSample (ε̂ is left as predicted). */
  protected predictOriginalAndEpsilon(alphaBar: number, modelOutput: Float32Array, sample: Float32Array): OriginalAndEpsilon {
    const prediction = originalAndEpsilonFromModelOutput(this.config.predictionType, alphaBar, modelOutput, sample);
    if (this.config.clipSample) {
      const range = this.config.clipSampleRange;
      const x0 = prediction.predOriginalSample;
      for (let i = 0; i < x0.length; i++) x0[i] = Math.min(range, Math.max(-range, x0[i]));
    }
    return prediction;
  }

  /** z for the stochastic part of a step: the given varianceNoise, else drawn from the rng. */
  protected varianceNoise(length: number, options: StepOptions | undefined, why: string): Float32Array {
    if (options?.varianceNoise) {
      if (options.varianceNoise.length !== length) {
        throw new DdpmConfigError("varianceNoise", `has ${options.varianceNoise.length} elements but sample has ${length}`);
      }
      assertFiniteTensor("varianceNoise", options.varianceNoise);
      return options.varianceNoise;
    }
    if (options?.rng) return options.rng.fillNormal(new Float32Array(length));
    throw new DdpmConfigError("varianceNoise", `${why} needs noise: pass varianceNoise or rng in the step options`);
  }
}
