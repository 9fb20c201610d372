/**
 * `npm run bench:gpu [-- --json]`: the Fashion-MNIST UNet's training step and sampling
 * step on the GPU (onnxruntime's WebGPU provider, state and x_t kept on the device) and on all CPU
 * cores, for the configurations that gpu-worker/bench/torch_reference.py measures in PyTorch:
 *
 *   python3 gpu-worker/bench/torch_reference.py --base-channels C --batch B --json
 *
 * Before timing, it checks that the GPU computes what the CPU computes (three training steps from the
 * same state and batches, and five DDIM steps from the same x_T), so a fast but wrong device path
 * cannot pass as a result. A provider that fails to start is reported with its reason, not timed.
 * Step counts are cut to fit a time budget per timing, so one run fits a device session.
 * On a machine without a GPU it times the CPU and says why the GPU was skipped. To run it on the GPU
 * machine, see ../shared/device/README.md (bundle this file with pack.sh).
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { Rng } from "../ddpm/random";
import { DDIMScheduler } from "../ddpm/schedulers/ddim";
import { OnnxSampler } from "../engine/onnx/sampler";
import { buildSamplerGraph } from "../engine/onnx/sampler-graph";
import { initialTrainingState } from "../engine/parameters";
import { createTrainingEngine, DEFAULT_OPTIMIZER, type ExecutionProviderName } from "../engine/training-engine";
import { createUnet, DEFAULT_UNET_CONFIG } from "../models/unet";
import { randomBatchSampler } from "./measure";
import { benchmarkUnetStep } from "./unet-step";

interface GpuBenchConfig {
  baseChannels: number;
  batchSize: number;
}

/** The default UNet at the lab's batch size, and a 4× wider one at twice the batch. */
export const GPU_BENCH_CONFIGS: GpuBenchConfig[] = [
  { baseChannels: DEFAULT_UNET_CONFIG.baseChannels, batchSize: 64 },
  { baseChannels: 32, batchSize: 128 },
];

/** DDIM's usual step count: the sampling step is timed over one such run where the budget allows. */
const SAMPLING_STEPS = 50;

function unet(baseChannels: number) {
  return createUnet({ ...DEFAULT_UNET_CONFIG, baseChannels });
}

interface SamplingTiming {
  executionProvider: string;
  fallbackReason?: string;
  msPerStep: number;
}

/** Seconds each timing may take (a step count is cut to fit, never below a few steps). */
const TIME_BUDGET_MS = 15_000;

/**
 * ms per DDIM step over a whole run (x_T upload and x_0 download included), after a 5-step warm-up
 * run that also sizes the timed run to the time budget.
 */
async function benchmarkSampling(config: GpuBenchConfig, provider: ExecutionProviderName, threads: number): Promise<SamplingTiming> {
  const model = unet(config.baseChannels);
  const weights = initialTrainingState(model, new Rng(2)).params;
  const sampler = await OnnxSampler.load(buildSamplerGraph(model, weights, provider), model.sampleShape, { provider, threads });
  const initial = new Rng(3).fillNormal(new Float32Array(config.batchSize * 28 * 28));
  const msPerStepOf = async (count: number) => {
    const scheduler = new DDIMScheduler({ predictionType: "epsilon" });
    scheduler.setTimesteps(count);
    const start = performance.now();
    await sampler.run({ scheduler, initial, rng: new Rng(4) });
    return (performance.now() - start) / count;
  };
  const warmupMs = await msPerStepOf(5);
  const msPerStep = await msPerStepOf(Math.max(5, Math.min(SAMPLING_STEPS, Math.floor(TIME_BUDGET_MS / warmupMs))));
  const { executionProvider, fallbackReason } = sampler.info();
  await sampler.dispose();
  return { executionProvider, fallbackReason, msPerStep };
}

interface Agreement {
  /** Largest |loss_gpu − loss_cpu| / loss_cpu over three training steps. */
  lossRelativeError: number;
  /** Largest |Δ| of any parameter after those steps, relative to the largest parameter. */
  paramRelativeError: number;
  /** Largest |Δ| of x_0 after five DDIM steps. */
  samplingAbsoluteError: number;
}

