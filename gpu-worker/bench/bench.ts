/**
 * `npm run bench [-- --json] [-- --quick]`: training-step time, 5,000-step training wall time and
 * denoiser throughput, per engine, execution provider and thread count available on this machine.
 *
 * Models are listed in BENCH_MODELS: the 2D toy MLP (batch 128) and the Fashion-MNIST UNet (batch 64,
 * default width). Every measurement runs for each (the 5,000-step run only for the MLP, whose data is
 * the toy set); the runs per measurement are set per model and engine, so the UNet's ~7 s tfjs step
 * is timed once or twice while the MLP's sub-millisecond one is timed thousands of times.
 * --quick runs about a sixth as many (at least one) and skips the 5,000-step runs.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { Rng } from "../ddpm/random";
import { collectParams } from "../engine/layer";
import { buildDenoiserGraph } from "../engine/onnx/denoiser-graph";
import { OnnxDenoiser } from "../engine/onnx/denoiser";
import { initialTrainingState } from "../engine/parameters";
import { loadTf } from "../engine/tfjs/backend";
import { TfWiring } from "../engine/tfjs/loss";
import { createTrainingEngine, DEFAULT_OPTIMIZER, type EngineName, type ExecutionProviderName } from "../engine/training-engine";
import { createMlp, DEFAULT_MLP_CONFIG } from "../models/mlp";
import { valuesPerSample, type DenoiserModel } from "../models/model";
import { createUnet, DEFAULT_UNET_CONFIG } from "../models/unet";
import { resolveTrainingConfig } from "../train/config";
import { train } from "../train/loop";
import { measure, randomBatchSampler } from "./measure";

export interface BenchModel {
  name: string;
  create: () => DenoiserModel;
  batchSize: number;
  /** Batch size of the denoiser throughput measurement. */
  forwardBatchSize: number;
  /** Runs the 5,000-step training measurement (2D toy data only). */
  toyTraining: boolean;
  /** Timed training steps per engine (after a tenth as many, at least one, to warm up). */
  steps: Record<EngineName, number>;
  /**
   * Steps per TrainingEngine.steps call, as the training loop hands them over (about 0.1 s of work
   * per call): many for the MLP, one for the UNet.
   */
  stepsPerCall: number;
  /** Timed denoiser forward passes per engine (after one to warm up). */
  forwardRuns: Record<EngineName, number>;
}

export const BENCH_MODELS: BenchModel[] = [
  {
    name: "mlp",
    create: () => createMlp(DEFAULT_MLP_CONFIG),
    batchSize: 128,
    forwardBatchSize: 2048,
    toyTraining: true,
    steps: { onnx: 2000, tfjs: 40 },
    stepsPerCall: 100,
    forwardRuns: { onnx: 30, tfjs: 30 },
  },
  {
    name: "unet",
    create: () => createUnet(DEFAULT_UNET_CONFIG),
    batchSize: 64,
    forwardBatchSize: 64,
    toyTraining: false,
    // ~0.6 s per compiled step and ~7 s per tfjs step on one core.
    steps: { onnx: 6, tfjs: 2 },
    stepsPerCall: 1,
    forwardRuns: { onnx: 10, tfjs: 3 },
  },
];

/** Whole 5,000-step trainings per variant; the table shows their median. */
const TRAINING_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** --quick's share of each run count. */
const QUICK_FRACTION = 1 / 6;

function runCount(count: number, quick: boolean): number {
  return quick ? Math.max(1, Math.round(count * QUICK_FRACTION)) : count;
}

interface EngineVariant {
  engine: EngineName;
  provider: ExecutionProviderName;
  threads: number;
}

const VARIANTS: EngineVariant[] = [
  { engine: "onnx", provider: "cpu", threads: 1 },
  { engine: "onnx", provider: "cpu", threads: 2 },
  { engine: "onnx", provider: "webgpu", threads: 1 },
  { engine: "onnx", provider: "cuda", threads: 1 },
  { engine: "tfjs", provider: "cpu", threads: 1 },
];

interface Row {
  model: string;
  engine: EngineName;
  /** What actually ran (after any fallback). */
  executionProvider: string;
  threads: number | null;
  /** Steps per TrainingEngine.steps call in the step timing. */
  stepsPerCall: number;
  stepMs: number;
  /** Process CPU time per step, all threads (see Timing). */
  stepCpuMs: number;
  /** JS batch preparation per step (sampling rows, t, ε; table lookups), included in train5000Seconds. */
  dataPrepMs: number;
  /** Median of TRAINING_RUNS whole 5,000-step trainings (this machine's speed drifts by tens of %). */
  train5000Seconds: number | null;
  /** Each of those runs. */
  train5000Runs: number[];
  forwardSamplesPerSecond: number;
  note?: string;
}

function msPer(run: () => void, count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) run();
  return (performance.now() - start) / count;
}

interface Skipped {
  model: string;
  engine: EngineName;
  provider: ExecutionProviderName;
  skipped: string;
}

