/**
 * The compiled MLP training step against references:
 * - loss and every parameter gradient vs tfjs autodiff (each prediction type, plain and min-SNR-γ);
 * - clipping, AdamW and EMA (ONNX graph and tfjs engine) vs the equations in float64 JS.
 */
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { PREDICTION_TYPES, type PredictionType } from "../../ddpm/forward";
import { minSnrWeights } from "../../ddpm/losses";
import { Rng } from "../../ddpm/random";
import { makeNoiseSchedule } from "../../ddpm/schedules";
import { createMlp } from "../../models/mlp";
import type { Scalar } from "@tensorflow/tfjs";
import { flatParamLayout, type TfTensor } from "../layer";
import { initialTrainingState, mapTensors, packTensors } from "../parameters";
import { expectRelativelyClose, randomNormal } from "../test-utils";
import { loadTf } from "../tfjs/backend";
import { batchTensors, diffusionLoss } from "../tfjs/loss";
import { TfjsTrainingEngine } from "../tfjs/tfjs-engine";
import type { NamedTensors, OptimizerConfig, TrainBatch, TrainingState } from "../training-engine";
import { OnnxTrainingEngine } from "./onnx-engine";
import { buildGradientGraph, gradientOutputName, LOSS_OUTPUT } from "./training-graph";

const model = createMlp({ kind: "mlp", dataDim: 2, hidden: 16, depth: 2, timeEmbeddingDim: 8 });
const schedule = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 1000 });
const BATCH = 12;

function makeBatch(rng: Rng, prediction: PredictionType, minSnrGamma: number | null): TrainBatch {
  const t = Int32Array.from({ length: BATCH }, () => rng.randint(1000));
  const alphaBar = Array.from(t, (k) => schedule.alphasCumprod[k]);
  return {
    x0: randomNormal(rng, BATCH * 2),
    noise: randomNormal(rng, BATCH * 2),
    sqrtAlphaBar: Float32Array.from(alphaBar, Math.sqrt),
    sqrtOneMinusAlphaBar: Float32Array.from(alphaBar, (a) => Math.sqrt(1 - a)),
    timestep: Float32Array.from(t),
    lossWeight: minSnrGamma === null ? new Float32Array(BATCH).fill(1) : minSnrWeights(prediction, schedule, t, minSnrGamma),
  };
}

/** Loss and per-parameter gradients from the compiled gradient graph. */
async function compiledGradients(prediction: PredictionType, params: NamedTensors, batch: TrainBatch) {
  const { slots, totalSize } = flatParamLayout(model.layers);
  const session = await ort.InferenceSession.create(buildGradientGraph({ model, prediction }));
  const column = [BATCH, 1];
  const out = await session.run({
    params: new ort.Tensor("float32", packTensors(slots, totalSize, params), [totalSize]),
    x0: new ort.Tensor("float32", batch.x0, [BATCH, 2]),
    noise: new ort.Tensor("float32", batch.noise, [BATCH, 2]),
    sqrt_alpha_bar: new ort.Tensor("float32", batch.sqrtAlphaBar, column),
    sqrt_one_minus_alpha_bar: new ort.Tensor("float32", batch.sqrtOneMinusAlphaBar, column),
    timestep: new ort.Tensor("float32", batch.timestep, [BATCH]),
    loss_weight: new ort.Tensor("float32", batch.lossWeight, column),
  });
  const grads: NamedTensors = {};
  for (const p of slots) grads[p.name] = out[gradientOutputName(p.name)].data as Float32Array;
  return { loss: (out[LOSS_OUTPUT].data as Float32Array)[0], grads };
}

/** A state with non-trivial moments (as after a few steps) so every AdamW term matters. */
function warmState(rng: Rng): TrainingState {
  const start = initialTrainingState(model, rng);
  return {
    step: 3,
    params: start.params,
    adamM: mapTensors(start.params, (v) => randomNormal(rng, v.length, 0.01)),
    adamV: mapTensors(start.params, (v) => randomNormal(rng, v.length, 0.01).map((x) => x * x)),
    ema: mapTensors(start.params, (v) => v.map((x) => x + 0.01 * rng.normal())),
  };
}

