/**
 * The interface both engines implement (ONNX graph on onnxruntime, TensorFlow.js reference), the
 * training hyperparameters they share, and `createTrainingEngine(name)`, which loads only the chosen one.
 */
import type { PredictionType } from "../ddpm/forward";
import type { DenoiserModel } from "../models/model";

export const ENGINE_NAMES = ["onnx", "tfjs"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export const EXECUTION_PROVIDERS = ["cpu", "webgpu", "cuda"] as const;
export type ExecutionProviderName = (typeof EXECUTION_PROVIDERS)[number];

export interface OptimizerConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** AdamW's decoupled weight decay λ: θ ← θ − lr·λ·θ before the Adam update (params with weightDecay only). */
  weightDecay: number;
  /** Clip the global L2 norm of all gradients to this value (PyTorch clip_grad_norm_); null: no clipping. */
  gradClipNorm: number | null;
}

export const DEFAULT_OPTIMIZER: OptimizerConfig = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, gradClipNorm: 1 };

/**
 * One training batch, prepared in JS (train/batch-sampler.ts) into arrays reused every step.
 * Per-sample coefficients have one value per sample; the engines broadcast them over the sample's axes.
 */
export interface TrainBatch {
  /** Clean data x₀, [batch, ...sampleShape] flattened. */
  x0: Float32Array;
  /** ε ~ N(0, I), same shape as x0. */
  noise: Float32Array;
  /** √ᾱ_t per sample, [batch]. */
  sqrtAlphaBar: Float32Array;
  /** √(1 − ᾱ_t) per sample, [batch]. */
  sqrtOneMinusAlphaBar: Float32Array;
  /** t as float32 for the time embedding, [batch]. */
  timestep: Float32Array;
  /** Per-sample loss weight (min-SNR-γ, or 1), [batch]. */
  lossWeight: Float32Array;
}

/**
 * Several consecutive batches for TrainingEngine.steps: every TrainBatch array holds the batches end
 * to end (x0 is [steps, batch, ...sampleShape] flattened, timestep [steps, batch], …).
 */
export type TrainBatchStack = TrainBatch;

/** Batches `from` … `from + count − 1` of a stack of `stackSize`, as views (no copy). */
export function sliceBatchStack(stack: TrainBatchStack, stackSize: number, from: number, count: number): TrainBatchStack {
  const view = (values: Float32Array) => {
    const perStep = values.length / stackSize;
    return values.subarray(from * perStep, (from + count) * perStep);
  };
  return {
    x0: view(stack.x0),
    noise: view(stack.noise),
    sqrtAlphaBar: view(stack.sqrtAlphaBar),
    sqrtOneMinusAlphaBar: view(stack.sqrtOneMinusAlphaBar),
    timestep: view(stack.timestep),
    lossWeight: view(stack.lossWeight),
  };
}

/** A step result's loss and gradient norm are both finite (the step was kept). */
export const isFiniteStep = ({ loss, gradNorm }: StepResult): boolean => Number.isFinite(loss) && Number.isFinite(gradNorm);

/** Per-step scalars (schedules of lr or EMA decay live in the training loop). */
export interface StepHyperparams {
  lr: number;
  emaDecay: number;
}

export interface StepResult {
  /** The weighted MSE of this batch, before the update. */
  loss: number;
  /** Global L2 norm of the gradients before clipping. */
  gradNorm: number;
}

/** Tensors by parameter name, in the model's parameter order. */
export type NamedTensors = Record<string, Float32Array>;

/** Everything an engine needs to continue training exactly where it stopped. */
export interface TrainingState {
  /** Optimizer steps taken so far (AdamW's bias correction uses step + 1 next). */
  step: number;
  params: NamedTensors;
  adamM: NamedTensors;
  adamV: NamedTensors;
  ema: NamedTensors;
}

export interface EngineInfo {
  engine: EngineName;
  /** The execution provider actually running the step ("cpu" after a fallback), or the tfjs backend. */
  executionProvider: string;
  /** Intra-op threads (onnxruntime) or null where the runtime decides. */
  threads: number | null;
  /** Why a requested GPU provider or backend was not used, when it was not. */
  fallbackReason?: string;
}

export interface TrainingEngineOptions {
  model: DenoiserModel;
  prediction: PredictionType;
  optimizer: OptimizerConfig;
  initialState: TrainingState;
  /** onnx: execution provider wanted; tfjs: "cpu" for its wasm/cpu backends, a GPU name for tfjs-node-gpu. */
  provider?: ExecutionProviderName;
  /** onnx: intraOpNumThreads (default 1, which wins for small nets on this 2-core machine). */
  threads?: number;
}

export interface TrainingEngine {
  /**
   * `hyper.length` optimizer steps, step i on batch i of `batches` with hyper[i]; parameters and
   * optimizer state stay inside the engine. Stops after the first step whose loss or gradient norm is
   * not finite: that step's result is the last one returned, and the state stays at the step before it.
   */
  steps(batches: TrainBatchStack, hyper: readonly StepHyperparams[]): Promise<StepResult[]>;
  exportState(): Promise<TrainingState>;
  info(): EngineInfo;
  dispose(): Promise<void>;
}

export async function createTrainingEngine(name: EngineName, options: TrainingEngineOptions): Promise<TrainingEngine> {
  switch (name) {
    case "onnx":
      return (await import("./onnx/onnx-engine")).OnnxTrainingEngine.create(options);
    case "tfjs":
      return (await import("./tfjs/tfjs-engine")).TfjsTrainingEngine.create(options);
  }
}
