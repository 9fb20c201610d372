/**
 * The ideal denoiser of a finite point set and the DDIM trajectory it produces. For data that is exactly
 * the points x₀⁽¹⁾…x₀⁽ᴺ⁾, the best possible x₀-prediction is the posterior mean
 *
 *   E[x₀ | x_t] = Σᵢ wᵢ x₀⁽ⁱ⁾,  wᵢ ∝ exp(−‖x_t − √ᾱ_t x₀⁽ⁱ⁾‖² / (2(1 − ᾱ_t))),
 *
 * which is what a perfectly trained network would output, so the figure can show sampling without a model.
 */
import { DDIMScheduler } from "~/gpu-worker/ddpm/schedulers/ddim";
import type { ScheduleName } from "~/gpu-worker/ddpm/schedules";

/**
 * E[x₀ | x_t] for every row of `samples` under the empirical distribution of `data` (both flat, rows of
 * `featureSize`). Weights go through a log-sum-exp shift so tiny noise levels do not underflow to 0/0.
 */
export function idealDenoiser(data: Float32Array, samples: Float32Array, alphaBar: number, featureSize: number): Float32Array {
  const dataCount = data.length / featureSize;
  const sampleCount = samples.length / featureSize;
  const signalScale = Math.sqrt(alphaBar);
  const twiceNoiseVariance = 2 * (1 - alphaBar);
  const logWeights = new Float64Array(dataCount);
  const prediction = new Float32Array(samples.length);
  const mean = new Float64Array(featureSize);

  for (let s = 0; s < sampleCount; s++) {
    const sampleOffset = s * featureSize;
    let largestLogWeight = -Infinity;
    for (let i = 0; i < dataCount; i++) {
      let squaredDistance = 0;
      for (let f = 0; f < featureSize; f++) {
        const difference = samples[sampleOffset + f] - signalScale * data[i * featureSize + f];
        squaredDistance += difference * difference;
      }
      logWeights[i] = -squaredDistance / twiceNoiseVariance;
      largestLogWeight = Math.max(largestLogWeight, logWeights[i]);
    }
    mean.fill(0);
    let totalWeight = 0;
    for (let i = 0; i < dataCount; i++) {
      const weight = Math.exp(logWeights[i] - largestLogWeight);
      totalWeight += weight;
      for (let f = 0; f < featureSize; f++) mean[f] += weight * data[i * featureSize + f];
    }
    for (let f = 0; f < featureSize; f++) prediction[sampleOffset + f] = mean[f] / totalWeight;
  }
  return prediction;
}

export interface IdealDdimOptions {
  schedule: ScheduleName;
  numTrainTimesteps: number;
  numInferenceSteps: number;
  /** x_T, rows of featureSize: where sampling starts. */
  startNoise: Float32Array;
  featureSize: number;
}

export interface DdimFrame {
  /** The timestep the sample is at: T − 1 for the starting noise, −1 for the final x₀. */
  t: number;
  /** The whole sample, rows of featureSize. */
  sample: Float32Array;
}

/** The DDIM timestep table the trajectory walks: trailing spacing, so it starts at t = T − 1. */
export function idealDdimScheduler({ schedule, numTrainTimesteps, numInferenceSteps }: Omit<IdealDdimOptions, "startNoise" | "featureSize">): DDIMScheduler {
  const scheduler = new DDIMScheduler({
    schedule,
    numTrainTimesteps,
    predictionType: "sample",
    // The ideal x̂₀ is a mean of data points and never leaves their range; clamping would distort it.
    clipSample: false,
    // Trailing spacing makes the first step start at t = T − 1, where x_T really is pure noise.
    timestepSpacing: "trailing",
  });
  scheduler.setTimesteps(numInferenceSteps);
  return scheduler;
}

/**
 * Deterministic DDIM (η = 0) from `startNoise` to x₀ with the ideal denoiser of `data` as the model,
 * one frame per step (numInferenceSteps + 1 frames, the starting noise first). A generator, so a page
 * can compute it a step at a time without freezing: each step costs samples × data points distances.
 */
export function* idealDdimFrames(data: Float32Array, options: IdealDdimOptions): Generator<DdimFrame> {
  const scheduler = idealDdimScheduler(options);
  let sample = options.startNoise;
  for (const t of scheduler.timesteps) {
    yield { t, sample };
    const predictedOriginal = idealDenoiser(data, sample, scheduler.schedule.alphasCumprod[t], options.featureSize);
    sample = scheduler.step(predictedOriginal, t, sample).prevSample;
  }
  yield { t: -1, sample };
}
