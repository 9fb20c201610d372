/**
 * The training step of a denoiser as ONE ONNX graph:
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
 * `adam_v`, `ema`, outputs `<name>.next`, which the engine feeds back as the next step's inputs. The
 * forward splits `params` into the parameters; the gradients are concatenated back into one vector,
 * so the optimizer is a dozen ops whatever the number of parameters (a dozen ops per parameter cost
 * ~4 ms per step here: onnxruntime's per-node overhead, not arithmetic, dominates small nets).
 * The "gradients" variant stops after the backward and outputs the raw gradients `grad.<param>`
 * (the tests compare them with tfjs autodiff).
 */
import { flatParamLayout, type ParamSlot } from "../layer";
import type { DenoiserModel } from "../../models/model";
import type { PredictionType } from "../../ddpm/forward";
import type { ExecutionProviderName, OptimizerConfig } from "../training-engine";
import { GraphBuilder, maxTensorsPerNodeFor, type Value } from "./graph-builder";
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

/** Per-step scalar inputs. `step` is the 1-based index of the step being taken (bias correction). */
export const SCALAR_INPUTS = { lr: "lr", emaDecay: "ema_decay", step: "step" } as const;

/** The flat state vectors, as graph inputs; each has an output `<name>.next`. */
export const STATE_INPUTS = ["params", "adam_m", "adam_v", "ema"] as const;
export type StateName = (typeof STATE_INPUTS)[number];
export const nextStateName = (state: StateName): string => `${state}.next`;
export const gradientOutputName = (param: string): string => `grad.${param}`;
export const LOSS_OUTPUT = "loss";
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

/** Emits the batch inputs, the loss and the backward; returns the loss and dL/dθ in parameter order. */
function emitLossAndGradients(b: GraphBuilder, model: DenoiserModel, prediction: PredictionType, slots: ParamSlot[], totalSize: number) {
  const sampleDims = [BATCH, ...model.sampleShape];
  // Per-sample coefficients are [batch, 1, …, 1] so they broadcast over one sample's axes.
  const coefficientDims = [BATCH, ...model.sampleShape.map(() => 1)];
  const x0 = b.input(BATCH_INPUTS.x0, "float", sampleDims);
  const noise = b.input(BATCH_INPUTS.noise, "float", sampleDims);
  const a = b.input(BATCH_INPUTS.sqrtAlphaBar, "float", coefficientDims);
  const s = b.input(BATCH_INPUTS.sqrtOneMinusAlphaBar, "float", coefficientDims);
  const timestep = b.input(BATCH_INPUTS.timestep, "float", [BATCH]);
  const weight = b.input(BATCH_INPUTS.lossWeight, "float", coefficientDims);
  const params = b.input("params", "float", [totalSize]);
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
      params,
      grads: slots.map((p) => {
        const g = grads.get(p.name);
        if (g === undefined) throw new Error(`parameter ${p.name} does not influence the model output`);
        return g;
      }),
    };
  });
}

/** The loss and raw (unclipped) gradients only: for checking the backward rules. */
export function buildGradientGraph({ model, prediction }: Omit<TrainingGraphOptions, "optimizer">): Uint8Array {
  const b = new GraphBuilder(`${model.kind}_gradients`);
  const { slots, totalSize } = flatParamLayout(model.layers);
  const { loss, grads } = emitLossAndGradients(b, model, prediction, slots, totalSize);
  b.output(loss, LOSS_OUTPUT, "float", []);
  slots.forEach((p, i) => b.output(grads[i], gradientOutputName(p.name), "float", p.shape));
  return b.serialize(`loss and gradients of ${model.kind}, prediction ${prediction}`);
}

