/**
 * The training step of a denoiser as ONNX graphs:
 *
 *   x_t  = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε                       forward process (per-sample coefficients as inputs)
 *   pred = model(x_t, t)                               forward, recorded on an OnnxTape
 *   L    = mean_i( w_i · mean_j (pred − target)²_ij )  target per prediction type; w = min-SNR-γ or 1
 *   g    = dL/dθ                                       backward from the layers' gradient rules
 *   g   ← g · min(1, c / (‖g‖₂ + 1e-6))                global-norm clipping (PyTorch clip_grad_norm_)
 *   θ, m, v ← AdamW(θ, m, v, g)                        bias-corrected, decoupled weight decay (PyTorch AdamW)
 *   θ̄   ← d·θ̄ + (1 − d)·θ                              EMA of the updated weights
 *
 * The state is four flat vectors (θ, m, v, θ̄; see flatParamLayout): inputs `params`, `adam_m`,
 * `adam_v`, `ema`, outputs `<name>.next`, which the engine feeds back as the next run's inputs. The
 * forward splits `params` into the parameters; the gradients are concatenated back into one vector,
 * so the optimizer is a dozen ops whatever the number of parameters (a dozen ops per parameter cost
 * ~4 ms per step here: onnxruntime's per-node overhead, not arithmetic, dominates small nets).
 *
 * Both training graphs take a STACK of batches ([steps, batch, …] inputs, one lr and EMA decay per
 * step) and output one loss and gradient norm per step:
 * - the loop graph takes every step of the stack in one run: an ONNX Loop whose body is the step,
 *   carrying the state from step to step inside onnxruntime. Per run, onnxruntime-node copies each
 *   state output into a new JS buffer (~0.25 ms for the 2D MLP's 4 × 47k floats) and the call itself
 *   costs ~0.05 ms, so taking many steps per run removes most of what is not arithmetic. It stops
 *   after the first step whose loss or gradient norm is not finite.
 * - the step graph takes the first batch of the stack only, without a Loop (GPU providers, whose
 *   state never leaves the device, and whose Loop support is unmeasured).
 * The "gradients" graph stops after the backward of one unstacked batch and outputs the raw gradients
 * `grad.<param>` (the tests compare them with tfjs autodiff).
 */
import { flatParamLayout, type ParamSlot } from "../layer";
import type { DenoiserModel } from "../../models/model";
import type { PredictionType } from "../../ddpm/forward";
import type { ExecutionProviderName, OptimizerConfig, TrainBatch } from "../training-engine";
import { GraphBuilder, maxTensorsPerNodeFor, type Dim, type Value } from "./graph-builder";
import { OnnxTape } from "./tape";

/** Names of the per-batch inputs, in TrainBatch's terms. */
export const BATCH_INPUTS = {
  x0: "x0",
  noise: "noise",
  sqrtAlphaBar: "sqrt_alpha_bar",
  sqrtOneMinusAlphaBar: "sqrt_one_minus_alpha_bar",
  timestep: "timestep",
  lossWeight: "loss_weight",
} as const;

/**
 * Per-step inputs of the training graphs: `lr` and `ema_decay` hold one value per step of the stack,
 * `step` is the 1-based index of the stack's first step (bias correction).
 */
export const STEP_INPUTS = { lr: "lr", emaDecay: "ema_decay", step: "step" } as const;

/** The flat state vectors, as graph inputs; each has an output `<name>.next`. */
export const STATE_INPUTS = ["params", "adam_m", "adam_v", "ema"] as const;
export type StateName = (typeof STATE_INPUTS)[number];
export const nextStateName = (state: StateName): string => `${state}.next`;
export const gradientOutputName = (param: string): string => `grad.${param}`;
/** The gradients graph's loss (a scalar); the training graphs' per-step losses ([steps]). */
export const LOSS_OUTPUT = "loss";
/** The training graphs' per-step gradient norms before clipping ([steps]). */
export const GRAD_NORM_OUTPUT = "grad_norm";

/** PyTorch's clip_grad_norm_ adds this to the norm before dividing. */
const CLIP_NORM_EPSILON = 1e-6;

export interface TrainingGraphOptions {
  model: DenoiserModel;
  prediction: PredictionType;
  optimizer: OptimizerConfig;
  /** The execution provider the graph is for (its node-width limit); default cpu. */
  provider?: ExecutionProviderName;
}

const BATCH = "batch";
const STEPS = "steps";

