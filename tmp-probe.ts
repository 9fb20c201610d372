import { createMlp } from "./gpu-worker/models/mlp";
import { initialTrainingState } from "./gpu-worker/engine/parameters";
import { Rng } from "./gpu-worker/ddpm/random";
import { createTrainingEngine, DEFAULT_OPTIMIZER } from "./gpu-worker/engine/training-engine";
const model = createMlp();
const rng = new Rng(1);
const state = initialTrainingState(model, rng);
for (const [name, threads, n] of [["onnx", 1, 3000], ["onnx", 2, 3000], ["tfjs", 1, 100]] as const) {
const engine = await createTrainingEngine(name, { model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, initialState: state, threads });
const B = 128;
const batch = { x0: new Float32Array(B*2), noise: new Float32Array(B*2), sqrtAlphaBar: new Float32Array(B).fill(0.5), sqrtOneMinusAlphaBar: new Float32Array(B).fill(0.8), timestep: new Float32Array(B).fill(100), lossWeight: new Float32Array(B).fill(1) };
rng.fillNormal(batch.x0);
for (let i=0;i<20;i++){ rng.fillNormal(batch.noise); await engine.step(batch, { lr: 1e-3, emaDecay: 0.99 }); }
const t0 = performance.now(); let r;
for (let i=0;i<n;i++){ rng.fillNormal(batch.noise); r = await engine.step(batch, { lr: 1e-3, emaDecay: 0.99 }); }
console.log(name, threads, "ms/step", (performance.now()-t0)/n, r, engine.info());
}
