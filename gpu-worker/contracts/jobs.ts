/**
 * The contract between the web app and the GPU worker: job configs as the web validates and stores
 * them in Job.config, the course limits kept in Course.settings, and what the worker writes back
 * (progress, metrics). This module, train-defaults.ts and queues.ts are the only code both sides
 * import, so they depend on zod alone; the worker checks at compile time that these lists match its engine (gpu-worker/jobs/).
 */
import { z } from "zod";
import { TRAIN_DEFAULTS_BY_DATASET } from "./train-defaults";

export const TOY_DATASETS = ["swiss_roll", "moons", "circles", "checkerboard", "eight_gaussians", "swiss_roll_hole"] as const;
/** 2D points uploaded with the run (stored as its TRAINING_DATA artifact) or given to `ddpm train --data`. */
export const POINTS_FILE_DATASET = "points_file";
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

/** Fashion-MNIST: 28×28 grey images, trained with the UNet (the 2D toys train an MLP). */
export const IMAGE_DATASETS = ["fashion_mnist"] as const;
export const DATASETS = [...TOY_DATASETS, POINTS_FILE_DATASET, ...IMAGE_DATASETS] as const satisfies readonly (keyof typeof TRAIN_DEFAULTS_BY_DATASET)[];
export type Dataset = (typeof DATASETS)[number];
export const isImageDataset = (dataset: Dataset): dataset is (typeof IMAGE_DATASETS)[number] =>
  (IMAGE_DATASETS as readonly string[]).includes(dataset);

/** Images a training run or SAMPLE job on an image model puts in its grid (sampling is slow on a CPU). */
export const IMAGE_GRID_SAMPLES = 64;

/** The UNet's GroupNorm groups (the engine's default, gpu-worker/models/unet.ts): its width must be a multiple. */
export const UNET_NORM_GROUPS = 8;

/** The 2D points' and the images' defaults (train-defaults.ts holds each data set's). */
export const TRAIN_DEFAULTS = { toy: TRAIN_DEFAULTS_BY_DATASET.swiss_roll, image: TRAIN_DEFAULTS_BY_DATASET.fashion_mnist } as const;

/**
 * An uploaded points file (gpu-worker/data/point-file.ts reads and checks it): at most this many bytes,
 * 16 to 200,000 points (fewer is no distribution; more takes longer to upload than to learn).
 */
export const POINT_FILE_LIMITS = { maxBytes: 8 * 1024 * 1024, minPoints: 16, maxPoints: 200_000, maxNameLength: 200 } as const;

const trainConfigFields = z.object({
  dataset: z.enum(DATASETS).default("swiss_roll"),
  /** Set for points_file: which file the run trains on (the points are its TRAINING_DATA artifact). */
  dataFile: z
    .object({
      name: z.string().min(1).max(POINT_FILE_LIMITS.maxNameLength),
      count: z.int().min(POINT_FILE_LIMITS.minPoints).max(POINT_FILE_LIMITS.maxPoints),
    })
    .optional(),
  /** MLP (2D toys): hidden width and depth; UNet (images): base width. Each kind refuses the other's fields. */
  model: z
    .object({
      hidden: z.int().min(8).max(4096).optional(),
      depth: z.int().min(1).max(16).optional(),
      baseChannels: z
        .int()
        .min(UNET_NORM_GROUPS)
        .max(64)
        .refine((width) => width % UNET_NORM_GROUPS === 0, `Must be a multiple of ${UNET_NORM_GROUPS} (the UNet's norm groups)`)
        .optional(),
    })
    .prefault({}),
  schedule: z.enum(NOISE_SCHEDULES).default("linear"),
  timesteps: z.int().min(10).max(4000).default(1000),
  prediction: z.enum(PREDICTION_TYPES).default("epsilon"),
  /** Defaults for these three and checkpointEvery depend on the data set (train-defaults.ts). */
  steps: z.int().min(1).max(1_000_000).optional(),
  batchSize: z.int().min(1).max(65_536).optional(),
  learningRate: z.number().positive().max(1).optional(),
  seed: seed.default(0),
  /** A job that loses its worker resumes from its last checkpoint, so this bounds the steps lost. */
  checkpointEvery: z.int().min(10).optional(),
  /** How the finished run is sampled for its scatter plot and metrics (2D) or its image grid. */
  evaluation: sampleConfigSchema.prefault({}),
  /** Only a worker on a GPU (WORKER_PROVIDER webgpu or cuda) claims the run; absent: any worker. */
  requiresGpu: z.boolean().optional(),
});
type TrainConfigFields = z.output<typeof trainConfigFields>;