/** The batch inputs, with `leading` dimensions before [batch, …]: none for one batch, [steps] for a stack. */
function declareBatchInputs(b: GraphBuilder, model: DenoiserModel, leading: Dim[]): Record<keyof TrainBatch, Value> {
  const sampleDims = [...leading, BATCH, ...model.sampleShape];
  // Per-sample coefficients are [batch, 1, …, 1] so they broadcast over one sample's axes.
  const coefficientDims = [...leading, BATCH, ...model.sampleShape.map(() => 1)];
  const dims: Record<keyof TrainBatch, Dim[]> = {
    x0: sampleDims,
    noise: sampleDims,
    sqrtAlphaBar: coefficientDims,
    sqrtOneMinusAlphaBar: coefficientDims,
    timestep: [...leading, BATCH],
    lossWeight: coefficientDims,
  };
  const keys = Object.keys(BATCH_INPUTS) as (keyof TrainBatch)[];
  return Object.fromEntries(keys.map((key) => [key, b.input(BATCH_INPUTS[key], "float", dims[key])])) as Record<keyof TrainBatch, Value>;
}

/** Emits the loss and the backward of one batch; returns the loss and dL/dθ in parameter order. */
function emitLossAndGradients(b: GraphBuilder, model: DenoiserModel, prediction: PredictionType, batch: Record<keyof TrainBatch, Value>, params: Value, slots: ParamSlot[]) {
  const { x0, noise, sqrtAlphaBar: a, sqrtOneMinusAlphaBar: s, timestep, lossWeight: weight } = batch;
  // Splits cut the flat vector into the parameters; 2-D weights are then reshaped.
  const pieces = b.inScope("unpack", () => b.split(params, slots.map((p) => p.size)));
  const paramValues = new Map(
    b.inScope("unpack", () => slots.map((p, i) => [p.name, p.shape.length === 1 ? pieces[i] : b.op("Reshape", [pieces[i], b.int64s(p.shape)])] as const)),
  );

  const xt = b.inScope("forward_process", () => b.add(b.mul(a, x0), b.mul(s, noise)));
  const tape = new OnnxTape(b, (name) => paramValues.get(name)!);
  const pred = model.forward(tape, xt, timestep);

  return b.inScope("loss", () => {
    const targets: Record<PredictionType, () => Value> = {
      epsilon: () => noise,
      sample: () => x0,
      // v = √ᾱ·ε − √(1−ᾱ)·x₀
      v_prediction: () => b.sub(b.mul(a, noise), b.mul(s, x0)),
    };
    const residual = b.sub(pred, targets[prediction]());
    // L = (1/n) Σ_ij w_i r_ij², n = number of elements, which equals mean_i(w_i · mean_j r_ij²).
    const weightedSquares = b.mul(weight, b.mul(residual, residual));
    const loss = b.reduceMean(weightedSquares, []);
    // dL/dpred = 2·w_i·r_ij / n
    const count = b.op("Cast", [b.op("Size", [residual])], { to: 1 /* FLOAT */ });
    const dPred = b.mul(b.mul(residual, weight), b.div(b.constant(2), count));
    const grads = tape.backward(pred, dPred);
    return {
      loss,
      grads: slots.map((p) => {
        const g = grads.get(p.name);
        if (g === undefined) throw new Error(`parameter ${p.name} does not influence the model output`);
        return g;
      }),
    };
  });
}

/** The loss and raw (unclipped) gradients of one batch only: for checking the backward rules. */
export function buildGradientGraph({ model, prediction }: Omit<TrainingGraphOptions, "optimizer">): Uint8Array {
  const b = new GraphBuilder(`${model.kind}_gradients`);
  const { slots, totalSize } = flatParamLayout(model.layers);
  const batch = declareBatchInputs(b, model, []);
  const { loss, grads } = emitLossAndGradients(b, model, prediction, batch, b.input("params", "float", [totalSize]), slots);
  b.output(loss, LOSS_OUTPUT, "float", []);
  slots.forEach((p, i) => b.output(grads[i], gradientOutputName(p.name), "float", p.shape));
  return b.serialize(`loss and gradients of ${model.kind}, prediction ${prediction}`);
}

/** What one step reads: its batch, the current state and its scalars (lr, EMA decay, 1-based step index). */
interface StepValues {
  batch: Record<keyof TrainBatch, Value>;
  state: Record<StateName, Value>;
  lr: Value;
  emaDecay: Value;
  step: Value;
}

