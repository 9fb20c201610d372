/**
 * The contract between the web app and the GPU worker: job configs as the web validates and stores
 * them in Job.config, the course limits kept in Course.settings, and what the worker writes back
 * (progress, metrics). This module and queues.ts are the only code both sides import, so they depend on
 * zod alone; the worker checks at compile time that these lists match its engine (gpu-worker/jobs/).
 */
import { z } from "zod";

export const TOY_DATASETS = ["swiss_roll", "moons", "circles", "checkerboard", "eight_gaussians"] as const;
export const NOISE_SCHEDULES = ["linear", "scaled_linear", "squaredcos_cap_v2", "sigmoid"] as const;
export const PREDICTION_TYPES = ["epsilon", "sample", "v_prediction"] as const;
export const SAMPLERS = ["ddpm", "ddim"] as const;

const seed = z.int().min(0).max(2 ** 32 - 1);

/** Generating points from a trained model: a SAMPLE job, an EVALUATE job (metrics only), and the samples a training run ends with. */
export const sampleConfigSchema = z.object({
  sampler: z.enum(SAMPLERS).default("ddim"),
  /** Inference steps; at most the model's training timesteps (checked against the model by the worker). */
  steps: z.int().min(1).max(4000).default(50),
  /** DDIM's η (0: deterministic); ignored by DDPM. */
  eta: z.number().min(0).max(1).default(0),
  /** Points generated; the metrics compare this many against as many fresh data points. */
  count: z.int().min(16).max(100_000).default(2048),
  seed: seed.default(0),
});
export type SampleConfig = z.infer<typeof sampleConfigSchema>;

export const trainConfigSchema = z.object({
  dataset: z.enum(TOY_DATASETS).default("swiss_roll"),
  model: z
    .object({
      hidden: z.int().min(8).max(4096).default(128),
      depth: z.int().min(1).max(16).default(3),
    })
    .prefault({}),
  schedule: z.enum(NOISE_SCHEDULES).default("linear"),
  timesteps: z.int().min(10).max(4000).default(1000),
  prediction: z.enum(PREDICTION_TYPES).default("epsilon"),
  steps: z.int().min(1).max(1_000_000).default(5000),
  batchSize: z.int().min(1).max(65_536).default(128),
  learningRate: z.number().positive().max(1).default(3e-3),
  seed: seed.default(0),
  /** A job that loses its worker resumes from its last checkpoint, so this bounds the steps lost. */
  checkpointEvery: z.int().min(10).default(1000),
  /** How the finished run is sampled for its scatter plot and metrics. */
  evaluation: sampleConfigSchema.prefault({}),
});
export type TrainConfig = z.infer<typeof trainConfigSchema>;
export type TrainConfigInput = z.input<typeof trainConfigSchema>;

/** Per-course limits on jobs, stored under `jobs` in Course.settings; a missing key takes its default. */
export const courseJobLimitsSchema = z.object({
  maxTrainSteps: z.int().positive().default(20_000),
  maxBatchSize: z.int().positive().default(1024),
  maxHiddenWidth: z.int().positive().default(512),
  maxDepth: z.int().positive().default(6),
  maxSampleCount: z.int().positive().default(10_000),
  maxConcurrentJobsPerUser: z.int().positive().default(2),
  maxConcurrentJobsPerTeam: z.int().positive().default(3),
  /** Worker time (start to finish) a user's jobs may use in any 24 hours. */
  gpuMinutesPerUserPerDay: z.number().positive().default(120),
});
export type CourseJobLimits = z.infer<typeof courseJobLimitsSchema>;

/** Course.settings: other keys are kept as they are. */
export const courseSettingsSchema = z.looseObject({ jobs: courseJobLimitsSchema.prefault({}) });

export interface LimitViolation {
  /** Config path, as zod reports it (e.g. "model.hidden"). */
  field: string;
  value: number;
  limit: number;
}

function violation(field: string, value: number, limit: number): LimitViolation[] {
  return value > limit ? [{ field, value, limit }] : [];
}

/** Where a training config exceeds the course's limits (shared by the form and the server). */
export function trainLimitViolations(config: TrainConfig, limits: CourseJobLimits): LimitViolation[] {
  return [
    ...violation("steps", config.steps, limits.maxTrainSteps),
    ...violation("batchSize", config.batchSize, limits.maxBatchSize),
    ...violation("model.hidden", config.model.hidden, limits.maxHiddenWidth),
    ...violation("model.depth", config.model.depth, limits.maxDepth),
    ...violation("evaluation.count", config.evaluation.count, limits.maxSampleCount),
  ];
}

export function sampleLimitViolations(config: SampleConfig, limits: CourseJobLimits): LimitViolation[] {
  return violation("count", config.count, limits.maxSampleCount);
}

export function describeViolation({ field, value, limit }: LimitViolation): string {
  return `${field} is ${value}, above this course's limit of ${limit}`;
}

/** What a training worker writes to Job.progressDetail, at a bounded rate. */
export const trainingProgressSchema = z.object({
  step: z.int(),
  steps: z.int(),
  /** Mean loss since the previous report. */
  loss: z.number(),
  stepsPerSecond: z.number(),
  etaSeconds: z.number(),
  /** [step, loss] at every report so far, thinned to a bounded length for the live chart. */
  lossHistory: z.array(z.tuple([z.int(), z.number()])),
  /** Set when this attempt continued from a checkpoint after the previous worker was lost. */
  resumedFromStep: z.int().optional(),
});
export type TrainingProgress = z.infer<typeof trainingProgressSchema>;

/** Sample-set metrics, each with the sample counts it was computed on (Chamfer is a sum over points). */
export const sampleMetricsSchema = z.object({
  chamfer: z.object({ value: z.number(), generatedCount: z.int(), referenceCount: z.int() }),
  mmd: z.object({ value: z.number(), bandwidth: z.number(), generatedCount: z.int(), referenceCount: z.int() }),
  /** Metrics are computed in the model's standardized data space. */
  space: z.literal("normalized"),
  sampler: z.enum(SAMPLERS),
  samplerSteps: z.int(),
});
export type SampleMetrics = z.infer<typeof sampleMetricsSchema>;

/**
 * The TRAJECTORY artifact: a few samples at evenly spaced steps of the sampler, in the data's raw
 * coordinates (points interleaved [x0, y0, x1, y1, …]), with a draw of the data set to show behind.
 */
export const trajectorySchema = z.object({
  space: z.literal("raw"),
  dim: z.literal(2),
  /** Ordered as sampled: t from near T − 1 down to the last step's (the samples). */
  frames: z.array(z.object({ t: z.int(), points: z.array(z.number()) })).min(1),
  data: z.array(z.number()),
});
export type Trajectory = z.infer<typeof trajectorySchema>;

/** The channel the worker pg_notify's a job id on after each change of its row or artifacts. */
export const JOB_EVENTS_CHANNEL = "job_events";
