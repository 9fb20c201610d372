/**
 * Runs a scheduler's whole reverse process with the sampling-step graph (sampler-graph.ts): each step
 * is one session run whose output x_{t'} is fed back as the next input. On a GPU provider the output
 * is requested as a device buffer, so x_t stays on the GPU from x_T to x_0; the host computes only the
 * step's ten coefficients (the scheduler's own numbers) and draws z for stochastic steps, from the same
 * random stream, in the same order, as the host loop in train/sample.ts would.
 */
import * as ort from "onnxruntime-node";
import { modelOutputCoefficients } from "../../ddpm/forward";
import type { Rng } from "../../ddpm/random";
import type { BaseScheduler } from "../../ddpm/schedulers/base";
import type { EngineInfo, ExecutionProviderName } from "../training-engine";
import { SAMPLER_INPUTS, SAMPLER_OUTPUT, STEP_COEFFICIENT_NAMES } from "./sampler-graph";
import { openSession, readFloats, releaseDeviceTensor, sessionInfo, type OpenedSession } from "./session";

export interface SamplingStep {
  /** 0-based position of this step among `count`. */
  index: number;
  count: number;
  /** The timestep just denoised. */
  t: number;
}

export interface RunSamplerOptions {
  scheduler: BaseScheduler;
  /** x_T, [n, ...sampleShape] flattened. */
  initial: Float32Array;
  /** Draws z for the steps that add noise. */
  rng: Rng;
  /**
   * Called after every step with x_{t'} downloaded to the host (a copy per step, so pass it only when
   * the trajectory is wanted).
   */
  onStep?: (step: SamplingStep, x: Float32Array) => void;
  /** Called after every step without copying x_t: for progress reports. */
  onProgress?: (step: SamplingStep) => void;
  /** Checked between steps: an aborted signal stops sampling with its reason. */
  signal?: AbortSignal;
  /** Called before each step's session run with its 1-based index, and with null once it returns (a step over many images can take seconds). */
  onEngineCall?: (step: number | null) => void;
}

/** Far outside any data range: "no clipping" as a clamp the graph can always apply. */
const NO_CLIP = 3.0e38;

export class OnnxSampler {
  private constructor(
    private readonly opened: OpenedSession,
    private readonly sampleShape: readonly number[],
  ) {}

  static async load(
    graph: Uint8Array,
    sampleShape: readonly number[],
    { provider = "cpu", threads = 1 }: { provider?: ExecutionProviderName; threads?: number } = {},
  ): Promise<OnnxSampler> {
    return new OnnxSampler(await openSession(graph, { provider, threads, deviceOutputs: [SAMPLER_OUTPUT] }), sampleShape);
  }

  /** x_0 after every step of scheduler.timesteps, starting from `initial`. */
  async run({ scheduler, initial, rng, onStep, onProgress, signal, onEngineCall }: RunSamplerOptions): Promise<Float32Array> {
    if ("useClippedModelOutput" in scheduler && scheduler.useClippedModelOutput) {
      throw new Error("the compiled sampler does not re-derive ε̂ from a clipped x̂₀ (useClippedModelOutput); use DDIMScheduler.step on the host");
    }
    const perSample = this.sampleShape.reduce((a, b) => a * b, 1);
    const n = initial.length / perSample;
    const dims = [n, ...this.sampleShape];
    const { predictionType, clipSample, clipSampleRange } = scheduler.config;
    const clip = clipSample ? clipSampleRange : NO_CLIP;
    const zeros = new ort.Tensor("float32", new Float32Array(initial.length), dims);
    const timestep = new Float32Array(n);
    const coefficients = new Float32Array(STEP_COEFFICIENT_NAMES.length);
    const feeds: Record<string, ort.Tensor> = {
      [SAMPLER_INPUTS.timestep]: new ort.Tensor("float32", timestep, [n]),
      [SAMPLER_INPUTS.coefficients]: new ort.Tensor("float32", coefficients, [coefficients.length]),
    };
    let x: ort.Tensor = new ort.Tensor("float32", Float32Array.from(initial), dims);
    const timesteps = scheduler.timesteps;
    for (const [index, t] of timesteps.entries()) {
      const step = scheduler.stepCoefficients(t);
      const fromOutput = modelOutputCoefficients(predictionType, step.alphaBar);
      coefficients.set([...fromOutput.original, ...fromOutput.epsilon, step.original, step.epsilon, step.sample, step.noiseScale, -clip, clip]);
      timestep.fill(t);
      feeds[SAMPLER_INPUTS.sample] = x;
      feeds[SAMPLER_INPUTS.noise] = step.addsNoise ? new ort.Tensor("float32", rng.fillNormal(new Float32Array(initial.length)), dims) : zeros;
      onEngineCall?.(index + 1);
      const next = (await this.opened.session.run(feeds).finally(() => onEngineCall?.(null)))[SAMPLER_OUTPUT];
      releaseDeviceTensor(x);
      x = next;
      const done = { index, count: timesteps.length, t };
      if (onStep) onStep(done, Float32Array.from(await this.read(x)));
      onProgress?.(done);
      if (signal?.aborted) {
        releaseDeviceTensor(x);
        signal.throwIfAborted();
      }
    }
    const result = Float32Array.from(await this.read(x));
    releaseDeviceTensor(x);
    return result;
  }

  private read(x: ort.Tensor): Promise<Float32Array> {
    return readFloats(x, this.opened.executionProvider);
  }

  info(): EngineInfo {
    return sessionInfo(this.opened);
  }

  async dispose(): Promise<void> {
    await this.opened.session.release();
  }
}