/** Emits one whole training step; returns its loss, gradient norm and next state. */
function emitTrainingStep(b: GraphBuilder, { model, prediction, optimizer }: TrainingGraphOptions, values: StepValues) {
  const { slots, totalSize } = flatParamLayout(model.layers);
  const { batch, state, lr, emaDecay, step } = values;
  const { loss, grads } = emitLossAndGradients(b, model, prediction, batch, state.params, slots);
  const flatGrad = b.inScope("pack_gradients", () =>
    b.concat(grads.map((g, i) => (slots[i].shape.length === 1 ? g : b.op("Reshape", [g, b.int64s([-1])])))),
  );
  const gradNorm = b.inScope("clip", () => b.op("Sqrt", [b.sumOfSquares(flatGrad)]));

  const next = b.inScope("adamw", (): Record<StateName, Value> => {
    const { beta1, beta2, epsilon, weightDecay, gradClipNorm } = optimizer;
    const one = b.constant(1);
    // Clipping g ← c·g with c = min(1, maxNorm/(‖g‖ + 1e-6)) (PyTorch clip_grad_norm_) is folded into
    // the moment updates' scalar coefficients: (1 − β₁)·c·g and (1 − β₂)·c²·g².
    const clip =
      gradClipNorm === null
        ? one
        : b.op("Min", [one, b.div(b.constant(gradClipNorm), b.add(gradNorm, b.constant(CLIP_NORM_EPSILON)))]);
    const m = b.add(b.mul(b.constant(beta1), state.adam_m), b.mul(b.mul(b.constant(1 - beta1), clip), flatGrad));
    const v = b.add(b.mul(b.constant(beta2), state.adam_v), b.mul(b.mul(b.constant(1 - beta2), b.mul(clip, clip)), b.mul(flatGrad, flatGrad)));
    // θ ← θ − lr·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁^k), v̂ = v/(1 − β₂^k), computed on scalars as
    // θ − (lr·√(1 − β₂^k)/(1 − β₁^k))·m/(√v + ε·√(1 − β₂^k)), which is the same expression.
    const sqrtBiasCorrection2 = b.op("Sqrt", [b.sub(one, b.op("Pow", [b.constant(beta2), step]))]);
    const stepSize = b.div(b.mul(lr, sqrtBiasCorrection2), b.sub(one, b.op("Pow", [b.constant(beta1), step])));
    const denominator = b.add(b.op("Sqrt", [v]), b.mul(b.constant(epsilon), sqrtBiasCorrection2));
    // Decoupled weight decay θ ← θ·(1 − lr·λ), only where the ParamSpec asks for it (a 0/1 mask).
    const decayed =
      weightDecay > 0
        ? b.mul(state.params, b.sub(one, b.mul(b.mul(lr, b.constant(weightDecay)), b.initializer("weight_decay_mask", weightDecayMask(slots, totalSize), [totalSize]))))
        : state.params;
    const params = b.sub(decayed, b.mul(stepSize, b.div(m, denominator)));
    // EMA: θ̄ ← d·θ̄ + (1 − d)·θ, written θ + d·(θ̄ − θ) (one op fewer).
    const ema = b.add(params, b.mul(emaDecay, b.sub(state.ema, params)));
    return { params, adam_m: m, adam_v: v, ema };
  });
  return { loss, gradNorm, next };
}

/** The stacked batch, state and per-step inputs both training graphs take. */
function declareTrainingInputs(b: GraphBuilder, model: DenoiserModel) {
  const { totalSize } = flatParamLayout(model.layers);
  return {
    batches: declareBatchInputs(b, model, [STEPS]),
    state: Object.fromEntries(STATE_INPUTS.map((name) => [name, b.input(name, "float", [totalSize])])) as Record<StateName, Value>,
    lr: b.input(STEP_INPUTS.lr, "float", [STEPS]),
    emaDecay: b.input(STEP_INPUTS.emaDecay, "float", [STEPS]),
    firstStep: b.input(STEP_INPUTS.step, "float", []),
  };
}

type TrainingInputs = ReturnType<typeof declareTrainingInputs>;

/** Step `index` (an int64 scalar) of the stack: its batch and scalars, and the state given. */
function stepOfStack(b: GraphBuilder, inputs: TrainingInputs, index: Value, state: Record<StateName, Value>): StepValues {
  return b.inScope("select_step", () => {
    const at = (stacked: Value) => b.op("Gather", [stacked, index], { axis: 0 });
    const keys = Object.keys(inputs.batches) as (keyof TrainBatch)[];
    return {
      batch: Object.fromEntries(keys.map((key) => [key, at(inputs.batches[key])])) as Record<keyof TrainBatch, Value>,
      state,
      lr: at(inputs.lr),
      emaDecay: at(inputs.emaDecay),
      step: b.add(inputs.firstStep, b.op("Cast", [index], { to: 1 /* FLOAT */ })),
    };
  });
}

