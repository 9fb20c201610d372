/**
 * Training-step time of the UNet (models/unet.ts) on either engine, at a given batch size and width:
 * ms/step over a few steps after warm-up steps (the first onnxruntime run allocates, tfjs compiles
 * its wasm kernels), to compare widths and batch sizes (`npm run bench` measures the default UNet
 * alongside the MLP):
 *
 *   npx tsx gpu-worker/bench/unet.ts [baseChannels=16] [batchSize=64] [steps=5] [onnxThreads=1]
 */
import { fileURLToPath } from "node:url";
import { Rng } from "../ddpm/random";
import { initialTrainingState } from "../engine/parameters";
import { createTrainingEngine, DEFAULT_OPTIMIZER, type EngineName } from "../engine/training-engine";
import { createUnet, DEFAULT_UNET_CONFIG } from "../models/unet";
import { measure, randomBatchSampler } from "./measure";

export interface UnetStepBenchOptions {
  engine: EngineName;
  baseChannels?: number;
  batchSize?: number;
  steps?: number;
  warmupSteps?: number;
  /** onnxruntime intra-op threads (the engine's default is 1). */
  threads?: number;
}

export interface UnetStepBenchResult {
  engine: EngineName;
  /** The engine's execution provider or tfjs backend. */
  executionProvider: string;
  baseChannels: number;
  batchSize: number;
  threads: number | null;
  parameters: number;
  /** Wall-clock time per step. */
  msPerStep: number;
  /**
   * CPU time of this process per step (user + system, all threads): on a shared machine it varies far
   * less than wall time, and with one compute thread it is what the step would take on an idle core.
   */
  cpuMsPerStep: number;
}

export async function benchmarkUnetStep(options: UnetStepBenchOptions): Promise<UnetStepBenchResult> {
  const { engine: engineName, baseChannels = DEFAULT_UNET_CONFIG.baseChannels, batchSize = 64, steps = 5, warmupSteps = 2, threads } = options;
  const model = createUnet({ ...DEFAULT_UNET_CONFIG, baseChannels });
  const sampler = randomBatchSampler(model, batchSize);
  const initialState = initialTrainingState(model, new Rng(2));
  const engine = await createTrainingEngine(engineName, { model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, initialState, threads });
  const hyper = { lr: 1e-3, emaDecay: 0.999 };
  for (let k = 0; k < warmupSteps; k++) await engine.step(sampler.fill(k), hyper);
  const { wallMs: msPerStep, cpuMs: cpuMsPerStep } = await measure((k) => engine.step(sampler.fill(warmupSteps + k), hyper), steps);
  const info = engine.info();
  await engine.dispose();
  const parameters = Object.values(initialState.params).reduce((n, p) => n + p.length, 0);
  return { engine: engineName, executionProvider: info.executionProvider, baseChannels, batchSize, threads: info.threads, parameters, msPerStep, cpuMsPerStep };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [baseChannels, batchSize, steps, threads] = process.argv.slice(2).map((arg) => Number(arg) || undefined);
  for (const engine of ["onnx", "tfjs"] as const) {
    const result = await benchmarkUnetStep({ engine, baseChannels, batchSize, steps, threads });
    console.log(JSON.stringify({ ...result, msPerStep: Math.round(result.msPerStep), cpuMsPerStep: Math.round(result.cpuMsPerStep) }));
  }
}
