import * as ort from "onnxruntime-node";
import { createMlp } from "./gpu-worker/models/mlp";
import { initialTrainingState } from "./gpu-worker/engine/parameters";
import { Rng } from "./gpu-worker/ddpm/random";
import { buildGradientGraph, buildTrainingGraph } from "./gpu-worker/engine/onnx/training-graph";
import onnxProto from "onnx-proto";
const model = createMlp();
const state = initialTrainingState(model, new Rng(1));
const B = 128;
const feeds: Record<string, ort.Tensor> = {
 x0: new ort.Tensor("float32", new Float32Array(B*2).fill(0.3), [B,2]), noise: new ort.Tensor("float32", new Float32Array(B*2).fill(0.1), [B,2]),
 sqrt_alpha_bar: new ort.Tensor("float32", new Float32Array(B).fill(0.5), [B,1]), sqrt_one_minus_alpha_bar: new ort.Tensor("float32", new Float32Array(B).fill(0.8), [B,1]),
 timestep: new ort.Tensor("float32", new Float32Array(B).fill(100), [B]), loss_weight: new ort.Tensor("float32", new Float32Array(B).fill(1), [B,1]),
 lr: new ort.Tensor("float32", Float32Array.of(1e-3), []), ema_decay: new ort.Tensor("float32", Float32Array.of(0.99), []), step: new ort.Tensor("float32", Float32Array.of(1), []),
};
for (const kind of ["param","adam_m","adam_v","ema"]) for (const [n,v] of Object.entries(state.params)) { const shape = n.endsWith("weight") ? [v.length === 256 ? 2 : v.length/128 === 2 ? 128 : v.length/128, 128] : [v.length]; }
import { collectParams } from "./gpu-worker/engine/layer";
for (const kind of ["param","adam_m","adam_v","ema"]) for (const p of collectParams(model.layers)) feeds[`${kind}.${p.name}`] = new ort.Tensor("float32", state.params[p.name].slice(), p.shape);
for (const [name, bytes] of [["grad", buildGradientGraph({model, prediction:"epsilon"})], ["train", buildTrainingGraph({model, prediction:"epsilon", optimizer:{beta1:0.9,beta2:0.999,epsilon:1e-8,weightDecay:0,gradClipNorm:1}})]] as const) {
  const m = onnxProto.onnx.ModelProto.decode(bytes);
  console.log(name, "nodes", m.graph!.node!.length, "bytes", bytes.length);
  for (const threads of [1,2]) {
  const s = await ort.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" });
  const f = Object.fromEntries(s.inputNames.map(n => [n, feeds[n]]));
  for (let i=0;i<100;i++) await s.run(f);
  let t0 = performance.now(); for (let i=0;i<1000;i++) await s.run(f); 
  console.log(" threads", threads, "ms/run", (performance.now()-t0)/1000);
  }
}