async function benchVariant(bench: BenchModel, variant: EngineVariant, quick: boolean): Promise<Row | Skipped> {
  const model = bench.create();
  const state = initialTrainingState(model, new Rng(0));
  const engine = await createTrainingEngine(variant.engine, { model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, initialState: state, ...variant });
  const info = engine.info();
  if (variant.provider !== "cpu" && info.executionProvider === "cpu") {
    // It fell back to the CPU: the row would repeat the CPU one, so report why instead.
    await engine.dispose();
    return { model: bench.name, engine: variant.engine, provider: variant.provider, skipped: info.fallbackReason ?? "fell back to cpu" };
  }
  const sampler = randomBatchSampler(model, bench.batchSize);
  const perCall = Math.min(bench.stepsPerCall, bench.steps[variant.engine]);
  const hyper = Array.from({ length: perCall }, () => ({ lr: 1e-4, emaDecay: 0.999 }));
  const calls = (steps: number) => Math.max(1, Math.round(runCount(steps, quick) / perCall));
  const runCall = (i: number) => engine.steps(sampler.fill(i * perCall, perCall), hyper);
  await measure(runCall, Math.ceil(calls(bench.steps[variant.engine]) / 10));
  const perCallTiming = await measure(runCall, calls(bench.steps[variant.engine]));
  const stepMs = perCallTiming.wallMs / perCall;
  const stepCpuMs = perCallTiming.cpuMs / perCall;
  await engine.dispose();
  // Filling a batch takes ~1 ms for the UNet's 64 images, ~10 µs for the MLP's points.
  const dataPrepMs = msPer(() => sampler.fill(7), 200);

  const train5000Runs: number[] = [];
  if (bench.toyTraining && variant.engine === "onnx" && !quick) {
    const config = resolveTrainingConfig({ steps: 5000, provider: variant.provider, threads: variant.threads });
    for (let run = 0; run < TRAINING_RUNS; run++) train5000Runs.push((await train(config)).wallSeconds);
  }
  const forwardRuns = runCount(bench.forwardRuns[variant.engine], quick);
  const forwardSamplesPerSecond = await forwardThroughput(model, state.params, bench.forwardBatchSize, variant, forwardRuns);
  return {
    model: bench.name,
    engine: variant.engine,
    executionProvider: info.executionProvider,
    threads: info.threads,
    stepsPerCall: perCall,
    stepMs,
    stepCpuMs,
    dataPrepMs,
    train5000Seconds: train5000Runs.length > 0 ? median(train5000Runs) : null,
    train5000Runs,
    forwardSamplesPerSecond,
    ...(info.fallbackReason ? { note: info.fallbackReason } : {}),
  };
}

async function forwardThroughput(
  model: DenoiserModel,
  params: Record<string, Float32Array>,
  batchSize: number,
  variant: EngineVariant,
  runs: number,
): Promise<number> {
  const sample = new Rng(2).fillNormal(new Float32Array(batchSize * valuesPerSample(model)));
  if (variant.engine === "onnx") {
    const denoiser = await OnnxDenoiser.load(buildDenoiserGraph(model, params), model.sampleShape, variant);
    await denoiser.predict(sample, 500);
    const { wallMs: ms } = await measure(() => denoiser.predict(sample, 500), runs);
    await denoiser.dispose();
    return (batchSize * 1000) / ms;
  }
  const { tf } = await loadTf();
  const weights = Object.fromEntries(collectParams(model.layers).map((p) => [p.name, tf.tensor(params[p.name], p.shape)]));
  const x = tf.tensor(sample, [batchSize, ...model.sampleShape]);
  const t = tf.fill([batchSize], 500);
  const forward = () => tf.tidy(() => model.forward(new TfWiring(tf, weights), x, t).dataSync());
  forward();
  const ms = msPer(forward, runs);
  tf.dispose([...Object.values(weights), x, t]);
  return (batchSize * 1000) / ms;
}

function printTable(rows: Row[]): void {
  const header = ["model", "engine", "provider", "threads", "steps/call", "ms/step", "CPU ms/step", "data ms/step", "5000 steps s (runs)", "forward samples/s"];
  const cells = rows.map((r) => [
    r.model,
    r.engine,
    r.executionProvider,
    String(r.threads ?? "-"),
    String(r.stepsPerCall),
    r.stepMs.toFixed(3),
    r.stepCpuMs.toFixed(3),
    r.dataPrepMs.toFixed(3),
    r.train5000Seconds === null ? "-" : `${r.train5000Seconds.toFixed(2)} (${r.train5000Runs.map((t) => t.toFixed(2)).join(", ")})`,
    r.forwardSamplesPerSecond.toFixed(0),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padStart(widths[c])).join("  ");
  process.stdout.write(`${[line(header), ...cells.map(line)].join("\n")}\n`);
  process.stdout.write(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(", ")} on ${cpus().length} cores\n`);
  for (const r of rows.filter((row) => row.note)) process.stdout.write(`note (${r.engine}/${r.executionProvider}): ${r.note}\n`);
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const quick = argv.includes("--quick");
  const rows: Row[] = [];
  const skipped: Skipped[] = [];
  for (const bench of BENCH_MODELS) {
    for (const variant of VARIANTS) {
      const result = await benchVariant(bench, variant, quick);
      if ("skipped" in result) skipped.push(result);
      else rows.push(result);
    }
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ rows, skipped, loadAverage: loadavg(), cores: cpus().length })}\n`);
    return;
  }
  printTable(rows);
  for (const s of skipped) process.stdout.write(`${s.model} ${s.engine}/${s.provider} not measured: ${s.skipped}\n`);
}

await main(process.argv.slice(2));
