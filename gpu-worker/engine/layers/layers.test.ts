/**
 * Every layer's ONNX backward rule against tfjs autodiff of its tfjs twin. `gradientCheck` compiles
 * the layer alone with the loss L = Σ y ⊙ r (r random, so dL/dy = r), runs forward + backward with
 * onnxruntime, and compares dL/dinput and dL/dparam with tf.grads of the same L, within 1e-4 relative.
 */
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { Rng } from "../../ddpm/random";
import { type Layer, paramSize, type TfTensor } from "../layer";
import { GraphBuilder } from "../onnx/graph-builder";
import { loadTf } from "../tfjs/backend";
import { expectRelativelyClose, randomNormal } from "../test-utils";
import { add } from "./add";
import { concat } from "./concat";
import { linear } from "./linear";
import { silu } from "./silu";
import { sinusoidalEmbedding } from "./sinusoidal-embedding";

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

async function gradientCheck(layer: Layer, inputShapes: number[][], seed = 1): Promise<void> {
  const { tf } = await loadTf();
  const rng = new Rng(seed);
  const inputs = inputShapes.map((shape) => randomNormal(rng, size(shape)));
  const params = layer.params.map((p) => randomNormal(rng, paramSize(p), 0.5));
  const tfInputs = inputs.map((x, i) => tf.tensor(x, inputShapes[i]));
  const tfParams = params.map((p, j) => tf.tensor(p, layer.params[j].shape));
  const outputShape = layer.tfForward(tf, tfInputs, tfParams).shape;
  const r = randomNormal(rng, size(outputShape));

  // ONNX: y = layer(inputs), then the layer's backward rule from dL/dy = r.
  const b = new GraphBuilder(`check_${layer.name}`);
  const inputValues = inputShapes.map((shape, i) => b.input(`x${i}`, "float", shape));
  const paramValues = layer.params.map((p) => b.input(p.name, "float", p.shape));
  const dy = b.input("dy", "float", outputShape);
  const { output, saved = [] } = layer.onnxForward(b, inputValues, paramValues);
  const needsInputGrad = inputShapes.map(() => true);
  const { dInputs, dParams } = layer.onnxBackward!(b, { inputs: inputValues, params: paramValues, output, saved, needsInputGrad }, dy);
  dInputs.forEach((d, i) => b.output(d!, `d_x${i}`, "float", inputShapes[i]));
  dParams.forEach((d, j) => b.output(d, `d_param${j}`, "float", layer.params[j].shape));
  const feeds: Record<string, ort.Tensor> = { dy: new ort.Tensor("float32", r, outputShape) };
  inputs.forEach((x, i) => (feeds[`x${i}`] = new ort.Tensor("float32", x, inputShapes[i])));
  params.forEach((p, j) => (feeds[layer.params[j].name] = new ort.Tensor("float32", p, layer.params[j].shape)));
  const out = await (await ort.InferenceSession.create(b.serialize())).run(feeds);

  // tfjs: the same L = Σ tfForward(inputs, params) ⊙ r, differentiated by autodiff.
  const loss = (...all: TfTensor[]) =>
    tf.sum(tf.mul(layer.tfForward(tf, all.slice(0, inputs.length), all.slice(inputs.length)), tf.tensor(r, outputShape)));
  const grads = tf.grads(loss)([...tfInputs, ...tfParams]);
  inputs.forEach((_, i) => expectRelativelyClose(out[`d_x${i}`].data as Float32Array, grads[i].dataSync()));
  params.forEach((_, j) => expectRelativelyClose(out[`d_param${j}`].data as Float32Array, grads[inputs.length + j].dataSync()));
}

describe("layer gradient rules match tfjs autodiff", () => {
  it("linear: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ dy", () => gradientCheck(linear("fc", 5, 3), [[4, 5]]));
  it("silu: dx = dy·(σ + y(1 − σ))", () => gradientCheck(silu("act"), [[4, 6]]));
  it("add: both inputs get dy", () => gradientCheck(add("sum"), [[3, 4], [3, 4]]));
  it("concat: each input gets its slice of dy", () => gradientCheck(concat("join", [2, 5]), [[3, 2], [3, 5]]));
});

describe("sinusoidal embedding", () => {
  it("ONNX forward equals the tfjs twin", async () => {
    const { tf } = await loadTf();
    const layer = sinusoidalEmbedding("emb", 8);
    const t = Float32Array.of(0, 1, 37, 999);
    const b = new GraphBuilder("emb");
    b.output(layer.onnxForward(b, [b.input("t", "float", [4])], []).output, "y", "float", [4, 8]);
    const out = await (await ort.InferenceSession.create(b.serialize())).run({ t: new ort.Tensor("float32", t, [4]) });
    expectRelativelyClose(out.y.data as Float32Array, layer.tfForward(tf, [tf.tensor1d(t)], []).dataSync());
    // t = 0: cos terms are 1, sin terms 0.
    expect(Array.from((out.y.data as Float32Array).slice(0, 8))).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
  });
});
