/**
 * TrainingEngine on onnxruntime-node: the whole step is one compiled graph (training-graph.ts), run
 * once per step. Parameters, Adam moments and EMA weights live in onnxruntime tensors: each step's state
 * outputs become the next step's inputs, so JS never copies them (on a GPU provider they stay in device
 * memory). Per step, JS only refills the batch arrays in place and sets three scalars.
 */
import * as ort from "onnxruntime-node";
import { flatParamLayout, type ParamSlot } from "../layer";
import { packTensors, unpackTensors } from "../parameters";
import type {
  EngineInfo,
  StepHyperparams,
  StepResult,
  TrainBatch,
  TrainingEngine,
  TrainingEngineOptions,
  TrainingState,
} from "../training-engine";
import { openSession, readFloats, releaseDeviceTensor, sessionInfo, type OpenedSession } from "./session";
import {
  BATCH_INPUTS,
  buildTrainingGraph,
  GRAD_NORM_OUTPUT,
  LOSS_OUTPUT,
  nextStateName,
  SCALAR_INPUTS,
  STATE_INPUTS,
  type StateName,
} from "./training-graph";

/** TrainingState's field for each state vector of the graph. */
const STATE_FIELDS: Record<StateName, "params" | "adamM" | "adamV" | "ema"> = {
  params: "params",
  adam_m: "adamM",
  adam_v: "adamV",
  ema: "ema",
};

export class OnnxTrainingEngine implements TrainingEngine {
  /** Feeds of the next run: batch tensors (wrapping the batch arrays), scalars and the current state. */
  private readonly feeds: Record<string, ort.Tensor> = {};
  private readonly scalars = { lr: new Float32Array(1), emaDecay: new Float32Array(1), step: new Float32Array(1) };
  /** The batch whose arrays the batch tensors wrap; another batch object gets new tensors. */
  private wrappedBatch: TrainBatch | null = null;

  private constructor(
    private readonly opened: OpenedSession,
    private readonly slots: ParamSlot[],
    private readonly sampleShape: readonly number[],
    private stepCount: number,
  ) {
    for (const key of Object.keys(SCALAR_INPUTS) as (keyof typeof SCALAR_INPUTS)[]) {
      this.feeds[SCALAR_INPUTS[key]] = new ort.Tensor("float32", this.scalars[key], []);
    }
  }

  static async create(options: TrainingEngineOptions): Promise<OnnxTrainingEngine> {
    const { model, initialState, provider = "cpu", threads = 1 } = options;
    const { slots, totalSize } = flatParamLayout(model.layers);
    const opened = await openSession(buildTrainingGraph(options), {
      provider,
      threads,
      deviceOutputs: STATE_INPUTS.map(nextStateName),
    });
    const engine = new OnnxTrainingEngine(opened, slots, model.sampleShape, initialState.step);
    for (const name of STATE_INPUTS) {
      const flat = packTensors(slots, totalSize, initialState[STATE_FIELDS[name]]);
      engine.feeds[name] = new ort.Tensor("float32", flat, [totalSize]);
    }
    return engine;
  }

  private wrapBatch(batch: TrainBatch): void {
    if (this.wrappedBatch === batch) return;
    const batchSize = batch.timestep.length;
    const sampleDims = [batchSize, ...this.sampleShape];
    const coefficientDims = [batchSize, ...this.sampleShape.map(() => 1)];
    const dims: Record<keyof TrainBatch, number[]> = {
      x0: sampleDims,
      noise: sampleDims,
      sqrtAlphaBar: coefficientDims,
      sqrtOneMinusAlphaBar: coefficientDims,
      timestep: [batchSize],
      lossWeight: coefficientDims,
    };
    for (const key of Object.keys(BATCH_INPUTS) as (keyof TrainBatch)[]) {
      this.feeds[BATCH_INPUTS[key]] = new ort.Tensor("float32", batch[key], dims[key]);
    }
    this.wrappedBatch = batch;
  }

  async step(batch: TrainBatch, { lr, emaDecay }: StepHyperparams): Promise<StepResult> {
    // The tensors wrap the batch arrays, so refilling those arrays in place is all a new batch costs.
    this.wrapBatch(batch);
    this.scalars.lr[0] = lr;
    this.scalars.emaDecay[0] = emaDecay;
    this.scalars.step[0] = this.stepCount + 1;
    const out = await this.opened.session.run(this.feeds);
    const result = { loss: (out[LOSS_OUTPUT].data as Float32Array)[0], gradNorm: (out[GRAD_NORM_OUTPUT].data as Float32Array)[0] };
    const finite = Number.isFinite(result.loss) && Number.isFinite(result.gradNorm);
    for (const name of STATE_INPUTS) {
      // A non-finite step is dropped: the state stays at the last finite step, which the caller can save.
      const [keep, drop] = finite ? [out[nextStateName(name)], this.feeds[name]] : [this.feeds[name], out[nextStateName(name)]];
      releaseDeviceTensor(drop);
      this.feeds[name] = keep;
    }
    if (finite) this.stepCount += 1;
    return result;
  }

  async exportState(): Promise<TrainingState> {
    const state: TrainingState = { step: this.stepCount, params: {}, adamM: {}, adamV: {}, ema: {} };
    for (const name of STATE_INPUTS) {
      // Unpacking copies, so the tensor's own buffer is not kept.
      state[STATE_FIELDS[name]] = unpackTensors(this.slots, await readFloats(this.feeds[name], this.opened.executionProvider));
    }
    return state;
  }

  info(): EngineInfo {
    return sessionInfo(this.opened);
  }

  async dispose(): Promise<void> {
    await this.opened.session.release();
  }
}
