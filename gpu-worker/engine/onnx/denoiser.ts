/** Runs a denoiser graph (denoiser-graph.ts) with onnxruntime: the model output for a batch at one t. */
import * as ort from "onnxruntime-node";
import type { EngineInfo, ExecutionProviderName } from "../training-engine";
import { DENOISER_INPUTS, DENOISER_OUTPUT } from "./denoiser-graph";
import { openSession, sessionInfo, type OpenedSession } from "./session";

export class OnnxDenoiser {
  private constructor(
    private readonly opened: OpenedSession,
    private readonly sampleShape: readonly number[],
  ) {}

  static async load(
    graph: Uint8Array,
    sampleShape: readonly number[],
    { provider = "cpu", threads = 1 }: { provider?: ExecutionProviderName; threads?: number } = {},
  ): Promise<OnnxDenoiser> {
    return new OnnxDenoiser(await openSession(graph, { provider, threads }), sampleShape);
  }

  /** Model output for `sample` ([n, ...sampleShape] flattened) at timestep t for every row. */
  async predict(sample: Float32Array, t: number): Promise<Float32Array> {
    const perSample = this.sampleShape.reduce((a, b) => a * b, 1);
    const n = sample.length / perSample;
    const out = await this.opened.session.run({
      [DENOISER_INPUTS.sample]: new ort.Tensor("float32", sample, [n, ...this.sampleShape]),
      [DENOISER_INPUTS.timestep]: new ort.Tensor("float32", new Float32Array(n).fill(t), [n]),
    });
    return (await out[DENOISER_OUTPUT].getData()) as Float32Array;
  }

  info(): EngineInfo {
    return sessionInfo(this.opened);
  }

  async dispose(): Promise<void> {
    await this.opened.session.release();
  }
}
