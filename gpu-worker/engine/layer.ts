/**
 * The unit the engine compiles: a layer with its parameters, an ONNX forward rule, a hand-derived ONNX
 * backward rule, and a TensorFlow.js twin of the forward that the reference engine differentiates with
 * tfjs autodiff (which is how every backward rule is tested). A model is a set of layers wired together
 * by a `forward` function written once against `Wiring` (see models/model.ts), so the same definition
 * drives the ONNX training graph, the exported denoiser and the tfjs engine.
 *
 * See engine/README.md for how to add a layer.
 */
import type * as tfjs from "@tensorflow/tfjs";
import type { GraphBuilder, Value } from "./onnx/graph-builder";

/** The TensorFlow.js module, passed in so that the ONNX path never loads tfjs. */
export type Tf = typeof tfjs;
export type TfTensor = tfjs.Tensor;

/** How a parameter is initialized (seeded by the training run's Rng). */
export type ParamInit =
  | { kind: "zeros" }
  | { kind: "ones" }
  /** U(−bound, bound); PyTorch's nn.Linear / nn.Conv default is bound = 1/√fanIn. */
  | { kind: "uniform"; bound: number }
  | { kind: "normal"; std: number };

export interface ParamSpec {
  /** Unique within the model, dotted like PyTorch state dicts: "blocks.0.fc.weight". */
  name: string;
  shape: number[];
  init: ParamInit;
  /** AdamW's decoupled weight decay applies (weights: yes; biases and norm gains: no, by convention). */
  weightDecay: boolean;
}

export interface OnnxForwardResult {
  output: Value;
  /** Intermediate values the backward rule reuses (e.g. a pre-activation), so it need not recompute them. */
  saved?: Value[];
}

export interface OnnxBackwardContext {
  inputs: Value[];
  params: Value[];
  output: Value;
  saved: Value[];
  /**
   * needsInputGrad[i] is false when input i depends on no parameter (the data, the timestep); the rule
   * returns null for it and skips that computation (the first layer never computes dL/dx).
   */
  needsInputGrad: boolean[];
}

export interface OnnxBackwardResult {
  /** dL/d(input i), or null where needsInputGrad[i] is false. Same shape as the input. */
  dInputs: (Value | null)[];
  /** dL/d(param j) for every param, in `params` order, same shape as the param. */
  dParams: Value[];
}

export interface Layer {
  /** Unique within the model; names the ONNX nodes (scope) and prefixes the parameter names. */
  readonly name: string;
  readonly params: readonly ParamSpec[];
  /** Emits y = f(inputs; params) into the graph. */
  onnxForward(b: GraphBuilder, inputs: Value[], params: Value[]): OnnxForwardResult;
  /**
   * Emits the vector-Jacobian products: given dL/dy, the gradients w.r.t. inputs and params.
   * Omit it only for layers whose inputs never depend on parameters (e.g. the timestep embedding); the
   * tape refuses to differentiate through a layer without one.
   */
  onnxBackward?(b: GraphBuilder, ctx: OnnxBackwardContext, dOutput: Value): OnnxBackwardResult;
  /** The same forward with tfjs ops; tfjs autodiff of this is the reference for onnxBackward. */
  tfForward(tf: Tf, inputs: TfTensor[], params: TfTensor[]): TfTensor;
}

/** Every parameter of a set of layers, in layer order: the model's parameter list. */
export function collectParams(layers: readonly Layer[]): ParamSpec[] {
  const params = layers.flatMap((layer) => layer.params);
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name)) throw new Error(`two parameters are named ${p.name}; layer names must be unique`);
    seen.add(p.name);
  }
  return params;
}

export function paramSize(spec: ParamSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1);
}

export interface ParamSlot extends ParamSpec {
  /** Where the parameter starts in the flat vector of all parameters. */
  offset: number;
  size: number;
}

/**
 * The parameters laid end to end in one flat vector (the order of `collectParams`). The training graph
 * keeps θ, Adam's m and v, and the EMA as four such vectors, so the optimizer is a dozen ops on one
 * tensor instead of a dozen per parameter.
 */
export function flatParamLayout(layers: readonly Layer[]): { slots: ParamSlot[]; totalSize: number } {
  let offset = 0;
  const slots = collectParams(layers).map((spec) => {
    const size = paramSize(spec);
    const slot = { ...spec, offset, size };
    offset += size;
    return slot;
  });
  return { slots, totalSize: offset };
}
