/**
 * Samples a trained model and turns the samples into what a job keeps. 2D points: metrics against a
 * fresh draw of the data set (Chamfer as the assignment defines it, MMD), the scatter plot, the points
 * themselves and the first few points' denoising trajectory. Images: a grid of samples and a few
 * samples' denoising progression as PNGs, no metrics (an EVALUATE job measures image quality).
 * Shared by the end of a training run, SAMPLE jobs and (2D metrics only) EVALUATE jobs.
 */
import { IMAGE_GRID_SAMPLES, type SampleConfig, type SampleMetrics, type Trajectory } from "../contracts/jobs";
import { denormalizeToy2d, type Toy2dStatistics } from "../data/toy2d";
import { chamferDistance } from "../metrics/chamfer";
import { maximumMeanDiscrepancy } from "../metrics/mmd";
import type { EngineInfo, ExecutionProviderName } from "../engine/training-engine";
import { inMetricSpace, pointReference, referenceInMetricSpace, toy2dTrainingData } from "../train/evaluate";
import type { SavedModel } from "../train/model-dir";
import type { SamplingStep } from "../engine/onnx/sampler";
import { sampleModel, type SampleStep } from "../train/sample";
import { renderImageGridPng } from "./image-grid";
import type { NewArtifact } from "./job-store";
import { renderScatterPlotPng } from "./scatter-plot";

/** The trajectory follows this many samples (the first ones) through this many frames of the sampler. */
const TRAJECTORY_POINTS = 64;
const TRAJECTORY_FRAMES = 20;
/** …over at most this many points of the reference draw, shown faintly behind. */
const TRAJECTORY_DATA_POINTS = 512;
/** An image model's grid of at most IMAGE_GRID_SAMPLES samples, in rows of… */
const GRID_COLUMNS = 8;
/** …and its progression: the first few samples (rows) at evenly spaced sampler steps (columns). */
const PROGRESSION_IMAGES = 4;
const PROGRESSION_FRAMES = 10;

export interface SampleOutputs {
  /** Chamfer and MMD for 2D points; none for images. */
  metrics: SampleMetrics | undefined;
  artifacts: NewArtifact[];
  engine: EngineInfo;
}

/** How sampling runs: where, and what may watch or stop it between steps. */
export interface SamplingControl {
  provider: ExecutionProviderName;
  /** Fraction of the sampler's steps done, after every step. */
  onProgress?: (fraction: number) => void;
  /** Aborting stops sampling between steps with the signal's reason. */
  signal?: AbortSignal;
  /** Around each sampler step's engine call: its 1-based index, then null (the job's step clock). */
  onEngineCall?: (step: number | null) => void;
}

export interface SampleOutputOptions extends SamplingControl {
  /** The training step the model is from, recorded on the artifacts. */
  step?: number;
}

/** sampleModel's options for a SamplingControl. */
function controlOptions({ provider, onProgress, signal, onEngineCall }: SamplingControl) {
  return { provider, signal, onEngineCall, onProgress: onProgress && ((step: SamplingStep) => onProgress((step.index + 1) / step.count)) };
}

export interface SampleMetricsResult {
  metrics: SampleMetrics;
  engine: EngineInfo;
  /** The generated points, in data space. */
  generated: Float32Array;
  /** The reference draw, in data space. */
  reference: Float32Array;
}

/**
 * A sampler callback that keeps `record(step)` at `frameCount` evenly spaced steps, always including
 * the first and the last (so the last frame is the samples as returned).
 */
function frameRecorder<T>(frameCount: number, record: (step: SampleStep) => T) {
  const frames: T[] = [];
  let frameSteps: Set<number> | undefined;
  const onStep = (step: SampleStep) => {
    const { index, count } = step;
    frameSteps ??= new Set(Array.from({ length: frameCount }, (_, k) => Math.round((k * (count - 1)) / Math.max(1, frameCount - 1))));
    if (frameSteps.has(index)) frames.push(record(step));
  };
  return { frames, onStep };
}

/** The first TRAJECTORY_POINTS samples at TRAJECTORY_FRAMES steps, in the data's raw coordinates. */
const trajectoryRecorder = (normalization: Toy2dStatistics) =>
  frameRecorder(TRAJECTORY_FRAMES, ({ t, x }): Trajectory["frames"][number] => ({
    t,
    points: Array.from(denormalizeToy2d(x.subarray(0, 2 * TRAJECTORY_POINTS), normalization)),
  }));

/**
 * Samples the model and measures the points against its data in the data set's metric space
 * (train/evaluate.ts: a fixed draw of a toy data set, or the run's own points file; as many points);
 * what EVALUATE jobs keep, and the first half of every SAMPLE job and training run's end. `onStep` sees
 * every step of the sampler (sampleOutputs records the trajectory with it).
 */
