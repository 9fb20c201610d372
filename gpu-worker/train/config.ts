/**
 * A training run's configuration: data, model, noise schedule, objective, optimizer and engine, with
 * the defaults that reach the course's full-marks Chamfer distance (< 20) on swiss_roll and moons.
 * The MLP trains on the 2D toy data sets, the UNet on Fashion-MNIST images.
 * Stored verbatim in the model directory's config.json and in checkpoints.
 */
import { assertFiniteNumber, assertIntegerInRange, assertOneOf, DdpmConfigError } from "../ddpm/errors";
import { PREDICTION_TYPES, type PredictionType } from "../ddpm/forward";
import { resolveNoiseScheduleConfig, type NoiseScheduleConfig } from "../ddpm/schedules";
import { FASHION_MNIST_TRAIN_COUNT } from "../data/fashionMnist";
import { isToy2dName, TOY2D_NAMES } from "../data/toy2d";
import { TRAIN_DEFAULTS_BY_DATASET } from "../contracts/train-defaults";
import { ENGINE_NAMES, EXECUTION_PROVIDERS, type EngineName, type ExecutionProviderName, type OptimizerConfig } from "../engine/training-engine";
import { DEFAULT_MLP_CONFIG, type MlpConfig } from "../models/mlp";
import { DEFAULT_MODEL_CONFIGS, MODEL_KINDS, type ModelConfig, type ModelKind } from "../models/registry";
import type { UnetConfig } from "../models/unet";

export const IMAGE_DATASET_NAMES = ["fashion_mnist"] as const;
/** 2D points read from a file (`train --data`, or a run's upload): given to train() with the config. */
export const POINTS_FILE = "points_file";
export const DATASET_NAMES = [...TOY2D_NAMES, POINTS_FILE, ...IMAGE_DATASET_NAMES] as const satisfies readonly (keyof typeof TRAIN_DEFAULTS_BY_DATASET)[];
export type DatasetName = (typeof DATASET_NAMES)[number];

export const LR_SCHEDULES = ["constant", "cosine"] as const;
export type LrSchedule = (typeof LR_SCHEDULES)[number];

/** Which file a points_file run trained on. */
export interface DataFileInfo {
  name: string;
  count: number;
}

export interface TrainingConfig {
  dataset: DatasetName;
  /** Set for points_file (and only then). */
  dataFile?: DataFileInfo;
  /**
   * The training set, which batches sample from with replacement: toy data, this many points drawn once
   * (seeded); a points file, all its points; images, the first this many of the training split.
   */
  datasetSize: number;
  model: ModelConfig;
  schedule: Required<NoiseScheduleConfig>;
  prediction: PredictionType;
  /** γ of min-SNR-γ loss weighting (Hang et al. 2023, γ = 5), or null for the plain MSE. */
  minSnrGamma: number | null;
  steps: number;
  batchSize: number;
  lr: number;
  /** Linear warmup from 0, then constant or cosine decay to 0 at the last step. */
  lrWarmupSteps: number;
  lrSchedule: LrSchedule;
  optimizer: OptimizerConfig;
  /** EMA decay d, warmed up as diffusers' EMAModel: min(d, (1 + k)/(10 + k)) at step k. */
  emaDecay: number;
  seed: number;
  engine: EngineName;
  provider: ExecutionProviderName;
  /** onnxruntime intra-op threads. */
  threads: number;
}

export const DEFAULT_TRAINING_CONFIG: TrainingConfig = {
  dataset: "swiss_roll",
  datasetSize: 10_000,
  model: DEFAULT_MLP_CONFIG,
  schedule: resolveNoiseScheduleConfig({ schedule: "linear", numTrainTimesteps: 1000 }),
  prediction: "epsilon",
  minSnrGamma: null,
  steps: TRAIN_DEFAULTS_BY_DATASET.swiss_roll.steps,
  batchSize: TRAIN_DEFAULTS_BY_DATASET.swiss_roll.batchSize,
  lr: TRAIN_DEFAULTS_BY_DATASET.swiss_roll.learningRate,
  lrWarmupSteps: 100,
  lrSchedule: "cosine",
  optimizer: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, gradClipNorm: 1 },
  emaDecay: 0.995,
  seed: 0,
  engine: "onnx",
  provider: "cpu",
  threads: 1,
};

export type TrainingConfigOverrides = Partial<Omit<TrainingConfig, "schedule" | "optimizer" | "model">> & {
  schedule?: NoiseScheduleConfig;
  optimizer?: Partial<OptimizerConfig>;
  model?: Partial<ModelConfig>;
};

/** 2D points (a toy data set or a file), trained with the MLP; the rest are images. */
export function isPointDataset(dataset: DatasetName): boolean {
  return isToy2dName(dataset) || dataset === POINTS_FILE;
}

/** The model a data set trains by default: the MLP for 2D points, the UNet for images. */
export function defaultModelKind(dataset: DatasetName): ModelKind {
  return isPointDataset(dataset) ? "mlp" : "unet";
}

/**
 * Defaults filled in and every field checked; errors name the field. Steps, batch size, learning rate
 * and the model's size default to the data set's (contracts/train-defaults.ts, which the web form
 * reads too); the model's kind to the one its data set needs (MLP for 2D points, UNet for images),
 * its other fields to that kind's defaults.
 */
