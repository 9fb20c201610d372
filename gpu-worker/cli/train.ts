/** `ddpm train`: train a denoiser (MLP on 2D toy data, UNet on Fashion-MNIST) and write the model directory (train/model-dir.ts). */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PREDICTION_TYPES } from "../ddpm/forward";
import { ENGINE_NAMES } from "../engine/training-engine";
import { DEFAULT_MODEL_CONFIGS, MODEL_KINDS, type ModelConfig, type ModelKind } from "../models/registry";
import { encodeCheckpoint } from "../train/checkpoint";
import { DATASET_NAMES, DEFAULT_TRAINING_CONFIG as D, defaultModelKind, resolveTrainingConfig } from "../train/config";
import { train, type TrainingProgress } from "../train/loop";
import { saveModelDir } from "../train/model-dir";
import { choiceFlag, CliUsageError, defineCommand, integerFlag, numberFlag, type CommandSpec, type FlagValues } from "./args";
import { readScheduleConfig, SCHEDULE_FLAGS } from "./ddpmFlags";
import { PROVIDER_FLAG, readProvider } from "./trainingFlags";

const spec: CommandSpec = {
  name: "train",
  summary:
    "Train a time-conditioned denoiser (MLP on a 2D toy data set, UNet on Fashion-MNIST); writes config.json, weights, denoiser.onnx, loss.json.",
  flags: {
    dataset: { type: "string", value: "<name>", description: `${DATASET_NAMES.join(" | ")} (default ${D.dataset})` },
    model: { type: "string", value: "<kind>", description: `${MODEL_KINDS.join(" | ")} (default: mlp for 2D toys, unet for images)` },
    limit: { type: "string", value: "<n>", description: `training-set size: 2D points drawn (default ${D.datasetSize}) or the first n images (default all)` },
    out: { type: "string", value: "<dir>", description: "model directory to write (required)" },
    steps: { type: "string", value: "<n>", description: `optimizer steps (default ${D.steps})` },
    "batch-size": { type: "string", value: "<n>", description: `batch size (default ${D.batchSize})` },
    lr: { type: "string", value: "<lr>", description: `peak learning rate (default ${D.lr}, warmup then cosine decay)` },
    hidden: { type: "string", value: "<n>", description: `MLP hidden width (default ${DEFAULT_MODEL_CONFIGS.mlp.hidden})` },
    depth: { type: "string", value: "<n>", description: `MLP hidden layers (default ${DEFAULT_MODEL_CONFIGS.mlp.depth})` },
    "base-channels": { type: "string", value: "<n>", description: `UNet channels at full resolution (default ${DEFAULT_MODEL_CONFIGS.unet.baseChannels})` },
    ...SCHEDULE_FLAGS,
    prediction: { type: "string", value: "<type>", description: `${PREDICTION_TYPES.join(" | ")} (default ${D.prediction})` },
    "min-snr-gamma": { type: "string", value: "<γ>", description: "min-SNR-γ loss weighting (default off; 5 in the paper)" },
    "ema-decay": { type: "string", value: "<d>", description: `EMA decay (default ${D.emaDecay})` },
    "grad-clip": { type: "string", value: "<norm>", description: `global gradient-norm clip, 0 = off (default ${D.optimizer.gradClipNorm})` },
    "weight-decay": { type: "string", value: "<λ>", description: `AdamW weight decay (default ${D.optimizer.weightDecay})` },
    seed: { type: "string", value: "<n>", description: `seed of data, init and batches (default ${D.seed})` },
    engine: { type: "string", value: "<onnx|tfjs>", description: `training engine (default ${D.engine})` },
    ...PROVIDER_FLAG,
    threads: { type: "string", value: "<n>", description: `onnxruntime intra-op threads (default ${D.threads})` },
    "checkpoint-every": { type: "string", value: "<n>", description: "write <out>/checkpoint.safetensors every n steps (default off)" },
  },
};

