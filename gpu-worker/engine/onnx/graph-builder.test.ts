/**
 * WebGPU binds every input and output of a node as a storage buffer, with a small limit per shader:
 * the graphs compiled for a GPU provider must keep every node within GPU_MAX_TENSORS_PER_NODE (the GPU machine rejected a
 * Split of the flat parameter vector into every parameter), and the trees that split and concat build
 * instead must still cut and join correctly.
 */
import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { createUnet } from "../../models/unet";
import { initialTrainingState } from "../parameters";
import { Rng } from "../../ddpm/random";
import { createTrainingEngine, DEFAULT_OPTIMIZER } from "../training-engine";
import { createMlp } from "../../models/mlp";
import { randomBatchSampler } from "../../bench/measure";
import { GPU_MAX_TENSORS_PER_NODE, GraphBuilder } from "./graph-builder";
import { buildSamplerGraph } from "./sampler-graph";
import { buildTrainingStepGraph } from "./training-graph";

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
    const training = widestNode(buildTrainingStepGraph({ model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, provider: "webgpu" }));
    const sampling = widestNode(buildSamplerGraph(model, initialTrainingState(model, new Rng(0)).params, "webgpu"));
    expect(training.tensors).toBeLessThanOrEqual(GPU_MAX_TENSORS_PER_NODE);
    expect(sampling.tensors).toBeLessThanOrEqual(GPU_MAX_TENSORS_PER_NODE);
  });

  it("splits into 40 pieces and joins them back in order through trees of nodes", async () => {
    const sizes = Array.from({ length: 40 }, (_, i) => 1 + (i % 3));
    const total = sizes.reduce((a, b) => a + b, 0);
    const b = new GraphBuilder("split_concat", GPU_MAX_TENSORS_PER_NODE);
    const x = b.input("x", "float", [total]);
    const pieces = b.split(x, sizes);
    b.output(pieces[17], "piece17", "float", [sizes[17]]);
    b.output(b.concat([...pieces].reverse()), "reversed", "float", [total]);
    const bytes = b.serialize();
    expect(widestNode(bytes).tensors).toBeLessThanOrEqual(GPU_MAX_TENSORS_PER_NODE);

    const data = Float32Array.from({ length: total }, (_, i) => i);
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ x: new ort.Tensor("float32", data, [total]) });
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, s) => a + s, 0));
    const expectedPieces = sizes.map((size, i) => Array.from(data.subarray(offsets[i], offsets[i] + size)));
    expect(Array.from(out.piece17.data as Float32Array)).toEqual(expectedPieces[17]);
    expect(Array.from(out.reversed.data as Float32Array)).toEqual(expectedPieces.reverse().flat());
    await session.release();
  });

  it("trains the same with the GPU's narrow nodes as with the CPU's wide ones", async () => {
    const mlp = createMlp();
    const initialState = initialTrainingState(mlp, new Rng(4));
    // Here the webgpu engine falls back to the CPU provider but keeps the graph built for the GPU: the
    // step graph, one run per step, against the CPU's loop graph taking the three steps in one run.
    const run = async (provider: "cpu" | "webgpu") => {
      const engine = await createTrainingEngine("onnx", { model: mlp, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, initialState, provider });
      const batches = randomBatchSampler(mlp, 64);
      const losses = (await engine.steps(batches.fill(0, 3), Array(3).fill({ lr: 1e-3, emaDecay: 0.99 }))).map((r) => r.loss);
      const state = await engine.exportState();
      await engine.dispose();
      return { losses, params: Object.values(state.params).flatMap((v) => Array.from(v)) };
    };
    const [wide, narrow] = [await run("cpu"), await run("webgpu")];
    expect(narrow.losses).toEqual(wide.losses);
    expect(narrow.params).toEqual(wide.params);
  });
});
