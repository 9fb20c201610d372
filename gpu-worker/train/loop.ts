/**
 * The training loop shared by the CLI and the job worker: builds the model and engine from a
 * TrainingConfig, loads the data set once (2D toy points or Fashion-MNIST images), runs the steps,
 * reports progress, hands out checkpoints, and stops with a TrainingDivergedError at the first
 * non-finite loss (the engine keeps the last finite state).
 */
import { Rng } from "../ddpm/random";
import { makeNoiseSchedule } from "../ddpm/schedules";
import { loadFashionMnist } from "../data/fashionMnist";
import { isToy2dName, sampleToy2d, standardizePoints, type Toy2dStatistics } from "../data/toy2d";
import { initialTrainingState } from "../engine/parameters";
import { createTrainingEngine, isFiniteStep, type EngineInfo, type TrainingState } from "../engine/training-engine";
import { valuesPerSample, type DenoiserModel } from "../models/model";
import { createModel } from "../models/registry";
import { DiffusionBatchSampler } from "./batch-sampler";
import type { Checkpoint, LossCurve } from "./checkpoint";
import { emaDecayAt, learningRateAt, POINTS_FILE, type TrainingConfig } from "./config";

export interface TrainingProgress {
  /** Steps completed. */
  step: number;
  steps: number;
  /** Mean loss over the steps since the previous report. */
  loss: number;
  gradNorm: number;
  lr: number;
  stepsPerSecond: number;
  etaSeconds: number;
}

export interface TrainOptions {
  /** Report every this many steps (and after the last). Default 100. */
  progressEvery?: number;
  /** Also report when this many seconds have passed since the last report, whatever the step count. */
  progressEverySeconds?: number;
  onProgress?: (progress: TrainingProgress) => void;
  /** Called before each engine call with its first step (1-based), and with null once it returns. */
  onEngineCall?: (step: number | null) => void;
  /** Hand out a checkpoint every this many steps. Default: never. */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: Checkpoint) => void | Promise<void>;
  /** Continue from this checkpoint (written by a run with the same config) instead of step 0. */
  resumeFrom?: Checkpoint;
  /** Stops between two steps; the loop then throws the signal's reason. */
  signal?: AbortSignal;
  /** points_file: the file's points, interleaved [x0, y0, …] in its own coordinates (data/point-file.ts). */
  filePoints?: Float64Array;
  /** Whether a stop for this reason first hands out a checkpoint of the steps since the last one. */
  checkpointOnAbort?: (reason: unknown) => boolean;
  /**
   * Called once with the step time measured on the second call to the engine (the first includes its
   * one-time set-up) and the steps left; throwing refuses the rest of the run (e.g. over budget).
   */
  onWarmup?: (measured: { secondsPerStep: number; stepsLeft: number }) => void | Promise<void>;
}

export interface TrainingResult {
  config: TrainingConfig;
  state: TrainingState;
  /**
   * 2D points: per-axis mean/std of the raw points (a toy draw or the file's), samples are generated
   * in this normalized space.
   * Images: null, they are trained and generated in [−1, 1] as loaded.
   */
  normalization: Toy2dStatistics | null;
  lossCurve: LossCurve;
  engineInfo: EngineInfo;
  wallSeconds: number;
  /** points_file: the file's points it trained on (saved with the model, for its metrics). */
  filePoints?: Float64Array;
}

export class TrainingDivergedError extends Error {
  constructor(
    readonly step: number,
    readonly loss: number,
    readonly gradNorm: number,
  ) {
    super(
      `training diverged at step ${step}: loss ${loss}, gradient norm ${gradNorm}. ` +
        "Lower the learning rate, enable gradient clipping, or check the data for NaN/Inf; " +
        "the model was left at the last finite step.",
    );
    this.name = "TrainingDivergedError";
  }
}

/** The smallest multiple of `every` above `k`. */
const nextMultiple = (k: number, every: number): number => (Math.floor(k / every) + 1) * every;

/**
 * How many steps to hand the engine per call: as many as take about CALL_SECONDS, measured on the
 * calls so far (one step first). Many steps per call is what makes small models fast (the compiled
 * loop keeps the state inside onnxruntime between them); the time bound keeps cancelling and progress
 * reports prompt for large ones (a CPU UNet step takes ~0.5 s: one step per call).
 */
class ChunkSizer {
  static readonly CALL_SECONDS = 0.1;
  static readonly MAX_STEPS = 250;
  private size = 1;

  next(): number {
    return this.size;
  }

  record(steps: number, milliseconds: number): void {
    const perStep = milliseconds / 1000 / steps;
    this.size = Math.max(1, Math.min(ChunkSizer.MAX_STEPS, Math.floor(ChunkSizer.CALL_SECONDS / perStep)));
  }
}

/** Loss values are averaged over this many steps in loss.json. */
const LOSS_CURVE_EVERY = 10;

/**
 * Independent generators for the data set and the initial weights, forked from the seed (batches
 * have their own per-step streams), so changing how one is drawn never changes the other.
 */
function runStreams(seed: number): { data: Rng; init: Rng } {
  const root = new Rng(seed);
  return { data: root.fork(), init: root.fork() };
}

export interface TrainingData {
  /** [count, ...model.sampleShape] flattened, in the space the model is trained in. */
  samples: Float32Array;
  normalization: Toy2dStatistics | null;
}

