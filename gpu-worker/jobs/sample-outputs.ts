/**
 * Samples a trained model and turns the points into what a job keeps: metrics against a fresh draw of
 * the data set (Chamfer as the assignment defines it, MMD), the scatter plot and the points themselves.
 * Shared by the end of a training run, SAMPLE jobs and (metrics only) EVALUATE jobs.
 */
import type { SampleConfig, SampleMetrics } from "../contracts/jobs";
import { Rng } from "../ddpm/random";
import { denormalizeToy2d, normalizeToy2d, sampleToy2d } from "../data/toy2d";
import { chamferDistance } from "../metrics/chamfer";
import { maximumMeanDiscrepancy } from "../metrics/mmd";
import type { EngineInfo, ExecutionProviderName } from "../engine/training-engine";
import { toy2dTrainingData } from "../train/evaluate";
import type { SavedModel } from "../train/model-dir";
import { sampleModel } from "../train/sample";
import type { NewArtifact } from "./job-store";
import { renderScatterPlotPng } from "./scatter-plot";

/** The reference draw's seed: fixed, and unlike any training seed, so runs compare on the same points. */
const REFERENCE_SEED = 0x5eed_cafe;

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
 * Samples the model and measures the points against a fresh draw of its data set (as many points);
 * what EVALUATE jobs keep, and the first half of every SAMPLE job and training run's end.
 */
export async function sampleMetrics(saved: SavedModel, config: SampleConfig, provider: ExecutionProviderName): Promise<SampleMetricsResult> {
  const { training } = saved.config;
  const { dataset, normalization } = toy2dTrainingData(saved.config);
  // DDPM and DDIM both need at most one inference step per training timestep.
  const steps = Math.min(config.steps, training.schedule.numTrainTimesteps);
  const generated = await sampleModel(saved, { n: config.count, sampler: config.sampler, steps, eta: config.eta, seed: config.seed, provider });
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
  const { metrics, engine, generated, reference } = await sampleMetrics(saved, config, provider);
  const { dataset } = saved.config.training;
  const title = `${dataset}: ${config.count} samples, ${config.sampler} ${metrics.samplerSteps} steps, Chamfer ${metrics.chamfer.value.toFixed(1)}`;
  const png = await renderScatterPlotPng({ generated, reference, title });
  const pointsJson = JSON.stringify({ space: "raw", dim: 2, points: Array.from(generated) });
  return {
    metrics,
    engine,
    artifacts: [
      { kind: "SAMPLE_GRID", name: "samples.png", contentType: "image/png", data: png, step },
      { kind: "SAMPLES", name: "samples.json", contentType: "application/json", data: new TextEncoder().encode(pointsJson), step },
    ],
  };
}
