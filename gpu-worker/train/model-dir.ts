/**
 * The model directory a training run writes (`train --out <dir>`) and sampling/evaluation read:
 *
 *   config.json          format, training config (model, schedule, objective, optimizer), normalization,
 *                        engine info, wall time
 *   weights.safetensors  the EMA parameters (what sampling uses)
 *   denoiser.onnx        the denoiser forward with the EMA weights baked in (inputs sample, timestep)
 *   loss.json            the loss curve (mean over every `every` steps)
 *   data.npy             points_file models only: the file's points (float64, N×2), which metrics compare with
 */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { encodeNpy, parsePointFile } from "../data/point-file";
import type { Toy2dStatistics } from "../data/toy2d";
import { collectParams } from "../engine/layer";
import { buildDenoiserGraph } from "../engine/onnx/denoiser-graph";
import type { EngineInfo, NamedTensors } from "../engine/training-engine";
import { createModel } from "../models/registry";
import type { LossCurve } from "./checkpoint";
import type { TrainingConfig } from "./config";
import type { TrainingResult } from "./loop";
import { decodeSafetensors, encodeSafetensors } from "./safetensors";

const FORMAT = "diffusion-lab/ddpm-model@1";

export const MODEL_FILES = {
  config: "config.json",
  weights: "weights.safetensors",
  denoiser: "denoiser.onnx",
  loss: "loss.json",
} as const;
const DATA_FILE = "data.npy";

export interface ModelDirConfig {
  format: typeof FORMAT;
  training: TrainingConfig;
  /** The toy data's per-axis statistics; null for images (trained in [−1, 1] as loaded). */
  normalization: Toy2dStatistics | null;
  engine: EngineInfo;
  steps: number;
  wallSeconds: number;
}

export interface SavedModel {
  config: ModelDirConfig;
  /** EMA weights by parameter name. */
  weights: NamedTensors;
  /** denoiser.onnx's bytes. */
  denoiser: Uint8Array;
  /** A points_file model's training points in the file's coordinates (data.npy, or the run's TRAINING_DATA). */
  filePoints?: Float64Array;
}

export async function saveModelDir(dir: string, result: TrainingResult): Promise<void> {
  const { config: training, state, normalization, engineInfo, lossCurve, wallSeconds, filePoints } = result;
  const model = createModel(training.model);
  const config: ModelDirConfig = { format: FORMAT, training, normalization, engine: engineInfo, steps: state.step, wallSeconds };
  const params = collectParams(model.layers);
  const weights = encodeSafetensors({
    tensors: Object.fromEntries(params.map((p) => [p.name, { shape: p.shape, data: state.ema[p.name] }])),
    metadata: { format: FORMAT, weights: "ema" },
  });
  const description = `${training.model.kind} denoiser (${training.prediction} prediction) trained on ${training.dataset} for ${state.step} steps; EMA weights`;
  await mkdir(dir, { recursive: true });
  await Promise.all([
    writeFile(join(dir, MODEL_FILES.config), `${JSON.stringify(config, null, 2)}\n`),
    writeFile(join(dir, MODEL_FILES.weights), weights),
    writeFile(join(dir, MODEL_FILES.denoiser), buildDenoiserGraph(model, state.ema, description)),
    writeFile(join(dir, MODEL_FILES.loss), `${JSON.stringify(lossCurve satisfies LossCurve)}\n`),
    ...(filePoints ? [writeFile(join(dir, DATA_FILE), encodeNpy(filePoints))] : []),
  ]);
}

export async function loadModelDir(dir: string): Promise<SavedModel> {
  const config = JSON.parse(await readFile(join(dir, MODEL_FILES.config), "utf8")) as ModelDirConfig;
  if (config.format !== FORMAT) throw new Error(`${join(dir, MODEL_FILES.config)} is not a ${FORMAT} model (format: ${config.format})`);
  const { tensors } = decodeSafetensors(await readFile(join(dir, MODEL_FILES.weights)));
  const weights = Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, t.data]));
  const dataPath = join(dir, DATA_FILE);
  const hasData = await stat(dataPath).then(() => true, () => false);
  const filePoints = hasData ? parsePointFile(dataPath, new Uint8Array(await readFile(dataPath))) : undefined;
  return { config, weights, denoiser: new Uint8Array(await readFile(join(dir, MODEL_FILES.denoiser))), filePoints };
}