export function resolveTrainingConfig(overrides: TrainingConfigOverrides = {}): TrainingConfig {
  const base = DEFAULT_TRAINING_CONFIG;
  const dataset = assertOneOf("dataset", overrides.dataset ?? base.dataset, DATASET_NAMES);
  const pointData = isPointDataset(dataset);
  const defaults = TRAIN_DEFAULTS_BY_DATASET[dataset];
  const modelKind = assertOneOf("model.kind", overrides.model?.kind ?? defaultModelKind(dataset), MODEL_KINDS);
  const config: TrainingConfig = {
    ...base,
    datasetSize: pointData ? base.datasetSize : FASHION_MNIST_TRAIN_COUNT,
    steps: defaults.steps,
    batchSize: defaults.batchSize,
    lr: defaults.learningRate,
    ...overrides,
    schedule: resolveNoiseScheduleConfig(overrides.schedule ?? base.schedule),
    optimizer: { ...base.optimizer, ...overrides.optimizer },
    model: { ...DEFAULT_MODEL_CONFIGS[modelKind], ...(modelKind === defaultModelKind(dataset) ? defaults.model : {}), ...overrides.model } as ModelConfig,
  };
  if (config.model.kind === "mlp") {
    if (!pointData) throw new DdpmConfigError("model.kind", `the MLP trains on 2D points (${TOY2D_NAMES.join(", ")}, ${POINTS_FILE}), not ${dataset}; use unet`);
    assertMlpConfig(config.model);
  } else {
    if (pointData) throw new DdpmConfigError("model.kind", `the UNet trains on images (${IMAGE_DATASET_NAMES.join(", ")}), not ${dataset}; use mlp`);
    assertUnetConfig(config.model);
  }
  if ((dataset === POINTS_FILE) !== (config.dataFile !== undefined)) {
    throw new DdpmConfigError("dataFile", dataset === POINTS_FILE ? "points_file needs the file's points (train --data FILE)" : `a points file trains with dataset ${POINTS_FILE}, not ${dataset}`);
  }
  assertOneOf("prediction", config.prediction, PREDICTION_TYPES);
  assertOneOf("engine", config.engine, ENGINE_NAMES);
  assertOneOf("provider", config.provider, EXECUTION_PROVIDERS);
  assertOneOf("lrSchedule", config.lrSchedule, LR_SCHEDULES);
  assertIntegerInRange("datasetSize", config.datasetSize, 2);
  assertIntegerInRange("steps", config.steps, 1);
  assertIntegerInRange("batchSize", config.batchSize, 1);
  assertIntegerInRange("lrWarmupSteps", config.lrWarmupSteps, 0);
  assertIntegerInRange("threads", config.threads, 1);
  assertIntegerInRange("seed", config.seed, 0, 2 ** 32 - 1);
  assertPositive("lr", config.lr);
  if (config.minSnrGamma !== null) assertPositive("minSnrGamma", config.minSnrGamma);
  if (config.optimizer.gradClipNorm !== null) assertPositive("gradClipNorm", config.optimizer.gradClipNorm);
  if (!(assertFiniteNumber("emaDecay", config.emaDecay) >= 0 && config.emaDecay < 1)) {
    throw new DdpmConfigError("emaDecay", `must be in [0, 1), got ${config.emaDecay}`);
  }
  if (assertFiniteNumber("weightDecay", config.optimizer.weightDecay) < 0) {
    throw new DdpmConfigError("weightDecay", `must be ≥ 0, got ${config.optimizer.weightDecay}`);
  }
  return config;
}

function assertMlpConfig(model: MlpConfig): void {
  assertIntegerInRange("model.hidden", model.hidden, 1);
  assertIntegerInRange("model.depth", model.depth, 1);
}

function assertUnetConfig(model: UnetConfig): void {
  assertIntegerInRange("model.imageSize", model.imageSize, 4);
  if (model.imageSize % 4 !== 0) throw new DdpmConfigError("model.imageSize", `must be divisible by 4 (the UNet halves it twice), got ${model.imageSize}`);
  assertIntegerInRange("model.imageChannels", model.imageChannels, 1);
  // The sinusoidal time embedding has baseChannels dimensions, half sines and half cosines.
  assertIntegerInRange("model.baseChannels", model.baseChannels, 2);
  if (model.baseChannels % 2 !== 0) throw new DdpmConfigError("model.baseChannels", `must be even, got ${model.baseChannels}`);
  assertIntegerInRange("model.normGroups", model.normGroups, 1);
  if (model.baseChannels % model.normGroups !== 0) {
    throw new DdpmConfigError("model.normGroups", `must divide model.baseChannels (${model.baseChannels}), got ${model.normGroups}`);
  }
}

function assertPositive(field: string, value: number): void {
  if (!(assertFiniteNumber(field, value) > 0)) throw new DdpmConfigError(field, `must be > 0, got ${value}`);
}

/** Learning rate at step k (0-based): linear warmup, then constant or half-cosine decay to 0. */
export function learningRateAt(config: Pick<TrainingConfig, "lr" | "lrWarmupSteps" | "lrSchedule" | "steps">, k: number): number {
  const { lr, lrWarmupSteps, lrSchedule, steps } = config;
  if (k < lrWarmupSteps) return (lr * (k + 1)) / lrWarmupSteps;
  if (lrSchedule === "constant") return lr;
  const progress = (k - lrWarmupSteps) / Math.max(1, steps - lrWarmupSteps);
  return 0.5 * lr * (1 + Math.cos(Math.PI * progress));
}

/** diffusers' EMAModel warmup: the average starts short and lengthens, min(d, (1 + k)/(10 + k)). */
export function emaDecayAt(emaDecay: number, k: number): number {
  return Math.min(emaDecay, (1 + k) / (10 + k));
}
