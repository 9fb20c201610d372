import { resolveTrainingConfig } from "./gpu-worker/train/config";
import { train } from "./gpu-worker/train/loop";
import { saveModelDir, loadModelDir } from "./gpu-worker/train/model-dir";
import { sampleModel } from "./gpu-worker/train/sample";
import { chamferDistance } from "./gpu-worker/metrics/chamfer";
import { sampleToy2d, normalizeToy2d, denormalizeToy2d } from "./gpu-worker/data/toy2d";
import { Rng } from "./gpu-worker/ddpm/random";
for (const arg of process.argv.slice(2)) {
const config = resolveTrainingConfig(JSON.parse(arg));
const result = await train(config, {});
const dir = `/tmp/exp-model`;
await saveModelDir(dir, result);
const saved = await loadModelDir(dir);
const out: string[] = [];
for (const [sampler, steps] of [["ddpm", 1000], ["ddim", 100]] as const) {
  const s = await sampleModel(saved, { n: 2048, sampler, steps, seed: 123 });
  const ref = sampleToy2d(config.dataset, 2048, new Rng(999));
  const refNorm = normalizeToy2d(denormalizeToy2d(ref.points, ref), result.normalization);
  out.push(`${sampler}${steps}=${chamferDistance(s.normalizedPoints, refNorm).value.toFixed(1)}`);
}
console.log(arg, "wall", result.wallSeconds.toFixed(1), "loss", result.lossCurve.values.slice(-50).reduce((a,b)=>a+b,0)/50, out.join(" "));
}