const describeOptions = ({ model, prediction, optimizer }: TrainingGraphOptions) =>
  `${model.kind}: prediction ${prediction}, AdamW ${JSON.stringify(optimizer)}`;

function outputTrainingStep(b: GraphBuilder, totalSize: number, { loss, gradNorm, next }: ReturnType<typeof emitTrainingStep>): void {
  for (const name of STATE_INPUTS) b.output(next[name], nextStateName(name), "float", [totalSize]);
  // [1]: the step graph reports its one step as a stack of one.
  b.output(b.op("Unsqueeze", [loss, b.int64s([0])]), LOSS_OUTPUT, "float", [1]);
  b.output(b.op("Unsqueeze", [gradNorm, b.int64s([0])]), GRAD_NORM_OUTPUT, "float", [1]);
}

/** One training step on the first batch of the stack. */
export function buildTrainingStepGraph(options: TrainingGraphOptions): Uint8Array {
  const { model, provider = "cpu" } = options;
  const b = new GraphBuilder(`${model.kind}_training_step`, maxTensorsPerNodeFor(provider));
  const inputs = declareTrainingInputs(b, model);
  const step = emitTrainingStep(b, options, stepOfStack(b, inputs, b.op("Constant", [], { value_int: 0 }), inputs.state));
  outputTrainingStep(b, flatParamLayout(model.layers).totalSize, step);
  return b.serialize(`one training step of ${describeOptions(options)}`);
}

/**
 * Every step of the stack, in order, in one run: a Loop over the steps (trip count = the stack's
 * length) whose body is the training step, with the four state vectors as loop-carried values and the
 * loss and gradient norm as scan outputs. The body's condition output stops the loop after the first
 * step whose loss or gradient norm is not finite; the outputs then hold that step (the engine
 * recovers the state before it, see OnnxTrainingEngine).
 */
export function buildTrainingLoopGraph(options: TrainingGraphOptions): Uint8Array {
  const { model, provider = "cpu" } = options;
  const { totalSize } = flatParamLayout(model.layers);
  const b = new GraphBuilder(`${model.kind}_training_loop`, maxTensorsPerNodeFor(provider));
  const inputs = declareTrainingInputs(b, model);
  const tripCount = b.op("Squeeze", [b.op("Shape", [inputs.lr])]);

  const body = b.subgraph(`${model.kind}_training_step`);
  const index = body.input("step_index", "int64", []);
  body.input("condition", "bool", []);
  const carried = Object.fromEntries(STATE_INPUTS.map((name) => [name, body.input(`${name}.carried`, "float", [totalSize])])) as Record<StateName, Value>;
  const { loss, gradNorm, next } = emitTrainingStep(body, options, stepOfStack(body, inputs, index, carried));
  // x − x is 0 for every finite x and NaN for ±Inf and NaN.
  const lossAndNorm = body.add(loss, gradNorm);
  body.output(body.op("Equal", [body.sub(lossAndNorm, lossAndNorm), body.constant(0)]), "finite", "bool", []);
  for (const name of STATE_INPUTS) body.output(next[name], `${name}.carried.next`, "float", [totalSize]);
  body.output(loss, "step_loss", "float", []);
  body.output(gradNorm, "step_grad_norm", "float", []);

  const outputs = [...STATE_INPUTS.map(nextStateName), LOSS_OUTPUT, GRAD_NORM_OUTPUT];
  const loopOutputs = b.opMulti("Loop", [tripCount, "", ...STATE_INPUTS.map((name) => inputs.state[name])], outputs.length, {
    body: { graph: body.toGraphProto() },
  });
  outputs.forEach((name, i) => b.output(loopOutputs[i], name, "float", i < STATE_INPUTS.length ? [totalSize] : [STEPS]));
  return b.serialize(`training steps (a Loop over a stack of batches) of ${describeOptions(options)}`);
}

function weightDecayMask(slots: ParamSlot[], totalSize: number): Float32Array {
  const mask = new Float32Array(totalSize);
  for (const p of slots) if (p.weightDecay) mask.fill(1, p.offset, p.offset + p.size);
  return mask;
}