// A type alias, not an interface: Prisma's Json input needs the implicit index signature.
export type TrainConfig = Omit<TrainConfigFields, "model" | "steps" | "batchSize" | "learningRate" | "checkpointEvery"> & {
  /** hidden and depth are set for the 2D toys, baseChannels for images. */
  model: { hidden?: number; depth?: number; baseChannels?: number };
  steps: number;
  batchSize: number;
  learningRate: number;
  checkpointEvery: number;
};

const MLP_FIELDS = ["hidden", "depth"] as const;

/**
 * Refuses the other model kind's fields, naming the field and what to use instead, and a points file
 * on any data set but points_file (or points_file without one).
 */
function checkModelFields({ dataset, model, dataFile }: TrainConfigFields, context: z.RefinementCtx): void {
  if ((dataset === POINTS_FILE_DATASET) !== (dataFile !== undefined)) {
    context.addIssue({
      code: "custom",
      path: ["dataFile"],
      message:
        dataset === POINTS_FILE_DATASET
          ? "points_file trains on your own 2D points: upload a CSV, JSON or .npy file with the run"
          : `a points file trains with the data set points_file, not ${dataset}`,
    });
  }
  if (isImageDataset(dataset)) {
    for (const field of MLP_FIELDS) {
      if (model[field] !== undefined) {
        context.addIssue({
          code: "custom",
          path: ["model", field],
          message: `model.${field} sizes the MLP of the 2D data sets; ${dataset} trains a UNet, sized by model.baseChannels`,
        });
      }
    }
  } else if (model.baseChannels !== undefined) {
    context.addIssue({
      code: "custom",
      path: ["model", "baseChannels"],
      message: `model.baseChannels is the UNet width for image data sets (${IMAGE_DATASETS.join(", ")}); ${dataset} trains an MLP, sized by model.hidden and model.depth`,
    });
  }
}

function withDatasetDefaults(config: TrainConfigFields): TrainConfig {
  const defaults = TRAIN_DEFAULTS_BY_DATASET[config.dataset];
  return {
    ...config,
    model: { ...defaults.model, ...config.model },
    steps: config.steps ?? defaults.steps,
    batchSize: config.batchSize ?? defaults.batchSize,
    learningRate: config.learningRate ?? defaults.learningRate,
    checkpointEvery: config.checkpointEvery ?? defaults.checkpointEvery,
  };
}

export const trainConfigSchema = trainConfigFields.superRefine(checkModelFields).transform(withDatasetDefaults);
export type TrainConfigInput = z.input<typeof trainConfigSchema>;

