/**
 * Samples a trained model and turns the points into what a job keeps: metrics against a fresh draw of
 * the data set (Chamfer as the assignment defines it, MMD), the scatter plot, the points themselves and
 * the first few points' denoising trajectory.
 * Shared by the end of a training run, SAMPLE jobs and (metrics only) EVALUATE jobs.
 */
import type { SampleConfig, SampleMetrics, Trajectory } from "../contracts/jobs";
import { Rng } from "../ddpm/random";
import { denormalizeToy2d, normalizeToy2d, sampleToy2d, type Toy2dStatistics } from "../data/toy2d";
import { chamferDistance } from "../metrics/chamfer";
import { maximumMeanDiscrepancy } from "../metrics/mmd";
import type { EngineInfo, ExecutionProviderName } from "../engine/training-engine";
import { toy2dTrainingData } from "../train/evaluate";
import type { SavedModel } from "../train/model-dir";
import { sampleModel, type SampleStep } from "../train/sample";
import type { NewArtifact } from "./job-store";
import { renderScatterPlotPng } from "./scatter-plot";

/** The reference draw's seed: fixed, and unlike any training seed, so runs compare on the same points. */
const REFERENCE_SEED = 0x5eed_cafe;
/** The trajectory follows this many samples (the first ones) through this many frames of the sampler. */
const TRAJECTORY_POINTS = 64;
const TRAJECTORY_FRAMES = 20;
/** …over at most this many points of the reference draw, shown faintly behind. */
const TRAJECTORY_DATA_POINTS = 512;

export interface SampleOutputs {
  metrics: SampleMetrics;
  artifacts: NewArtifact[];
  engine: EngineInfo;
}

export interface SampleOutputOptions {
  provider: ExecutionProviderName;
  /** The training step the model is from, recorded on the artifacts. */
  step?: number;
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
 * Keeps the first TRAJECTORY_POINTS samples at TRAJECTORY_FRAMES evenly spaced steps, always including
 * the first and the last (so the last frame is those samples as returned).
 */
function trajectoryRecorder(normalization: Toy2dStatistics) {
  const frames: Trajectory["frames"] = [];
  let frameSteps: Set<number> | undefined;
  const onStep = ({ index, count, t, x }: SampleStep) => {
    frameSteps ??= new Set(Array.from({ length: TRAJECTORY_FRAMES }, (_, k) => Math.round((k * (count - 1)) / (TRAJECTORY_FRAMES - 1))));
    if (!frameSteps.has(index)) return;
    frames.push({ t, points: Array.from(denormalizeToy2d(x.subarray(0, 2 * TRAJECTORY_POINTS), normalization)) });
  };
  return { frames, onStep };
}

/**
 * Samples the model and measures the points against a fresh draw of its data set (as many points);
 * what EVALUATE jobs keep, and the first half of every SAMPLE job and training run's end. `onStep` sees
 * every step of the sampler (sampleOutputs records the trajectory with it).
 */
export async function sampleMetrics(
  saved: SavedModel,
  config: SampleConfig,
  provider: ExecutionProviderName,
  onStep?: (step: SampleStep) => void,
): Promise<SampleMetricsResult> {
  const { training } = saved.config;
  const { dataset, normalization } = toy2dTrainingData(saved.config);
  // DDPM and DDIM both need at most one inference step per training timestep.
  const steps = Math.min(config.steps, training.schedule.numTrainTimesteps);
  const generated = await sampleModel(saved, { n: config.count, sampler: config.sampler, steps, eta: config.eta, seed: config.seed, provider, onStep });
  const reference = sampleToy2d(dataset, config.count, new Rng(REFERENCE_SEED));
  const referenceRaw = denormalizeToy2d(reference.points, reference);
  // The reference draw is standardized by its own statistics; metrics use the model's.
  const referenceInModelSpace = normalizeToy2d(referenceRaw, normalization);
  const chamfer = chamferDistance(generated.normalizedPoints, referenceInModelSpace);
  const mmd = maximumMeanDiscrepancy(generated.normalizedPoints, referenceInModelSpace);
  const metrics: SampleMetrics = {
    chamfer,
    mmd: { value: mmd.value, bandwidth: mmd.kernel.bandwidth, generatedCount: mmd.generatedCount, referenceCount: mmd.referenceCount },
    space: "normalized",
    sampler: config.sampler,
    samplerSteps: steps,
  };
  return { metrics, engine: generated.engine, generated: generated.points, reference: referenceRaw };
}

export async function sampleOutputs(saved: SavedModel, config: SampleConfig, { provider, step }: SampleOutputOptions): Promise<SampleOutputs> {
  const recorder = trajectoryRecorder(toy2dTrainingData(saved.config).normalization);
  const { metrics, engine, generated, reference } = await sampleMetrics(saved, config, provider, recorder.onStep);
  const trajectory: Trajectory = { space: "raw", dim: 2, frames: recorder.frames, data: Array.from(reference.subarray(0, 2 * TRAJECTORY_DATA_POINTS)) };
  const { dataset } = saved.config.training;
  const title = `${dataset}: ${config.count} samples, ${config.sampler} ${metrics.samplerSteps} steps, Chamfer ${metrics.chamfer.value.toFixed(1)}`;
  const png = await renderScatterPlotPng({ generated, reference, title });
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  return {
    metrics,
    engine,
    artifacts: [
      { kind: "SAMPLE_GRID", name: "samples.png", contentType: "image/png", data: png, step },
      { kind: "SAMPLES", name: "samples.json", contentType: "application/json", data: json({ space: "raw", dim: 2, points: Array.from(generated) }), step },
      { kind: "TRAJECTORY", name: "trajectory.json", contentType: "application/json", data: json(trajectory), step },
    ],
  };
}