describe("compiled MLP gradients equal tfjs autodiff", async () => {
  const { tf } = await loadTf();
  const cases = PREDICTION_TYPES.flatMap((prediction) => [
    { prediction, minSnrGamma: null },
    { prediction, minSnrGamma: 5 },
  ]);
  it.each(cases)("$prediction, min-SNR γ = $minSnrGamma", async ({ prediction, minSnrGamma }) => {
    const rng = new Rng(7);
    const { params } = warmState(rng);
    const batch = makeBatch(rng, prediction, minSnrGamma);
    const compiled = await compiledGradients(prediction, params, batch);

    const slots = flatParamLayout(model.layers).slots;
    const variables = slots.map((p) => tf.variable(tf.tensor(params[p.name], p.shape)));
    const shaped = Object.fromEntries(slots.map((p, i) => [p.name, variables[i] as TfTensor]));
    const tensors = batchTensors(tf, batch, model.sampleShape);
    const reference = tf.variableGrads(() => diffusionLoss(tf, model, shaped, tensors, prediction) as Scalar, variables);
    const value = reference.value.dataSync()[0];
    const grads = Object.fromEntries(slots.map((p, i) => [p.name, reference.grads[variables[i].name].dataSync()]));
    tf.dispose([...variables, reference.value, ...Object.values(reference.grads), ...Object.values(tensors)]);
    expectRelativelyClose([compiled.loss], [value]);
    for (const name of Object.keys(params)) expectRelativelyClose(compiled.grads[name], grads[name]);
  });
});

/** The optimizer equations in float64: clip, AdamW (PyTorch's form), EMA. */
function referenceStep(state: TrainingState, grads: NamedTensors, optimizer: OptimizerConfig, lr: number, emaDecay: number) {
  const { beta1, beta2, epsilon, weightDecay, gradClipNorm } = optimizer;
  const k = state.step + 1;
  const norm = Math.sqrt(Object.values(grads).reduce((sum, g) => sum + g.reduce((s, x) => s + x * x, 0), 0));
  const clip = gradClipNorm === null ? 1 : Math.min(1, gradClipNorm / (norm + 1e-6));
  const decays = new Set(flatParamLayout(model.layers).slots.filter((p) => p.weightDecay).map((p) => p.name));
  const next: TrainingState = { step: k, params: {}, adamM: {}, adamV: {}, ema: {} };
  for (const [name, theta] of Object.entries(state.params)) {
    const g = Array.from(grads[name], (x) => x * clip);
    const m = g.map((gi, i) => beta1 * state.adamM[name][i] + (1 - beta1) * gi);
    const v = g.map((gi, i) => beta2 * state.adamV[name][i] + (1 - beta2) * gi * gi);
    const p = Array.from(theta, (x, i) => {
      const decayed = decays.has(name) ? x * (1 - lr * weightDecay) : x;
      const mHat = m[i] / (1 - beta1 ** k);
      const vHat = v[i] / (1 - beta2 ** k);
      return decayed - (lr * mHat) / (Math.sqrt(vHat) + epsilon);
    });
    next.params[name] = Float32Array.from(p);
    next.adamM[name] = Float32Array.from(m);
    next.adamV[name] = Float32Array.from(v);
    next.ema[name] = Float32Array.from(p, (x, i) => emaDecay * state.ema[name][i] + (1 - emaDecay) * x);
  }
  return { next, norm };
}

describe("clipping, AdamW and EMA match the float64 equations", () => {
  const optimizers: OptimizerConfig[] = [
    { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1, gradClipNorm: 0.05 }, // clipping active
    { beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0, gradClipNorm: null },
  ];
  const engines = { onnx: OnnxTrainingEngine, tfjs: TfjsTrainingEngine };
  const cases = optimizers.flatMap((optimizer) => (["onnx", "tfjs"] as const).map((engine) => ({ engine, optimizer })));
  it.each(cases)("$engine engine, clip $optimizer.gradClipNorm, weight decay $optimizer.weightDecay", async ({ engine, optimizer }) => {
    const rng = new Rng(11);
    const state = warmState(rng);
    const batch = makeBatch(rng, "epsilon", null);
    const { grads } = await compiledGradients("epsilon", state.params, batch);
    const lr = 3e-3;
    const emaDecay = 0.9;
    const { next, norm } = referenceStep(state, grads, optimizer, lr, emaDecay);

    const trainer = await engines[engine].create({ model, prediction: "epsilon", optimizer, initialState: state });
    const [result] = await trainer.steps(batch, [{ lr, emaDecay }]);
    const after = await trainer.exportState();
    await trainer.dispose();
    expect(after.step).toBe(4);
    expectRelativelyClose([result.gradNorm], [norm]);
    for (const key of ["params", "adamM", "adamV", "ema"] as const) {
      for (const name of Object.keys(state.params)) expectRelativelyClose(after[key][name], next[key][name]);
    }
  });
});
