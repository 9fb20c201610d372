/**
 * Prepares training batches in JS, into arrays allocated once and refilled every call (the engines'
 * input tensors wrap them): data rows drawn with replacement, t ~ U{0..T−1}, ε ~ N(0, I), and per-t
 * tables of √ᾱ_t, √(1−ᾱ_t) and the loss weight looked up, not recomputed. One call fills the
 * batches of several consecutive steps, stacked (TrainingEngine.steps takes them in one call).
 *
 * The batch of step k is a pure function of (seed, k): its Rng is seeded from both. So a run resumed
 * from a checkpoint at step k draws exactly the batches the uninterrupted run would have drawn, and a
 * checkpoint needs no generator state beyond the step count.
 */
import { minSnrWeights } from "../ddpm/losses";
import type { PredictionType } from "../ddpm/forward";
import { Rng } from "../ddpm/random";
import type { NoiseSchedule } from "../ddpm/schedules";
import { sliceBatchStack, type TrainBatch, type TrainBatchStack } from "../engine/training-engine";

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
  /** Arrays for the largest stack filled so far. */
  private buffers: TrainBatch | null = null;
  /** The stack of the last fill, views into the buffers (the same objects while the size repeats). */
  private stack: { steps: number; batches: TrainBatchStack } | null = null;
  private readonly count: number;
  private readonly sqrtAlphaBarTable: Float32Array;
  private readonly sqrtOneMinusAlphaBarTable: Float32Array;
  private readonly lossWeightTable: Float32Array;

  constructor(private readonly options: BatchSamplerOptions) {
    const { data, dim, schedule, prediction, minSnrGamma } = options;
    this.count = data.length / dim;
    const T = schedule.config.numTrainTimesteps;
    const alphaBar = schedule.alphasCumprod;
    this.sqrtAlphaBarTable = alphaBar.map(Math.sqrt);
    this.sqrtOneMinusAlphaBarTable = alphaBar.map((a) => Math.sqrt(1 - a));
    const allTimesteps = Int32Array.from({ length: T }, (_, t) => t);
    this.lossWeightTable = minSnrGamma === null ? new Float32Array(T).fill(1) : minSnrWeights(prediction, schedule, allTimesteps, minSnrGamma);
  }

  /**
   * The batches of steps `firstStep` … `firstStep + steps − 1` (0-based), stacked. The arrays are
   * reused: the next fill overwrites them.
   */
  fill(firstStep: number, steps = 1): TrainBatchStack {
    const batches = this.stackOf(steps);
    for (let k = 0; k < steps; k++) this.fillOne(firstStep + k, batches, k);
    return batches;
  }

  private stackOf(steps: number): TrainBatchStack {
    if (this.stack?.steps === steps) return this.stack.batches;
    const { dim, batchSize } = this.options;
    if (!this.buffers || this.buffers.timestep.length < steps * batchSize) {
      const perSample = (values: number) => new Float32Array(steps * batchSize * values);
      this.buffers = {
        x0: perSample(dim),
        noise: perSample(dim),
        sqrtAlphaBar: perSample(1),
        sqrtOneMinusAlphaBar: perSample(1),
        timestep: perSample(1),
        lossWeight: perSample(1),
      };
    }
    const capacity = this.buffers.timestep.length / batchSize;
    this.stack = { steps, batches: sliceBatchStack(this.buffers, capacity, 0, steps) };
    return this.stack.batches;
  }

  /** Fills batch `index` of `batches` with the batch of step `step`. */
  private fillOne(step: number, batches: TrainBatchStack, index: number): void {
    const { data, dim, batchSize, seed } = this.options;
    const T = this.sqrtAlphaBarTable.length;
    const rng = new Rng(stepSeed(seed, step));
    const { x0, noise, sqrtAlphaBar, sqrtOneMinusAlphaBar, timestep, lossWeight } = batches;
    const first = index * batchSize;
    for (let i = first; i < first + batchSize; i++) {
      const row = rng.randint(this.count) * dim;
      for (let j = 0; j < dim; j++) x0[i * dim + j] = data[row + j];
      const t = rng.randint(T);
      timestep[i] = t;
      sqrtAlphaBar[i] = this.sqrtAlphaBarTable[t];
      sqrtOneMinusAlphaBar[i] = this.sqrtOneMinusAlphaBarTable[t];
      lossWeight[i] = this.lossWeightTable[t];
    }
    rng.fillNormal(noise.subarray(first * dim, (first + batchSize) * dim));
  }
}
