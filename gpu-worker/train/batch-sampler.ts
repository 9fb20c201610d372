/**
 * Prepares training batches in JS, into arrays allocated once and refilled every step (the engines'
 * input tensors wrap them): data rows drawn with replacement, t ~ U{0..T−1}, ε ~ N(0, I), and per-t
 * tables of √ᾱ_t, √(1−ᾱ_t) and the loss weight looked up, not recomputed.
 *
 * The batch of step k is a pure function of (seed, k): its Rng is seeded from both. So a run resumed
 * from a checkpoint at step k draws exactly the batches the uninterrupted run would have drawn, and a
 * checkpoint needs no generator state beyond the step count.
 */
import { minSnrWeights } from "../ddpm/losses";
import type { PredictionType } from "../ddpm/forward";
import { Rng } from "../ddpm/random";
import type { NoiseSchedule } from "../ddpm/schedules";
import type { TrainBatch } from "../engine/training-engine";

export interface BatchSamplerOptions {
  /** Training set, [count, dim] flattened. */
  data: Float32Array;
  dim: number;
  batchSize: number;
  schedule: NoiseSchedule;
  prediction: PredictionType;
  minSnrGamma: number | null;
  seed: number;
}

/** Golden-ratio increment: consecutive steps map to well-separated 32-bit seeds (bijective in k). */
const STEP_SEED_MULTIPLIER = 0x9e3779b9;

/** A 32-bit seed for step k of run `seed`, distinct for every k < 2³² of the same run. */
export function stepSeed(seed: number, step: number): number {
  return (Math.imul(step, STEP_SEED_MULTIPLIER) ^ Math.imul(seed, 0x85ebca6b)) >>> 0;
}

export class DiffusionBatchSampler {
  readonly batch: TrainBatch;
  private readonly count: number;
  private readonly sqrtAlphaBarTable: Float32Array;
  private readonly sqrtOneMinusAlphaBarTable: Float32Array;
  private readonly lossWeightTable: Float32Array;

  constructor(private readonly options: BatchSamplerOptions) {
    const { data, dim, batchSize, schedule, prediction, minSnrGamma } = options;
    this.count = data.length / dim;
    const T = schedule.config.numTrainTimesteps;
    const alphaBar = schedule.alphasCumprod;
    this.sqrtAlphaBarTable = alphaBar.map(Math.sqrt);
    this.sqrtOneMinusAlphaBarTable = alphaBar.map((a) => Math.sqrt(1 - a));
    const allTimesteps = Int32Array.from({ length: T }, (_, t) => t);
    this.lossWeightTable = minSnrGamma === null ? new Float32Array(T).fill(1) : minSnrWeights(prediction, schedule, allTimesteps, minSnrGamma);
    this.batch = {
      x0: new Float32Array(batchSize * dim),
      noise: new Float32Array(batchSize * dim),
      sqrtAlphaBar: new Float32Array(batchSize),
      sqrtOneMinusAlphaBar: new Float32Array(batchSize),
      timestep: new Float32Array(batchSize),
      lossWeight: new Float32Array(batchSize),
    };
  }

  /** Refills `this.batch` with the batch of step k (0-based) and returns it. */
  fill(step: number): TrainBatch {
    const { data, dim, batchSize, seed } = this.options;
    const T = this.sqrtAlphaBarTable.length;
    const rng = new Rng(stepSeed(seed, step));
    const { x0, noise, sqrtAlphaBar, sqrtOneMinusAlphaBar, timestep, lossWeight } = this.batch;
    for (let i = 0; i < batchSize; i++) {
      const row = rng.randint(this.count) * dim;
      for (let j = 0; j < dim; j++) x0[i * dim + j] = data[row + j];
      const t = rng.randint(T);
      timestep[i] = t;
      sqrtAlphaBar[i] = this.sqrtAlphaBarTable[t];
      sqrtOneMinusAlphaBar[i] = this.sqrtOneMinusAlphaBarTable[t];
      lossWeight[i] = this.lossWeightTable[t];
    }
    rng.fillNormal(noise);
    return this.batch;
  }
}
