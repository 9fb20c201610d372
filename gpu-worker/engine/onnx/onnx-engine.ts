/**
 * TrainingEngine on onnxruntime-node: the steps are compiled graphs (training-graph.ts). Parameters,
 * Adam moments and EMA weights live in onnxruntime tensors: each run's state outputs become the next
 * run's inputs, so JS never copies them (on a GPU provider they stay in device memory). Per run, JS
 * only hands over the stacked batches and the per-step scalars.
 *
 * On the CPU provider one run takes every step it is given (the loop graph); on a GPU provider one
 * run takes one step (the step graph), as the state never leaves the device there anyway.
 */
import * as ort from "onnxruntime-node";
import { flatParamLayout, type ParamSlot } from "../layer";
import { packTensors, unpackTensors } from "../parameters";
import {
  isFiniteStep,
  sliceBatchStack,
  type EngineInfo,
  type StepHyperparams,
  type StepResult,
  type TrainBatch,
  type TrainBatchStack,
  type TrainingEngine,
  type TrainingEngineOptions,
  type TrainingState,
} from "../training-engine";
import { openSession, readFloats, releaseDeviceTensor, sessionInfo, type OpenedSession } from "./session";
import {
  BATCH_INPUTS,
  buildTrainingLoopGraph,
  buildTrainingStepGraph,
  GRAD_NORM_OUTPUT,
  LOSS_OUTPUT,
  nextStateName,
  STATE_INPUTS,
  STEP_INPUTS,
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
  /** The current state vectors, fed to the next run. */
  private readonly state = {} as Record<StateName, ort.Tensor>;
  /** The batch tensors of the last stack run, kept while the same stack object comes back. */
  private wrapped: { stack: TrainBatchStack; steps: number; tensors: Record<string, ort.Tensor> } | null = null;

  private constructor(
    private readonly opened: OpenedSession,
    private readonly slots: ParamSlot[],
    private readonly sampleShape: readonly number[],
    /** Steps one session run can take: all of them with the loop graph, one with the step graph. */
    private readonly stepsPerRun: number,
    private stepCount: number,
  ) {}

  static async create(options: TrainingEngineOptions): Promise<OnnxTrainingEngine> {
    const { model, initialState, provider = "cpu", threads = 1 } = options;
    const { slots, totalSize } = flatParamLayout(model.layers);
    const loop = provider === "cpu";
    const opened = await openSession(loop ? buildTrainingLoopGraph(options) : buildTrainingStepGraph(options), {
      provider,
      threads,
      deviceOutputs: STATE_INPUTS.map(nextStateName),
    });
    const engine = new OnnxTrainingEngine(opened, slots, model.sampleShape, loop ? Infinity : 1, initialState.step);
    for (const name of STATE_INPUTS) {
      const flat = packTensors(slots, totalSize, initialState[STATE_FIELDS[name]]);
      engine.state[name] = new ort.Tensor("float32", flat, [totalSize]);
    }
    return engine;
  }

  async steps(batches: TrainBatchStack, hyper: readonly StepHyperparams[]): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (let from = 0; from < hyper.length; from += this.stepsPerRun) {
      const count = Math.min(this.stepsPerRun, hyper.length - from);
      const whole = count === hyper.length;
      results.push(...(await this.run(whole ? batches : sliceBatchStack(batches, hyper.length, from, count), hyper.slice(from, from + count))));
      if (!isFiniteStep(results[results.length - 1])) break;
    }
    return results;
  }

  /** The stack's batch tensors, [steps, batch, …]; the tensors wrap the stack's arrays (no copy). */
  private batchTensors(stack: TrainBatchStack, steps: number): Record<string, ort.Tensor> {
    if (this.wrapped?.stack === stack && this.wrapped.steps === steps) return this.wrapped.tensors;
    const batchSize = stack.timestep.length / steps;
    const sampleDims = [steps, batchSize, ...this.sampleShape];
    const coefficientDims = [steps, batchSize, ...this.sampleShape.map(() => 1)];
    const dims: Record<keyof TrainBatch, number[]> = {
      x0: sampleDims,
      noise: sampleDims,
      sqrtAlphaBar: coefficientDims,
      sqrtOneMinusAlphaBar: coefficientDims,
      timestep: [steps, batchSize],
      lossWeight: coefficientDims,
    };
    const tensors: Record<string, ort.Tensor> = {};
    for (const key of Object.keys(BATCH_INPUTS) as (keyof TrainBatch)[]) {
      tensors[BATCH_INPUTS[key]] = new ort.Tensor("float32", stack[key], dims[key]);
    }
    this.wrapped = { stack, steps, tensors };
    return tensors;
  }

  /**
   * One session run over `hyper.length` steps. If its last step is not finite, the run's state is
   * dropped and the finite steps before it are run again from the run's starting state (the steps
   * are deterministic), so the state ends at the last finite step.
   */
  private async run(batches: TrainBatchStack, hyper: readonly StepHyperparams[]): Promise<StepResult[]> {
    const count = hyper.length;
    const out = await this.opened.session.run({
      ...this.batchTensors(batches, count),
      ...this.state,
      [STEP_INPUTS.lr]: new ort.Tensor("float32", Float32Array.from(hyper, (h) => h.lr), [count]),
      [STEP_INPUTS.emaDecay]: new ort.Tensor("float32", Float32Array.from(hyper, (h) => h.emaDecay), [count]),
      [STEP_INPUTS.step]: new ort.Tensor("float32", Float32Array.of(this.stepCount + 1), []),
    });
    const losses = out[LOSS_OUTPUT].data as Float32Array;
    const gradNorms = out[GRAD_NORM_OUTPUT].data as Float32Array;
    const results = Array.from(losses, (loss, i) => ({ loss, gradNorm: gradNorms[i] }));
    if (isFiniteStep(results[results.length - 1])) {
      for (const name of STATE_INPUTS) {
        releaseDeviceTensor(this.state[name]);
        this.state[name] = out[nextStateName(name)];
      }
      this.stepCount += results.length;
      return results;
    }
    for (const name of STATE_INPUTS) releaseDeviceTensor(out[nextStateName(name)]);
    const finite = results.length - 1;
    if (finite > 0) await this.run(sliceBatchStack(batches, count, 0, finite), hyper.slice(0, finite));
    return results;
  }

  async exportState(): Promise<TrainingState> {
    const state: TrainingState = { step: this.stepCount, params: {}, adamM: {}, adamV: {}, ema: {} };
    for (const name of STATE_INPUTS) {
      // Unpacking copies, so the tensor's own buffer is not kept.
      state[STATE_FIELDS[name]] = unpackTensors(this.slots, await readFloats(this.state[name], this.opened.executionProvider));
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
