/**
 * Compares the UNet's training step on both engines at a given width and batch size (`npm run bench`
 * measures the default UNet alongside the MLP; `npm run bench:gpu` on the GPU):
 *
 *   npx tsx gpu-worker/bench/unet.ts [baseChannels=16] [batchSize=64] [steps=5] [onnxThreads=1]
 */
import { benchmarkUnetStep } from "./unet-step";

const [baseChannels, batchSize, steps, threads] = process.argv.slice(2).map((arg) => Number(arg) || undefined);
for (const engine of ["onnx", "tfjs"] as const) {
  const result = await benchmarkUnetStep({ engine, baseChannels, batchSize, steps, threads });
  console.log(JSON.stringify({ ...result, msPerStep: Math.round(result.msPerStep), cpuMsPerStep: Math.round(result.cpuMsPerStep) }));
}
