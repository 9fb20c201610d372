/** `ddpm train`: train a denoiser on a 2D toy data set and write the model directory (train/model-dir.ts). */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PREDICTION_TYPES } from "../ddpm/forward";
import { TOY2D_NAMES } from "../data/toy2d";
import { ENGINE_NAMES } from "../engine/training-engine";
import { encodeCheckpoint } from "../train/checkpoint";
import { DEFAULT_TRAINING_CONFIG as D, resolveTrainingConfig } from "../train/config";
import { train, type TrainingProgress } from "../train/loop";
import { saveModelDir } from "../train/model-dir";
import { choiceFlag, CliUsageError, defineCommand, integerFlag, numberFlag, type CommandSpec } from "./args";
import { readScheduleConfig, SCHEDULE_FLAGS } from "./ddpmFlags";
import { PROVIDER_FLAG, readProvider } from "./trainingFlags";

const spec: CommandSpec = {
  name: "train",
  summary: "Train a time-conditioned MLP denoiser on a 2D toy data set; writes config.json, weights, denoiser.onnx, loss.json.",
  flags: {
    dataset: { type: "string", value: "<name>", description: `${TOY2D_NAMES.join(" | ")} (default ${D.dataset})` },
    out: { type: "string", value: "<dir>", description: "model directory to write (required)" },
    steps: { type: "string", value: "<n>", description: `optimizer steps (default ${D.steps})` },
    "batch-size": { type: "string", value: "<n>", description: `batch size (default ${D.batchSize})` },
    lr: { type: "string", value: "<lr>", description: `peak learning rate (default ${D.lr}, warmup then cosine decay)` },
    hidden: { type: "string", value: "<n>", description: `hidden width (default ${D.model.hidden})` },
    depth: { type: "string", value: "<n>", description: `hidden layers (default ${D.model.depth})` },
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

function printProgress({ step, steps, loss, stepsPerSecond, etaSeconds }: TrainingProgress): void {
  const width = String(steps).length;
  process.stdout.write(
    `step ${String(step).padStart(width)}/${steps}  loss ${loss.toFixed(4)}  ${stepsPerSecond.toFixed(0)} steps/s  ETA ${etaSeconds.toFixed(1)} s\n`,
  );
}

export default defineCommand(spec, async (values) => {
  if (typeof values.out !== "string") throw new CliUsageError("--out <dir> is required");
  const out = values.out;
  const gradClip = numberFlag(values, "grad-clip", D.optimizer.gradClipNorm ?? 0);
  const config = resolveTrainingConfig({
    dataset: choiceFlag(values, "dataset", TOY2D_NAMES, D.dataset),
    steps: integerFlag(values, "steps", D.steps, 1),
    batchSize: integerFlag(values, "batch-size", D.batchSize, 1),
    lr: numberFlag(values, "lr", D.lr),
    model: { hidden: integerFlag(values, "hidden", D.model.hidden, 1), depth: integerFlag(values, "depth", D.model.depth, 1) },
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