/** The run's training set: toy points drawn (seeded) or a file's points, standardized; or the first images of a split. */
export async function loadTrainingData(config: TrainingConfig, model: DenoiserModel, filePoints?: Float64Array): Promise<TrainingData> {
  const { dataset, datasetSize } = config;
  if (dataset === POINTS_FILE) {
    if (filePoints?.length !== 2 * (config.dataFile?.count ?? -1)) {
      throw new Error(`a ${POINTS_FILE} run trains on its file's ${config.dataFile?.count} points; pass them as filePoints`);
    }
    const { points, mean, std } = standardizePoints(filePoints);
    return { samples: points, normalization: { mean, std } };
  }
  if (isToy2dName(dataset)) {
    const { points, mean, std } = sampleToy2d(dataset, datasetSize, runStreams(config.seed).data);
    return { samples: points, normalization: { mean, std } };
  }
  const { images, channels, height, width } = await loadFashionMnist({ limit: datasetSize });
  const imageShape = [channels, height, width];
  if (imageShape.join() !== model.sampleShape.join()) {
    throw new Error(`${dataset} images are ${imageShape.join("×")} but the ${model.kind} takes ${model.sampleShape.join("×")}; set model.imageSize/imageChannels to match`);
  }
  return { samples: images, normalization: null };
}

export async function train(config: TrainingConfig, options: TrainOptions = {}): Promise<TrainingResult> {
  const { resumeFrom, progressEvery = 100, progressEverySeconds = Infinity, checkpointEvery, onProgress, onCheckpoint, signal, checkpointOnAbort, onWarmup, filePoints, onEngineCall } = options;
  if (resumeFrom && JSON.stringify(resumeFrom.config) !== JSON.stringify(config)) {
    throw new Error("the checkpoint was written by a run with another config; resume with checkpoint.config");
  }
  const model = createModel(config.model);
  const data = await loadTrainingData(config, model, filePoints);
  const sampler = new DiffusionBatchSampler({
    data: data.samples,
    dim: valuesPerSample(model),
    batchSize: config.batchSize,
    schedule: makeNoiseSchedule(config.schedule),
    prediction: config.prediction,
    minSnrGamma: config.minSnrGamma,
    seed: config.seed,
  });
  const initialState = resumeFrom?.state ?? initialTrainingState(model, runStreams(config.seed).init);
  const engine = await createTrainingEngine(config.engine, {
    model,
    prediction: config.prediction,
    optimizer: config.optimizer,
    initialState,
    provider: config.provider,
    threads: config.threads,
  });
  const lossCurve: LossCurve = resumeFrom ? structuredClone(resumeFrom.lossCurve) : { every: LOSS_CURVE_EVERY, values: [] };
  const started = performance.now();
  const firstStep = initialState.step;
  const chunks = new ChunkSizer();
  let curveSum = 0;
  let reportSum = 0;
  let reportCount = 0;
  let reportedAt = started;
  let checkpointedAt = firstStep;
  let engineCalls = 0;
  const checkpoint = async () => {
    await onCheckpoint!({ config, state: await engine.exportState(), lossCurve: structuredClone(lossCurve) });
  };
  try {
    for (let k = firstStep; k < config.steps; ) {
      if (signal?.aborted) {
        if (onCheckpoint && k > checkpointedAt && checkpointOnAbort?.(signal.reason)) await checkpoint();
        signal.throwIfAborted();
      }
      // A chunk ends at the next progress report or checkpoint, so those see the state of their step.
      const boundaries = [config.steps, nextMultiple(k, progressEvery), checkpointEvery && onCheckpoint ? nextMultiple(k, checkpointEvery) : Infinity];
      const count = Math.min(k + chunks.next(), ...boundaries) - k;
      const hyper = Array.from({ length: count }, (_, i) => ({ lr: learningRateAt(config, k + i), emaDecay: emaDecayAt(config.emaDecay, k + i) }));
      const chunkStarted = performance.now();
      onEngineCall?.(k + 1);
      const results = await engine.steps(sampler.fill(k, count), hyper).finally(() => onEngineCall?.(null));
      const chunkMs = performance.now() - chunkStarted;
      chunks.record(count, chunkMs);
      if (++engineCalls === 2) await onWarmup?.({ secondsPerStep: chunkMs / 1000 / count, stepsLeft: config.steps - k - count });
      for (const [i, result] of results.entries()) {
        const { loss, gradNorm } = result;
        if (!isFiniteStep(result)) throw new TrainingDivergedError(k + i + 1, loss, gradNorm);
        curveSum += loss;
        reportSum += loss;
        reportCount += 1;
        if ((k + i + 1) % LOSS_CURVE_EVERY === 0) {
          lossCurve.values.push(curveSum / LOSS_CURVE_EVERY);
          curveSum = 0;
        }
      }
      k += count;
      const now = performance.now();
      if (onProgress && (k % progressEvery === 0 || k === config.steps || now - reportedAt >= progressEverySeconds * 1000)) {
        reportedAt = now;
        const seconds = (now - started) / 1000;
        const stepsPerSecond = (k - firstStep) / seconds;
        onProgress({
          step: k,
          steps: config.steps,
          loss: reportSum / reportCount,
          gradNorm: results[results.length - 1].gradNorm,
          lr: hyper[hyper.length - 1].lr,
          stepsPerSecond,
          etaSeconds: (config.steps - k) / stepsPerSecond,
        });
        reportSum = 0;
        reportCount = 0;
      }
      if (onCheckpoint && checkpointEvery && k % checkpointEvery === 0) {
        await checkpoint();
        checkpointedAt = k;
      }
    }
    return {
      config,
      state: await engine.exportState(),
      normalization: data.normalization,
      lossCurve,
      engineInfo: engine.info(),
      wallSeconds: (performance.now() - started) / 1000,
      filePoints: config.dataset === POINTS_FILE ? filePoints : undefined,
    };
  } finally {
    await engine.dispose();
  }
}
