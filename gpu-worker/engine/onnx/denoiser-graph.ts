/**
 * The denoiser forward graph: model output given x_t and t, with trained weights baked in as named
 * initializers. This is the exported `denoiser.onnx`: a plain inference model that Netron, the onnx
 * tools and any onnxruntime open without this code base.
 */
import { collectParams } from "../layer";
import type { DenoiserModel } from "../../models/model";
import type { NamedTensors } from "../training-engine";
import { GraphBuilder, type Value } from "./graph-builder";
import { OnnxTape } from "./tape";

export const DENOISER_INPUTS = { sample: "sample", timestep: "timestep" } as const;
export const DENOISER_OUTPUT = "model_output";

/**
 * Adds the model's forward pass to `b`, its weights as named initializers, and returns the model
 * output for the given sample and timestep values.
 */
export function addDenoiserForward(b: GraphBuilder, model: DenoiserModel, weights: NamedTensors, sample: Value, timestep: Value): Value {
  const paramValues = new Map<string, Value>();
  for (const p of collectParams(model.layers)) {
    const values = weights[p.name];
    if (!values) throw new Error(`no weights for parameter ${p.name}`);
    paramValues.set(p.name, b.initializer(p.name, values, p.shape));
  }
  // The tape only records here; nothing calls backward, so no gradient nodes are emitted.
  return model.forward(new OnnxTape(b, (name) => paramValues.get(name)!), sample, timestep);
}

export function buildDenoiserGraph(model: DenoiserModel, weights: NamedTensors, description = ""): Uint8Array {
  const b = new GraphBuilder(`${model.kind}_denoiser`);
  const sampleDims = ["batch", ...model.sampleShape];
  const sample = b.input(DENOISER_INPUTS.sample, "float", sampleDims);
  const timestep = b.input(DENOISER_INPUTS.timestep, "float", ["batch"]);
  b.output(addDenoiserForward(b, model, weights, sample, timestep), DENOISER_OUTPUT, "float", sampleDims);
  return b.serialize(description || `${model.kind} denoiser: model_output = f(sample = x_t, timestep = t)`);
}
