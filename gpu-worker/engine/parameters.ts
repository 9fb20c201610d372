/** Initial training state of a model: parameters drawn per their ParamSpec, zero Adam moments, EMA = θ. */
import type { Rng } from "../ddpm/random";
import type { DenoiserModel } from "../models/model";
import { collectParams, paramSize, type ParamSlot, type ParamSpec } from "./layer";
import type { NamedTensors, TrainingState } from "./training-engine";

function initializeParam(spec: ParamSpec, rng: Rng): Float32Array {
  const values = new Float32Array(paramSize(spec));
  const { init } = spec;
  switch (init.kind) {
    case "zeros":
      return values;
    case "ones":
      return values.fill(1);
    case "uniform":
      return values.map(() => (2 * rng.uniform() - 1) * init.bound);
    case "normal":
      return values.map(() => rng.normal() * init.std);
  }
}

export function mapTensors(tensors: NamedTensors, fn: (values: Float32Array, name: string) => Float32Array): NamedTensors {
  return Object.fromEntries(Object.entries(tensors).map(([name, values]) => [name, fn(values, name)]));
}

export function initialTrainingState(model: DenoiserModel, rng: Rng): TrainingState {
  const params: NamedTensors = Object.fromEntries(collectParams(model.layers).map((p) => [p.name, initializeParam(p, rng)]));
  const zeros = () => mapTensors(params, (v) => new Float32Array(v.length));
  return { step: 0, params, adamM: zeros(), adamV: zeros(), ema: mapTensors(params, (v) => v.slice()) };
}

/** Lays named tensors end to end in `slots` order (the training graph's flat state vectors). */
export function packTensors(slots: readonly ParamSlot[], totalSize: number, tensors: NamedTensors): Float32Array {
  const flat = new Float32Array(totalSize);
  for (const slot of slots) {
    const values = tensors[slot.name];
    if (values?.length !== slot.size) throw new Error(`${slot.name}: expected ${slot.size} values, got ${values?.length ?? "none"}`);
    flat.set(values, slot.offset);
  }
  return flat;
}

/** The inverse of packTensors (copies, so the result outlives `flat`). */
export function unpackTensors(slots: readonly ParamSlot[], flat: Float32Array): NamedTensors {
  return Object.fromEntries(slots.map((slot) => [slot.name, flat.slice(slot.offset, slot.offset + slot.size)]));
}
