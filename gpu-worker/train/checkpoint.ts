/**
 * A resumable snapshot of a training run: its config, the engine state (θ, Adam m and v, EMA, step)
 * and the loss curve so far. The batch generator needs no saved state: the batch of step k is a pure
 * function of (seed, k) (batch-sampler.ts), so the step count is the generator's state.
 * Encoded as one safetensors file (tensors "<kind>/<param>", config and curve in the metadata), which is
 * what a job worker stores in Postgres and the CLI writes as checkpoint.safetensors.
 */
import { collectParams } from "../engine/layer";
import type { NamedTensors, TrainingState } from "../engine/training-engine";
import { createModel } from "../models/registry";
import type { TrainingConfig } from "./config";
import { decodeSafetensors, encodeSafetensors, type StoredTensor } from "./safetensors";

export interface LossCurve {
  /** Each value is the mean loss over this many consecutive steps. */
  every: number;
  values: number[];
}

export interface Checkpoint {
  config: TrainingConfig;
  state: TrainingState;
  lossCurve: LossCurve;
}

const STATE_KEYS = ["params", "adamM", "adamV", "ema"] as const;
const FORMAT = "diffusion-lab/checkpoint@1";

export function encodeCheckpoint({ config, state, lossCurve }: Checkpoint): Uint8Array {
  const params = collectParams(createModel(config.model).layers);
  const tensors: Record<string, StoredTensor> = {};
  for (const key of STATE_KEYS) {
    for (const p of params) tensors[`${key}/${p.name}`] = { shape: p.shape, data: state[key][p.name] };
  }
  return encodeSafetensors({
    tensors,
    metadata: { format: FORMAT, step: String(state.step), config: JSON.stringify(config), lossCurve: JSON.stringify(lossCurve) },
  });
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const { tensors, metadata } = decodeSafetensors(bytes);
  if (metadata.format !== FORMAT) throw new Error(`not a ${FORMAT} file (format: ${metadata.format ?? "missing"})`);
  const config = JSON.parse(metadata.config) as TrainingConfig;
  const state: TrainingState = { step: Number(metadata.step), params: {}, adamM: {}, adamV: {}, ema: {} };
  for (const [key, tensor] of Object.entries(tensors)) {
    const [kind, name] = [key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)];
    (state[kind as (typeof STATE_KEYS)[number]] as NamedTensors)[name] = tensor.data;
  }
  return { config, state, lossCurve: JSON.parse(metadata.lossCurve) as LossCurve };
}
