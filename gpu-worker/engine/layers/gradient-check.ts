/**
 * The layer-level gradient test shared by the layer test files: `gradientCheck` compiles one layer with
 * the loss L = Σ y ⊙ r (r random, so dL/dy = r), runs forward + backward with onnxruntime, and compares
 * dL/dinput and dL/dparam with tf.grads of the same L through the layer's tfjs twin, within 1e-4 relative.
 */
import * as ort from "onnxruntime-node";
import { Rng } from "../../ddpm/random";
import { type Layer, paramSize, type TfTensor } from "../layer";
import { GraphBuilder } from "../onnx/graph-builder";
import { loadTf } from "../tfjs/backend";
import { expectRelativelyClose, randomNormal } from "../test-utils";

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export async function gradientCheck(layer: Layer, inputShapes: number[][], seed = 1): Promise<void> {
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
