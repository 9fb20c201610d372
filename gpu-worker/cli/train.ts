/**
 * `ddpm train`: train a denoiser (MLP on 2D points: a toy data set or your own file; UNet on
 * Fashion-MNIST) and write the model directory (train/model-dir.ts). Steps, batch size, learning rate
 * and model size default to the data set's (contracts/train-defaults.ts, as on the web form).
 */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { POINT_FILE_LIMITS } from "../contracts/jobs";
import { TRAIN_DEFAULTS_BY_DATASET } from "../contracts/train-defaults";
import { parsePointFile, PointFileError } from "../data/point-file";
import { PREDICTION_TYPES } from "../ddpm/forward";
import { ENGINE_NAMES } from "../engine/training-engine";
import { MODEL_KINDS, type ModelConfig, type ModelKind } from "../models/registry";
import { encodeCheckpoint } from "../train/checkpoint";
import { DATASET_NAMES, DEFAULT_TRAINING_CONFIG as D, defaultModelKind, POINTS_FILE, resolveTrainingConfig, type DatasetName } from "../train/config";
import { train, type TrainingProgress } from "../train/loop";
import { saveModelDir } from "../train/model-dir";
import { choiceFlag, CliUsageError, defineCommand, integerFlag, numberFlag, type CommandSpec, type FlagValues } from "./args";
import { readScheduleConfig, SCHEDULE_FLAGS } from "./ddpmFlags";
import { PROVIDER_FLAG, readProvider } from "./trainingFlags";

/** "5000 (fashion_mnist 500)": the common default and the data sets that differ. */
function defaultsText(field: "steps" | "batchSize" | "learningRate"): string {
  const common = TRAIN_DEFAULTS_BY_DATASET.swiss_roll[field];
  const others = Object.entries(TRAIN_DEFAULTS_BY_DATASET).filter(([, defaults]) => defaults[field] !== common);
  return others.length === 0 ? String(common) : `${common}; ${others.map(([name, defaults]) => `${name} ${defaults[field]}`).join(", ")}`;
}

const spec: CommandSpec = {
  name: "train",
  summary:
    "Train a time-conditioned denoiser (MLP on 2D points: a toy data set or --data FILE; UNet on Fashion-MNIST); writes config.json, weights, denoiser.onnx, loss.json (and data.npy for --data).",
  flags: {
    dataset: { type: "string", value: "<name>", description: `${DATASET_NAMES.filter((name) => name !== POINTS_FILE).join(" | ")} (default ${D.dataset})` },
    data: {
      type: "string",
      value: "<file>",
      description: `your own 2D points instead of --dataset: .csv (x,y per line, header optional), .json ([[x, y], …]) or .npy (float32/float64, N×2); ${POINT_FILE_LIMITS.minPoints}–${POINT_FILE_LIMITS.maxPoints.toLocaleString("en")} points`,
    },
    model: { type: "string", value: "<kind>", description: `${MODEL_KINDS.join(" | ")} (default: mlp for 2D toys, unet for images)` },
    limit: { type: "string", value: "<n>", description: `training-set size: 2D points drawn (default ${D.datasetSize}) or the first n images (default all)` },
    out: { type: "string", value: "<dir>", description: "model directory to write (required)" },
    steps: { type: "string", value: "<n>", description: `optimizer steps (default: the data set's, ${defaultsText("steps")})` },
    "batch-size": { type: "string", value: "<n>", description: `batch size (default: the data set's, ${defaultsText("batchSize")})` },
    lr: { type: "string", value: "<lr>", description: `peak learning rate, warmup then cosine decay (default: the data set's, ${defaultsText("learningRate")})` },
    hidden: { type: "string", value: "<n>", description: `MLP hidden width (default ${TRAIN_DEFAULTS_BY_DATASET.swiss_roll.model.hidden})` },
    depth: { type: "string", value: "<n>", description: `MLP hidden layers (default ${TRAIN_DEFAULTS_BY_DATASET.swiss_roll.model.depth})` },
    "base-channels": { type: "string", value: "<n>", description: `UNet channels at full resolution (default ${TRAIN_DEFAULTS_BY_DATASET.fashion_mnist.model.baseChannels})` },
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
  // Only what was given: resolveTrainingConfig fills in the data set's defaults.
  const sizes =
    kind === "mlp"
      ? { hidden: givenInteger(values, "hidden", 1), depth: givenInteger(values, "depth", 1) }
      : { baseChannels: givenInteger(values, "base-channels", 2) };
  return { kind, ...Object.fromEntries(Object.entries(sizes).filter(([, value]) => value !== undefined)) };
}

/** --data FILE: the file's points (checked: data/point-file.ts); a bad file is a usage error naming the line. */
async function readDataFlag(path: string): Promise<{ points: Float64Array; name: string }> {
  const size = await stat(path).then((info) => info.size, () => {
    throw new CliUsageError(`--data ${path}: no such file`);
  });
  if (size > POINT_FILE_LIMITS.maxBytes) throw new CliUsageError(`--data ${path}: is ${(size / 2 ** 20).toFixed(1)} MB, above the limit of ${POINT_FILE_LIMITS.maxBytes / 2 ** 20} MB`);
  try {
    return { points: parsePointFile(basename(path), new Uint8Array(await readFile(path))), name: basename(path) };
  } catch (error) {
    if (error instanceof PointFileError) throw new CliUsageError(`--data ${error.message}`);
    throw error;
  }
}

/** An integer flag's value, or undefined when it was not given. */
function givenInteger(values: FlagValues, flag: string, minimum: number): number | undefined {
  return values[flag] === undefined ? undefined : integerFlag(values, flag, undefined, minimum);
}

/** An optional numeric flag: its value, or nothing (so the data set's default applies). */
function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
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
  if (values.data !== undefined && values.dataset !== undefined) throw new CliUsageError("give --dataset or --data <file>, not both");
  if (values.dataset === POINTS_FILE) throw new CliUsageError(`--dataset ${POINTS_FILE} is what --data <file> trains; give the file with --data`);
  const file = typeof values.data === "string" ? await readDataFlag(values.data) : undefined;
  const dataset: DatasetName = file ? POINTS_FILE : choiceFlag(values, "dataset", DATASET_NAMES, D.dataset);
  const config = resolveTrainingConfig({
    dataset,
    ...(file ? { dataFile: { name: file.name, count: file.points.length / 2 } } : {}),
    ...optional("datasetSize", givenInteger(values, "limit", 2)),
    ...optional("steps", givenInteger(values, "steps", 1)),
    ...optional("batchSize", givenInteger(values, "batch-size", 1)),
    ...optional("lr", values.lr === undefined ? undefined : numberFlag(values, "lr")),
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
    filePoints: file?.points,
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
