import * as ort from "onnxruntime-node";
import { createMlp } from "./gpu-worker/models/mlp";
import { initialTrainingState, packTensors } from "./gpu-worker/engine/parameters";
import { Rng } from "./gpu-worker/ddpm/random";
import { buildTrainingGraph, buildGradientGraph } from "./gpu-worker/engine/onnx/training-graph";
import { flatParamLayout } from "./gpu-worker/engine/layer";
import onnxProto from "onnx-proto";
const model = createMlp();
const state = initialTrainingState(model, new Rng(1));
const { slots, totalSize } = flatParamLayout(model.layers);
const B = 128;
const flat = packTensors(slots, totalSize, state.params);
const feeds: Record<string, ort.Tensor> = {
 x0: new ort.Tensor("float32", new Float32Array(B*2).fill(0.3), [B,2]), noise: new ort.Tensor("float32", new Float32Array(B*2).fill(0.1), [B,2]),
 sqrt_alpha_bar: new ort.Tensor("float32", new Float32Array(B).fill(0.5), [B,1]), sqrt_one_minus_alpha_bar: new ort.Tensor("float32", new Float32Array(B).fill(0.8), [B,1]),
 timestep: new ort.Tensor("float32", new Float32Array(B).fill(100), [B]), loss_weight: new ort.Tensor("float32", new Float32Array(B).fill(1), [B,1]),
 lr: new ort.Tensor("float32", Float32Array.of(1e-3), []), ema_decay: new ort.Tensor("float32", Float32Array.of(0.99), []), step: new ort.Tensor("float32", Float32Array.of(1), []),
 params: new ort.Tensor("float32", flat, [totalSize]), adam_m: new ort.Tensor("float32", new Float32Array(totalSize), [totalSize]), adam_v: new ort.Tensor("float32", new Float32Array(totalSize), [totalSize]), ema: new ort.Tensor("float32", flat.slice(), [totalSize]),
};
const which = process.argv[2] ?? "train";
const bytes = which === "train" ? buildTrainingGraph({model, prediction:"epsilon", optimizer:{beta1:0.9,beta2:0.999,epsilon:1e-8,weightDecay:0,gradClipNorm:1}}) : buildGradientGraph({model, prediction:"epsilon"});
console.log("nodes", onnxProto.onnx.ModelProto.decode(bytes).graph!.node!.length, "P", totalSize);
const plain = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, graphOptimizationLevel: "all" });
const f = Object.fromEntries(plain.inputNames.map(n => [n, feeds[n]]));
for (let i=0;i<200;i++) await plain.run(f);
let t0=performance.now(); for (let i=0;i<2000;i++) await plain.run(f); console.log("ms/run", (performance.now()-t0)/2000);
const s = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, enableProfiling: true, profileFilePrefix: "/tmp/ortprof" , graphOptimizationLevel: "all"});
for (let i=0;i<300;i++) await s.run(f);
s.endProfiling();