/** Per-course limits on jobs, stored under `jobs` in Course.settings; a missing key takes its default. */
export const courseJobLimitsSchema = z.object({
  maxTrainSteps: z.int().positive().default(20_000),
  maxBatchSize: z.int().positive().default(1024),
  maxHiddenWidth: z.int().positive().default(512),
  maxDepth: z.int().positive().default(6),
  /** The UNet's base channels (image data sets); compute grows about with its square. */
  maxUnetWidth: z.int().positive().default(32),
  maxSampleCount: z.int().positive().default(10_000),
  maxConcurrentJobsPerUser: z.int().positive().default(2),
  maxConcurrentJobsPerTeam: z.int().positive().default(3),
  /** Worker time (start to finish) a user's jobs may use in any 24 hours. */
  gpuMinutesPerUserPerDay: z.number().positive().default(120),
  /**
   * Worker time a team's jobs may use in the whole course, plus what the instructor tops up (a student
   * without a team has as much for their own jobs). A running job stops, checkpoint kept, when it runs out.
   */
  gpuMinutesPerTeam: z.number().positive().default(600),
  /** The longest one job may run (worker time, across attempts). */
  maxJobMinutes: z.number().positive().default(120),
  /** Sampler steps of a sample, an evaluation or a training run's samples. */
  maxSampleSteps: z.int().positive().default(1000),
  /** Images per sampler setting of an image model's evaluation (each setting generates this many). */
  maxEvaluationImages: z.int().positive().default(2000),
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
    ...violation("model.hidden", config.model.hidden ?? 0, limits.maxHiddenWidth),
    ...violation("model.depth", config.model.depth ?? 0, limits.maxDepth),
    ...violation("model.baseChannels", config.model.baseChannels ?? 0, limits.maxUnetWidth),
    ...violation("evaluation.count", config.evaluation.count, limits.maxSampleCount),
    ...violation("evaluation.steps", config.evaluation.steps, limits.maxSampleSteps),
  ];
}

export function sampleLimitViolations(config: SampleConfig, limits: CourseJobLimits): LimitViolation[] {
  return [...violation("count", config.count, limits.maxSampleCount), ...violation("steps", config.steps, limits.maxSampleSteps)];
}

/** An evaluation of an image model: its sampler settings each generate `count` images. */
export function imageEvaluationLimitViolations(config: SampleConfig, limits: CourseJobLimits): LimitViolation[] {
  return violation("count", config.count, limits.maxEvaluationImages);
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
  /**
   * Where both were measured: "normalized", the per-axis standardized space the model trains in (the
   * original toys); "data", the data set's own coordinates (swiss_roll_hole's assignment scale, an
   * uploaded file's coordinates).
   */
  space: z.enum(["normalized", "data"]),
  sampler: z.enum(SAMPLERS),
  samplerSteps: z.int(),
});
export type SampleMetrics = z.infer<typeof sampleMetricsSchema>;

/** One sampler setting of an image model's quality table (gpu-worker/eval/image-quality.ts). */
export const imageQualityRowSchema = z.object({
  sampler: z.enum(SAMPLERS),
  steps: z.int(),
  /** Fréchet distance to the held-out reference images in the project classifier's feature space. */
  frechet: z.number(),
  generatedCount: z.int(),
  /** Entropy of the classifier's predicted classes over the generated images, in bits (log2 10 ≈ 3.32 at most). */
  classEntropyBits: z.number(),
  /** Sampling time of this row's images. */
  seconds: z.number(),
});
export type ImageQualityRow = z.infer<typeof imageQualityRowSchema>;

/** What an EVALUATE job on an image model stores as its metrics. */
export const imageQualitySchema = z.object({
  kind: z.literal("image_quality"),
  classifier: z.object({ testAccuracy: z.number(), featureDim: z.int() }),
  /** Held-out test images every row is compared with. */
  referenceCount: z.int(),
  rows: z.array(imageQualityRowSchema),
  /** Training images against the same reference: what a perfect model would score at these counts. */
  dataBaseline: z.object({ frechet: z.number(), count: z.int() }),
  /** The DDPM variational bound on held-out images, with its terms. */
  bitsPerDim: z.object({
    bitsPerDim: z.number(),
    priorBitsPerDim: z.number(),
    diffusionBitsPerDim: z.number(),
    decoderBitsPerDim: z.number(),
    imageCount: z.int(),
    timestepSamples: z.int(),
    numTrainTimesteps: z.int(),
  }),
  /** Training steps of the evaluated model. */
  modelSteps: z.int(),
});
export type ImageQuality = z.infer<typeof imageQualitySchema>;

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
/** Payload: a course id, after any of its jobs was created, changed or deleted (run lists, the queue). */
export const COURSE_JOB_EVENTS_CHANNEL = "course_job_events";