/** The flags that size each model kind; giving one of another kind's is an error, not silently ignored. */
const MODEL_SIZE_FLAGS: Record<ModelKind, string[]> = { mlp: ["hidden", "depth"], unet: ["base-channels"] };

function readModelConfig(values: FlagValues, kind: ModelKind): Partial<ModelConfig> {
  for (const [otherKind, flags] of Object.entries(MODEL_SIZE_FLAGS)) {
    const misplaced = otherKind === kind ? undefined : flags.find((flag) => values[flag] !== undefined);
    if (misplaced) throw new CliUsageError(`--${misplaced} sizes the ${otherKind}, but the model is ${kind}`);
  }
  const { mlp, unet } = DEFAULT_MODEL_CONFIGS;
  return kind === "mlp"
    ? { kind, hidden: integerFlag(values, "hidden", mlp.hidden, 1), depth: integerFlag(values, "depth", mlp.depth, 1) }
    : { kind, baseChannels: integerFlag(values, "base-channels", unet.baseChannels, 2) };
}

function printProgress({ step, steps, loss, stepsPerSecond, etaSeconds }: TrainingProgress): void {
  const width = String(steps).length;
  process.stdout.write(
    `step ${String(step).padStart(width)}/${steps}  loss ${loss.toFixed(4)}  ${stepsPerSecond.toPrecision(3)} steps/s  ETA ${etaSeconds.toFixed(1)} s\n`,
  );
}

export default defineCommand(spec, async (values) => {
  if (typeof values.out !== "string") throw new CliUsageError("--out <dir> is required");
  const out = values.out;
  const gradClip = numberFlag(values, "grad-clip", D.optimizer.gradClipNorm ?? 0);
  const dataset = choiceFlag(values, "dataset", DATASET_NAMES, D.dataset);
  const config = resolveTrainingConfig({
    dataset,
    ...(values.limit === undefined ? {} : { datasetSize: integerFlag(values, "limit", undefined, 2) }),
    steps: integerFlag(values, "steps", D.steps, 1),
    batchSize: integerFlag(values, "batch-size", D.batchSize, 1),
    lr: numberFlag(values, "lr", D.lr),
    model: readModelConfig(values, choiceFlag(values, "model", MODEL_KINDS, defaultModelKind(dataset))),
    schedule: readScheduleConfig(values),
    prediction: choiceFlag(values, "prediction", PREDICTION_TYPES, D.prediction),
    minSnrGamma: values["min-snr-gamma"] === undefined ? null : numberFlag(values, "min-snr-gamma"),
    emaDecay: numberFlag(values, "ema-decay", D.emaDecay),
    optimizer: { gradClipNorm: gradClip > 0 ? gradClip : null, weightDecay: numberFlag(values, "weight-decay", D.optimizer.weightDecay) },
    seed: integerFlag(values, "seed", D.seed, 0),
    engine: choiceFlag(values, "engine", ENGINE_NAMES, D.engine),
    provider: readProvider(values),
    threads: integerFlag(values, "threads", D.threads, 1),
  });
  const checkpointEvery = values["checkpoint-every"] === undefined ? undefined : integerFlag(values, "checkpoint-every", undefined, 1);
  await mkdir(out, { recursive: true });
  const result = await train(config, {
    progressEvery: Math.max(1, Math.round(config.steps / 20)),
    onProgress: printProgress,
    checkpointEvery,
    onCheckpoint: (checkpoint) => writeFile(join(out, "checkpoint.safetensors"), encodeCheckpoint(checkpoint)),
  });
  await saveModelDir(out, result);
  const { engine, executionProvider, threads, fallbackReason } = result.engineInfo;
  process.stdout.write(
    `trained ${config.steps} steps in ${result.wallSeconds.toFixed(2)} s on ${engine}/${executionProvider}` +
      `${threads ? ` (${threads} thread${threads > 1 ? "s" : ""})` : ""}; wrote ${out}\n` +
      (fallbackReason ? `note: ${fallbackReason}\n` : ""),
  );
});
