/**
 * Training-step time of the UNet (models/unet.ts) on either engine, at a given batch size and width:
 * ms/step over a few steps after warm-up steps (the first onnxruntime run allocates, tfjs compiles
 * its wasm kernels). Used by unet.ts (the command line) and gpu.ts.
 */
import { Rng } from "../ddpm/random";
import { initialTrainingState } from "../engine/parameters";
import { createTrainingEngine, DEFAULT_OPTIMIZER, type EngineName, type ExecutionProviderName } from "../engine/training-engine";
import { createUnet, DEFAULT_UNET_CONFIG } from "../models/unet";
import { measure, randomBatchSampler } from "./measure";

export interface UnetStepBenchOptions {
  engine: EngineName;
  baseChannels?: number;
  batchSize?: number;
  steps?: number;
  warmupSteps?: number;
  /**
   * Fewer timed steps (at least 3) where `steps` of them would take longer than this, judged by the
   * last warm-up step: keeps a run on an unknown device inside its time limit.
   */
  timeBudgetMs?: number;
  /** onnxruntime intra-op threads (the engine's default is 1). */
  threads?: number;
  /** onnxruntime execution provider (default cpu). */
  provider?: ExecutionProviderName;
}

export interface UnetStepBenchResult {
  engine: EngineName;
  /** The engine's execution provider or tfjs backend (after any fallback). */
  executionProvider: string;
  /** Why the requested provider did not run, when it fell back. */
  fallbackReason?: string;
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
  const { engine: engineName, baseChannels = DEFAULT_UNET_CONFIG.baseChannels, batchSize = 64, steps: maxSteps = 5, warmupSteps = 2, threads, provider, timeBudgetMs = Infinity } = options;
  const model = createUnet({ ...DEFAULT_UNET_CONFIG, baseChannels });
  const sampler = randomBatchSampler(model, batchSize);
  const initialState = initialTrainingState(model, new Rng(2));
  const engine = await createTrainingEngine(engineName, { model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, initialState, threads, provider });
  const hyper = [{ lr: 1e-3, emaDecay: 0.999 }];
  let lastWarmupMs = 0;
  for (let k = 0; k < warmupSteps; k++) lastWarmupMs = (await measure(() => engine.steps(sampler.fill(k), hyper), 1)).wallMs;
  const steps = Math.max(Math.min(3, maxSteps), Math.min(maxSteps, Math.floor(timeBudgetMs / lastWarmupMs)));
  const { wallMs: msPerStep, cpuMs: cpuMsPerStep } = await measure((k) => engine.steps(sampler.fill(warmupSteps + k), hyper), steps);
  const info = engine.info();
  await engine.dispose();
  const parameters = Object.values(initialState.params).reduce((n, p) => n + p.length, 0);
  return { engine: engineName, executionProvider: info.executionProvider, ...(info.fallbackReason ? { fallbackReason: info.fallbackReason } : {}), baseChannels, batchSize, threads: info.threads, parameters, msPerStep, cpuMsPerStep };
}