export function buildTrainingGraph({ model, prediction, optimizer, provider = "cpu" }: TrainingGraphOptions): Uint8Array {
  const b = new GraphBuilder(`${model.kind}_training_step`, maxTensorsPerNodeFor(provider));
  const { slots, totalSize } = flatParamLayout(model.layers);
  const { loss, grads, params } = emitLossAndGradients(b, model, prediction, slots, totalSize);
  const [adamM, adamV, ema] = (["adam_m", "adam_v", "ema"] as const).map((name) => b.input(name, "float", [totalSize]));
  const lr = b.input(SCALAR_INPUTS.lr, "float", []);
  const emaDecay = b.input(SCALAR_INPUTS.emaDecay, "float", []);
  const step = b.input(SCALAR_INPUTS.step, "float", []);

  const flatGrad = b.inScope("pack_gradients", () =>
    b.concat(grads.map((g, i) => (slots[i].shape.length === 1 ? g : b.op("Reshape", [g, b.int64s([-1])])))),
  );
  const gradNorm = b.inScope("clip", () => b.op("Sqrt", [b.sumOfSquares(flatGrad)]));

  b.inScope("adamw", () => {
    const { beta1, beta2, epsilon, weightDecay, gradClipNorm } = optimizer;
    const one = b.constant(1);
    // Clipping g ← c·g with c = min(1, maxNorm/(‖g‖ + 1e-6)) (PyTorch clip_grad_norm_) is folded into
    // the moment updates' scalar coefficients: (1 − β₁)·c·g and (1 − β₂)·c²·g².
    const clip =
      gradClipNorm === null
        ? one
        : b.op("Min", [one, b.div(b.constant(gradClipNorm), b.add(gradNorm, b.constant(CLIP_NORM_EPSILON)))]);
    const m = b.add(b.mul(b.constant(beta1), adamM), b.mul(b.mul(b.constant(1 - beta1), clip), flatGrad));
    const v = b.add(b.mul(b.constant(beta2), adamV), b.mul(b.mul(b.constant(1 - beta2), b.mul(clip, clip)), b.mul(flatGrad, flatGrad)));
    // θ ← θ − lr·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁^k), v̂ = v/(1 − β₂^k), computed on scalars as
    // θ − (lr·√(1 − β₂^k)/(1 − β₁^k))·m/(√v + ε·√(1 − β₂^k)), which is the same expression.
    const sqrtBiasCorrection2 = b.op("Sqrt", [b.sub(one, b.op("Pow", [b.constant(beta2), step]))]);
    const stepSize = b.div(b.mul(lr, sqrtBiasCorrection2), b.sub(one, b.op("Pow", [b.constant(beta1), step])));
    const denominator = b.add(b.op("Sqrt", [v]), b.mul(b.constant(epsilon), sqrtBiasCorrection2));
    // Decoupled weight decay θ ← θ·(1 − lr·λ), only where the ParamSpec asks for it (a 0/1 mask).
    const decayed =
      weightDecay > 0
        ? b.mul(params, b.sub(one, b.mul(b.mul(lr, b.constant(weightDecay)), b.initializer("weight_decay_mask", weightDecayMask(slots, totalSize), [totalSize]))))
        : params;
    const next = b.sub(decayed, b.mul(stepSize, b.div(m, denominator)));
    // EMA: θ̄ ← d·θ̄ + (1 − d)·θ, written θ + d·(θ̄ − θ) (one op fewer).
    const nextEma = b.add(next, b.mul(emaDecay, b.sub(ema, next)));
    const outputs: Record<StateName, string> = { params: next, adam_m: m, adam_v: v, ema: nextEma };
    for (const name of STATE_INPUTS) b.output(outputs[name], nextStateName(name), "float", [totalSize]);
  });
  b.output(loss, LOSS_OUTPUT, "float", []);
  b.output(gradNorm, GRAD_NORM_OUTPUT, "float", []);
  return b.serialize(`training step of ${model.kind}: prediction ${prediction}, AdamW ${JSON.stringify(optimizer)}`);
}

function weightDecayMask(slots: ParamSlot[], totalSize: number): Float32Array {
  const mask = new Float32Array(totalSize);
  for (const p of slots) if (p.weightDecay) mask.fill(1, p.offset, p.offset + p.size);
  return mask;
}
