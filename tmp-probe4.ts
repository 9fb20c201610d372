import * as ort from "onnxruntime-node";
import { GraphBuilder } from "./gpu-worker/engine/onnx/graph-builder";
const B=128,H=128,K=160;
async function time(label: string, build: (b: GraphBuilder, x: string, w: string, d: string) => string) {
  const b = new GraphBuilder("t"); const x = b.input("x","float",[B,K]); const w = b.input("w","float",[K,H]); const d = b.input("d","float",[B,H]);
  const outs = [] as string[];
  for (let i=0;i<10;i++) outs.push(build(b, x, w, d));
  b.output(b.op("Sum", outs), "y", "float", ["a","b"]);
  const s = await ort.InferenceSession.create(b.serialize(), { intraOpNumThreads: 1, logSeverityLevel: 3 });
  const r = () => Float32Array.from({length: 1}, () => 0);
  const f = { x: new ort.Tensor("float32", Float32Array.from({length:B*K}, () => Math.random()-0.5), [B,K]), w: new ort.Tensor("float32", Float32Array.from({length:K*H}, () => Math.random()-0.5), [K,H]), d: new ort.Tensor("float32", Float32Array.from({length:B*H}, () => Math.random()-0.5), [B,H]) };
  for (let i=0;i<200;i++) await s.run(f);
  const t0=performance.now(); for (let i=0;i<1000;i++) await s.run(f);
  console.log(label, ((performance.now()-t0)/1000*1000/10).toFixed(1), "us/op");
}
await time("gemm fwd x·W", (b,x,w)=>b.op("Gemm",[x,w]));
await time("matmul fwd x·W", (b,x,w)=>b.matmul(x,w));
await time("gemm dx dy·Wt", (b,x,w,d)=>b.op("Gemm",[d,w],{transB:1}));
await time("matmul dy·Transpose(W)", (b,x,w,d)=>b.matmul(d, b.op("Transpose",[w])));
await time("gemm dW xt·dy", (b,x,w,d)=>b.op("Gemm",[x,d],{transA:1}));
await time("matmul Transpose(x)·dy", (b,x,w,d)=>b.matmul(b.op("Transpose",[x]), d));
await time("mul BH", (b,x,w,d)=>b.mul(d,d));
