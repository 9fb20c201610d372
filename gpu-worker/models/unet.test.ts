/**
 * The UNet at a tiny size through both engines: the compiled loss and every parameter gradient against
 * tfjs autodiff, the exported denoiser graph against the tfjs forward, and a short Fashion-MNIST run
 * of the compiled training step whose loss goes down.
 */
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import type { Scalar } from "@tensorflow/tfjs";
import { loadFashionMnist } from "../data/fashionMnist";
import { Rng } from "../ddpm/random";
import { makeNoiseSchedule } from "../ddpm/schedules";
import { flatParamLayout, type TfTensor } from "../engine/layer";
import { DENOISER_INPUTS, DENOISER_OUTPUT, buildDenoiserGraph } from "../engine/onnx/denoiser-graph";
import { BATCH_INPUTS, LOSS_OUTPUT, buildGradientGraph, gradientOutputName } from "../engine/onnx/training-graph";
import { initialTrainingState, packTensors } from "../engine/parameters";
import { expectRelativelyClose, randomNormal } from "../engine/test-utils";
import { loadTf } from "../engine/tfjs/backend";
import { TfWiring, batchTensors, diffusionLoss } from "../engine/tfjs/loss";
import { createTrainingEngine, DEFAULT_OPTIMIZER, type TrainBatch } from "../engine/training-engine";
import { DiffusionBatchSampler } from "../train/batch-sampler";
import { createUnet } from "./unet";

const tiny = createUnet({ kind: "unet", imageSize: 28, imageChannels: 1, baseChannels: 8, normGroups: 4 });
const sampleShape = [...tiny.sampleShape];
const pixels = sampleShape.reduce((a, b) => a * b, 1);
const schedule = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 1000 });

function randomBatch(rng: Rng, batchSize: number): TrainBatch {
  const t = Float32Array.from({ length: batchSize }, () => rng.randint(1000));
  const alphaBar = Array.from(t, (k) => schedule.alphasCumprod[k]);
  return {
    x0: randomNormal(rng, batchSize * pixels),
    noise: randomNormal(rng, batchSize * pixels),
    sqrtAlphaBar: Float32Array.from(alphaBar, Math.sqrt),
    sqrtOneMinusAlphaBar: Float32Array.from(alphaBar, (a) => Math.sqrt(1 - a)),
    timestep: t,
    lossWeight: Float32Array.from({ length: batchSize }, () => 0.5 + rng.uniform()),
  };
}

describe("UNet (base 8 channels, batch 2)", async () => {
  const { tf } = await loadTf();
  const rng = new Rng(3);
  const { params } = initialTrainingState(tiny, rng);
  const { slots, totalSize } = flatParamLayout(tiny.layers);

  it("compiled loss and every parameter gradient equal tfjs autodiff", async () => {
    const batch = randomBatch(rng, 2);
    const session = await ort.InferenceSession.create(buildGradientGraph({ model: tiny, prediction: "v_prediction" }));
    const sampleDims = [2, ...sampleShape];
    const coefficientDims = [2, 1, 1, 1];
    const dims: Record<keyof TrainBatch, number[]> = {
      x0: sampleDims,
      noise: sampleDims,
      sqrtAlphaBar: coefficientDims,
      sqrtOneMinusAlphaBar: coefficientDims,
      timestep: [2],
      lossWeight: coefficientDims,
    };
    const feeds: Record<string, ort.Tensor> = { params: new ort.Tensor("float32", packTensors(slots, totalSize, params), [totalSize]) };
    for (const key of Object.keys(BATCH_INPUTS) as (keyof TrainBatch)[]) feeds[BATCH_INPUTS[key]] = new ort.Tensor("float32", batch[key], dims[key]);
    const compiled = await session.run(feeds);

    const variables = slots.map((p) => tf.variable(tf.tensor(params[p.name], p.shape)));
    const shaped = Object.fromEntries(slots.map((p, i) => [p.name, variables[i] as TfTensor]));
    const tensors = batchTensors(tf, batch, sampleShape);
    const reference = tf.variableGrads(() => diffusionLoss(tf, tiny, shaped, tensors, "v_prediction") as Scalar, variables);
    expectRelativelyClose(compiled[LOSS_OUTPUT].data as Float32Array, reference.value.dataSync());
    slots.forEach((p, i) => expectRelativelyClose(compiled[gradientOutputName(p.name)].data as Float32Array, reference.grads[variables[i].name].dataSync()));
    tf.dispose([...variables, reference.value, ...Object.values(reference.grads), ...Object.values(tensors)]);
  }, 20_000);

  it("the exported denoiser graph's output equals the tfjs forward", async () => {
    const sample = randomNormal(rng, 3 * pixels);
    const timestep = Float32Array.of(0, 417, 999);
    const session = await ort.InferenceSession.create(buildDenoiserGraph(tiny, params));
    const out = await session.run({
      [DENOISER_INPUTS.sample]: new ort.Tensor("float32", sample, [3, ...sampleShape]),
      [DENOISER_INPUTS.timestep]: new ort.Tensor("float32", timestep, [3]),
    });
    const weights = Object.fromEntries(slots.map((p) => [p.name, tf.tensor(params[p.name], p.shape)]));
    const expected = tf.tidy(() => tiny.forward(new TfWiring(tf, weights), tf.tensor(sample, [3, ...sampleShape]), tf.tensor1d(timestep)).dataSync());
    tf.dispose(Object.values(weights));
    expectRelativelyClose(out[DENOISER_OUTPUT].data as Float32Array, expected);
  }, 20_000);
});

describe("UNet training on Fashion-MNIST", () => {
  it("20 compiled steps on 256 images lower the loss", async () => {
    const { images } = await loadFashionMnist({ limit: 256 });
    const sampler = new DiffusionBatchSampler({ data: images, dim: pixels, batchSize: 16, schedule, prediction: "epsilon", minSnrGamma: null, seed: 5 });
    const engine = await createTrainingEngine("onnx", {
      model: tiny,
      prediction: "epsilon",
      optimizer: DEFAULT_OPTIMIZER,
      initialState: initialTrainingState(tiny, new Rng(5)),
    });
    const losses: number[] = [];
    for (let step = 0; step < 20; step++) losses.push((await engine.steps(sampler.fill(step), [{ lr: 2e-3, emaDecay: 0.99 }]))[0].loss);
    await engine.dispose();
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(mean(losses.slice(-5))).toBeLessThan(0.6 * mean(losses.slice(0, 5)));
  }, 30_000);
});