/** The GPU's results against the CPU's for the same state, batches and x_T. */
async function checkAgreement(provider: ExecutionProviderName): Promise<Agreement> {
  const model = unet(DEFAULT_UNET_CONFIG.baseChannels);
  const initialState = initialTrainingState(model, new Rng(5));
  const trainOn = async (p: ExecutionProviderName) => {
    const engine = await createTrainingEngine("onnx", { model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, initialState, provider: p });
    const sampler = randomBatchSampler(model, 16);
    // One call of three steps: the CPU takes them in one loop-graph run, the GPU in three step-graph runs.
    const losses = (await engine.steps(sampler.fill(0, 3), Array(3).fill({ lr: 1e-3, emaDecay: 0.999 }))).map((r) => r.loss);
    const state = await engine.exportState();
    await engine.dispose();
    return { losses, params: Object.values(state.params) };
  };
  const cpu = await trainOn("cpu");
  const gpu = await trainOn(provider);
  const lossRelativeError = Math.max(...cpu.losses.map((l, k) => Math.abs(gpu.losses[k] - l) / l));
  let largest = 0;
  let worst = 0;
  cpu.params.forEach((values, p) =>
    values.forEach((v, i) => {
      largest = Math.max(largest, Math.abs(v));
      worst = Math.max(worst, Math.abs(gpu.params[p][i] - v));
    }),
  );

  const sampleOn = async (p: ExecutionProviderName) => {
    const sampler = await OnnxSampler.load(buildSamplerGraph(model, initialState.params, p), model.sampleShape, { provider: p });
    const scheduler = new DDIMScheduler({ predictionType: "epsilon" });
    scheduler.setTimesteps(5);
    const x = await sampler.run({ scheduler, initial: new Rng(6).fillNormal(new Float32Array(8 * 28 * 28)), rng: new Rng(7) });
    await sampler.dispose();
    return x;
  };
  const [xCpu, xGpu] = [await sampleOn("cpu"), await sampleOn(provider)];
  const samplingAbsoluteError = xCpu.reduce((m, v, i) => Math.max(m, Math.abs(v - xGpu[i])), 0);
  return { lossRelativeError, paramRelativeError: worst / largest, samplingAbsoluteError };
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const threads = cpus().length;
  // --json writes a line per result as soon as it exists, so a run cut short still reports.
  const report = (kind: string, value: object, text: string) => process.stdout.write(json ? `${JSON.stringify({ kind, ...value })}\n` : `${text}\n`);
  let agreementChecked = false;
  const variants: { provider: ExecutionProviderName; threads: number }[] = [
    { provider: "webgpu", threads: 1 },
    { provider: "cpu", threads },
  ];
  for (const variant of variants) {
    for (const config of GPU_BENCH_CONFIGS) {
      const train = await benchmarkUnetStep({ engine: "onnx", ...config, ...variant, steps: 100, warmupSteps: 3, timeBudgetMs: TIME_BUDGET_MS });
      const trainRan = train.executionProvider === variant.provider;
      if (!trainRan) report("skipped", { provider: variant.provider, graph: "training", reason: train.fallbackReason }, `${variant.provider} training not measured: ${train.fallbackReason}`);
      if (trainRan && variant.provider !== "cpu" && !agreementChecked) {
        const agreement = await checkAgreement(variant.provider);
        report("agreement", { provider: variant.provider, ...agreement }, `${variant.provider} vs cpu: ${JSON.stringify(agreement)}`);
        agreementChecked = true;
      }
      // Sampling is tried even when training fell back: the forward graph may run where training does not.
      const sampling = await benchmarkSampling(config, variant.provider, variant.threads);
      const samplingRan = sampling.executionProvider === variant.provider;
      if (!samplingRan) report("skipped", { provider: variant.provider, graph: "sampling", reason: sampling.fallbackReason }, `${variant.provider} sampling not measured: ${sampling.fallbackReason}`);
      if (!trainRan && !samplingRan) break;
      const row = {
        ...config,
        executionProvider: variant.provider,
        threads: variant.threads,
        parameters: train.parameters,
        trainStepMs: trainRan ? train.msPerStep : null,
        sampleStepMs: samplingRan ? sampling.msPerStep : null,
      };
      const ms = (value: number | null) => (value === null ? "-" : value.toFixed(2));
      report(
        "row",
        row,
        `unet C=${row.baseChannels} batch ${row.batchSize} (${row.parameters} params) ${row.executionProvider}` +
          `${row.executionProvider === "cpu" ? ` ${row.threads} threads` : ""}: train ${ms(row.trainStepMs)} ms/step, DDIM ${ms(row.sampleStepMs)} ms/step`,
      );
    }
  }
}

await main(process.argv.slice(2));