export async function sampleMetrics(
  saved: SavedModel,
  config: SampleConfig,
  control: SamplingControl,
  onStep?: (step: SampleStep) => void,
): Promise<SampleMetricsResult> {
  const { training } = saved.config;
  const reference = pointReference(saved, config.count);
  // DDPM and DDIM both need at most one inference step per training timestep.
  const steps = Math.min(config.steps, training.schedule.numTrainTimesteps);
  const generated = await sampleModel(saved, { n: config.count, sampler: config.sampler, steps, eta: config.eta, seed: config.seed, onStep, ...controlOptions(control) });
  const measured = inMetricSpace(reference.space, generated);
  const referencePoints = referenceInMetricSpace(reference);
  const chamfer = chamferDistance(measured, referencePoints);
  const mmd = maximumMeanDiscrepancy(measured, referencePoints);
  const metrics: SampleMetrics = {
    chamfer,
    mmd: { value: mmd.value, bandwidth: mmd.kernel.bandwidth, generatedCount: mmd.generatedCount, referenceCount: mmd.referenceCount },
    space: reference.space,
    sampler: config.sampler,
    samplerSteps: steps,
  };
  return { metrics, engine: generated.engine, generated: generated.points, reference: reference.raw };
}

export async function sampleOutputs(saved: SavedModel, config: SampleConfig, options: SampleOutputOptions): Promise<SampleOutputs> {
  // Image models are trained on [−1, 1] pixels, with no 2D standardization.
  return saved.config.normalization === null ? imageSampleOutputs(saved, config, options) : pointSampleOutputs(saved, config, options);
}

async function pointSampleOutputs(saved: SavedModel, config: SampleConfig, { step, ...control }: SampleOutputOptions): Promise<SampleOutputs> {
  const recorder = trajectoryRecorder(toy2dTrainingData(saved.config).normalization);
  const { metrics, engine, generated, reference } = await sampleMetrics(saved, config, control, recorder.onStep);
  const trajectory: Trajectory = { space: "raw", dim: 2, frames: recorder.frames, data: Array.from(reference.subarray(0, 2 * TRAJECTORY_DATA_POINTS)) };
  const { dataset } = saved.config.training;
  const title = `${dataset}: ${config.count} samples, ${config.sampler} ${metrics.samplerSteps} steps, Chamfer ${metrics.chamfer.value.toFixed(1)}`;
  const png = await renderScatterPlotPng({ generated, reference, title });
  return {
    metrics,
    engine,
    artifacts: [
      { kind: "SAMPLE_GRID", name: "samples.png", contentType: "image/png", data: png, step },
      { kind: "SAMPLES", name: "samples.json", contentType: "application/json", data: jsonBytes({ space: "raw", dim: 2, points: Array.from(generated) }), step },
      { kind: "TRAJECTORY", name: "trajectory.json", contentType: "application/json", data: jsonBytes(trajectory), step },
    ],
  };
}

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The grid of up to IMAGE_GRID_SAMPLES samples and the first samples' denoising progression, as PNGs. */
async function imageSampleOutputs(saved: SavedModel, config: SampleConfig, { step, ...control }: SampleOutputOptions): Promise<SampleOutputs> {
  const count = Math.min(config.count, IMAGE_GRID_SAMPLES);
  const progressionCount = Math.min(count, PROGRESSION_IMAGES);
  // x is only valid during the callback, so each frame keeps a copy of its first images.
  const recorder = frameRecorder(PROGRESSION_FRAMES, ({ x }) => x.slice(0, (x.length / count) * progressionCount));
  const steps = Math.min(config.steps, saved.config.training.schedule.numTrainTimesteps);
  const generated = await sampleModel(saved, { n: count, sampler: config.sampler, steps, eta: config.eta, seed: config.seed, onStep: recorder.onStep, ...controlOptions(control) });
  const shape = generated.sampleShape;
  const imageValues = shape.reduce((a, b) => a * b, 1);
  // Rows are samples, columns the frames in sampling order (noise on the left, the sample on the right).
  const progression = new Float32Array(progressionCount * recorder.frames.length * imageValues);
  recorder.frames.forEach((frame, f) => {
    for (let n = 0; n < progressionCount; n++) {
      progression.set(frame.subarray(n * imageValues, (n + 1) * imageValues), (n * recorder.frames.length + f) * imageValues);
    }
  });
  const grid = await renderImageGridPng({ images: generated.points, shape, columns: GRID_COLUMNS });
  const denoising = await renderImageGridPng({ images: progression, shape, columns: recorder.frames.length });
  return {
    metrics: undefined,
    engine: generated.engine,
    artifacts: [
      { kind: "SAMPLE_GRID", name: "samples.png", contentType: "image/png", data: grid, step },
      { kind: "TRAJECTORY", name: "denoising.png", contentType: "image/png", data: denoising, step },
    ],
  };
}
