import { resolveTrainingConfig } from "./gpu-worker/train/config";
import { train } from "./gpu-worker/train/loop";
import { saveModelDir, loadModelDir } from "./gpu-worker/train/model-dir";
import { sampleModel } from "./gpu-worker/train/sample";
import { chamferDistance } from "./gpu-worker/metrics/chamfer";
import { sampleToy2d, normalizeToy2d, denormalizeToy2d } from "./gpu-worker/data/toy2d";
import { Rng } from "./gpu-worker/ddpm/random";
const args = JSON.parse(process.argv[2] ?? "{}");
const config = resolveTrainingConfig(args);
const t0 = performance.now();
const result = await train(config, { progressEvery: 1000, onProgress: (p) => console.log(JSON.stringify(p)) });
console.log("train wall", result.wallSeconds.toFixed(2), result.engineInfo);
const dir = `/tmp/model-${config.dataset}`;
await saveModelDir(dir, result);
const saved = await loadModelDir(dir);
for (const [sampler, steps] of [["ddpm", 1000], ["ddim", 50]] as const) {
  const s = await sampleModel(saved, { n: 2048, sampler, steps, seed: 123 });
  const ref = sampleToy2d(config.dataset, 2048, new Rng(999));
  const refNorm = normalizeToy2d(denormalizeToy2d(ref.points, ref), result.normalization);
  const cdNorm = chamferDistance(s.normalizedPoints, refNorm).value;
  const cdRaw = chamferDistance(s.points, denormalizeToy2d(ref.points, ref)).value;
  console.log(sampler, steps, "chamfer normalized", cdNorm.toFixed(2), "raw", cdRaw.toFixed(2));
}
const noise = new Rng(5).fillNormal(new Float32Array(4096));
const ref = sampleToy2d(config.dataset, 2048, new Rng(999));
console.log("noise chamfer normalized", chamferDistance(noise, normalizeToy2d(denormalizeToy2d(ref.points, ref), result.normalization)).value.toFixed(2));
const ref2 = sampleToy2d(config.dataset, 2048, new Rng(1234));
console.log("data-vs-data normalized", chamferDistance(normalizeToy2d(denormalizeToy2d(ref2.points, ref2), result.normalization), normalizeToy2d(denormalizeToy2d(ref.points, ref), result.normalization)).value.toFixed(2));
