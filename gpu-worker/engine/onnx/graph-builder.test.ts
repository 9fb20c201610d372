/**
 * WebGPU binds every input and output of a node as a storage buffer, with a small limit per shader:
 * the compiled graphs must keep every node within MAX_TENSORS_PER_NODE (the GPU machine rejected a
 * Split of the flat parameter vector into every parameter), and the trees that split and concat build
 * instead must still cut and join correctly.
 */
import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { createUnet } from "../../models/unet";
import { initialTrainingState } from "../parameters";
import { Rng } from "../../ddpm/random";
import { DEFAULT_OPTIMIZER } from "../training-engine";
import { GraphBuilder, MAX_TENSORS_PER_NODE } from "./graph-builder";
import { buildSamplerGraph } from "./sampler-graph";
import { buildTrainingGraph } from "./training-graph";

function widestNode(bytes: Uint8Array): { opType: string; tensors: number } {
  const { graph } = onnxProto.onnx.ModelProto.decode(bytes);
  let widest = { opType: "", tensors: 0 };
  for (const node of graph!.node!) {
    const tensors = node.input!.length + node.output!.length;
    if (tensors > widest.tensors) widest = { opType: node.opType!, tensors };
  }
  return widest;
}

describe("graph width", () => {
  const model = createUnet();
  it("keeps every node of the UNet's training and sampling graphs within the per-shader buffer limit", () => {
    const training = widestNode(buildTrainingGraph({ model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER }));
    const sampling = widestNode(buildSamplerGraph(model, initialTrainingState(model, new Rng(0)).params));
    expect(training.tensors).toBeLessThanOrEqual(MAX_TENSORS_PER_NODE);
    expect(sampling.tensors).toBeLessThanOrEqual(MAX_TENSORS_PER_NODE);
  });

  it("splits into 40 pieces and joins them back in order through trees of nodes", async () => {
    const sizes = Array.from({ length: 40 }, (_, i) => 1 + (i % 3));
    const total = sizes.reduce((a, b) => a + b, 0);
    const b = new GraphBuilder("split_concat");
    const x = b.input("x", "float", [total]);
    const pieces = b.split(x, sizes);
    b.output(pieces[17], "piece17", "float", [sizes[17]]);
    b.output(b.concat([...pieces].reverse()), "reversed", "float", [total]);
    const bytes = b.serialize();
    expect(widestNode(bytes).tensors).toBeLessThanOrEqual(MAX_TENSORS_PER_NODE);

    const data = Float32Array.from({ length: total }, (_, i) => i);
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ x: new ort.Tensor("float32", data, [total]) });
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, s) => a + s, 0));
    const expectedPieces = sizes.map((size, i) => Array.from(data.subarray(offsets[i], offsets[i] + size)));
    expect(Array.from(out.piece17.data as Float32Array)).toEqual(expectedPieces[17]);
    expect(Array.from(out.reversed.data as Float32Array)).toEqual(expectedPieces.reverse().flat());
    await session.release();
  });
});
