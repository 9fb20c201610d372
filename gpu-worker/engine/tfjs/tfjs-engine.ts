/**
 * TrainingEngine on TensorFlow.js: the reference engine. Gradients come from tfjs autodiff of the
 * layers' tfForward (tf.variableGrads); clipping, AdamW and EMA are the same equations as the ONNX
 * training graph, in tfjs ops. Parameters and optimizer state are tf.Variables.
 */
import { collectParams, type ParamSpec, type Tf, type TfTensor } from "../layer";
import {
  isFiniteStep,
  sliceBatchStack,
  type EngineInfo,
  type NamedTensors,
  type StepHyperparams,
  type StepResult,
  type TrainBatch,
  type TrainBatchStack,
  type TrainingEngine,
  type TrainingEngineOptions,
  type TrainingState,
} from "../training-engine";
import type * as tfjs from "@tensorflow/tfjs";
import { loadTf } from "./backend";
import { batchTensors, diffusionLoss } from "./loss";

/** PyTorch's clip_grad_norm_ adds this to the norm before dividing (as the ONNX graph does). */
const CLIP_NORM_EPSILON = 1e-6;

interface ParamState {
  spec: ParamSpec;
  param: tfjs.Variable;
  m: tfjs.Variable;
  v: tfjs.Variable;
  ema: tfjs.Variable;
}

export class TfjsTrainingEngine implements TrainingEngine {
  private constructor(
    private readonly tf: Tf,
    private readonly backend: string,
    private readonly skipped: string[],
    private readonly options: TrainingEngineOptions,
    private readonly state: ParamState[],
    private stepCount: number,
  ) {}

  static async create(options: TrainingEngineOptions): Promise<TfjsTrainingEngine> {
    const { tf, backend, skipped } = await loadTf(options.provider !== undefined && options.provider !== "cpu");
    const { initialState } = options;
    // Variables get tfjs-generated names: tfjs registers names globally, and two engines may coexist.
    const variable = (values: NamedTensors, spec: ParamSpec) => tf.variable(tf.tensor(values[spec.name], spec.shape));
    const state = collectParams(options.model.layers).map((spec) => ({
      spec,
      param: variable(initialState.params, spec),
      m: variable(initialState.adamM, spec),
      v: variable(initialState.adamV, spec),
      ema: variable(initialState.ema, spec),
    }));
    return new TfjsTrainingEngine(tf, backend, skipped, options, state, initialState.step);
  }

  async steps(batches: TrainBatchStack, hyper: readonly StepHyperparams[]): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (let i = 0; i < hyper.length; i++) {
      results.push(await this.step(sliceBatchStack(batches, hyper.length, i, 1), hyper[i]));
      if (!isFiniteStep(results[i])) break;
    }
    return results;
  }

  private async step(batch: TrainBatch, { lr, emaDecay }: StepHyperparams): Promise<StepResult> {
    const { tf, options } = this;
    const { beta1, beta2, epsilon, weightDecay, gradClipNorm } = options.optimizer;
    const k = this.stepCount + 1;
    const updates = tf.tidy(() => {
      const tensors = batchTensors(tf, batch, options.model.sampleShape);
      const params = Object.fromEntries(this.state.map((s) => [s.spec.name, s.param as TfTensor]));
      const { value: loss, grads } = tf.variableGrads(
        () => diffusionLoss(tf, options.model, params, tensors, options.prediction) as tfjs.Scalar,
        this.state.map((s) => s.param),
      );
      const gradList = this.state.map((s) => grads[s.param.name]);
      const gradNorm = tf.sqrt(tf.addN(gradList.map((g) => tf.sum(tf.square(g)))));
      const clip = gradClipNorm === null ? tf.scalar(1) : tf.minimum(1, tf.div(gradClipNorm, tf.add(gradNorm, CLIP_NORM_EPSILON)));
      const stepSize = lr / (1 - beta1 ** k);
      const sqrtBiasCorrection2 = Math.sqrt(1 - beta2 ** k);
      const next = this.state.map((s, i) => {
        const g = tf.mul(gradList[i], clip);
        const m = tf.add(tf.mul(beta1, s.m), tf.mul(1 - beta1, g));
        const v = tf.add(tf.mul(beta2, s.v), tf.mul(1 - beta2, tf.square(g)));
        const decayed = s.spec.weightDecay && weightDecay > 0 ? tf.mul(s.param, 1 - lr * weightDecay) : s.param;
        const param = tf.sub(decayed, tf.mul(stepSize, tf.div(m, tf.add(tf.div(tf.sqrt(v), sqrtBiasCorrection2), epsilon))));
        const ema = tf.add(param, tf.mul(emaDecay, tf.sub(s.ema, param)));
        return { param, m, v, ema };
      });
      return { loss, gradNorm, next };
    });
    const result = { loss: (await updates.loss.data())[0], gradNorm: (await updates.gradNorm.data())[0] };
    const finite = isFiniteStep(result);
    this.state.forEach((s, i) => {
      for (const key of ["param", "m", "v", "ema"] as const) {
        // A non-finite step is dropped: the state stays at the last finite step.
        if (finite) s[key].assign(updates.next[i][key]);
        updates.next[i][key].dispose();
      }
    });
    updates.loss.dispose();
    updates.gradNorm.dispose();
    if (finite) this.stepCount = k;
    return result;
  }

  async exportState(): Promise<TrainingState> {
    const read = async (pick: (s: ParamState) => tfjs.Variable): Promise<NamedTensors> =>
      Object.fromEntries(await Promise.all(this.state.map(async (s) => [s.spec.name, (await pick(s).data()) as Float32Array] as const)));
    return {
      step: this.stepCount,
      params: await read((s) => s.param),
      adamM: await read((s) => s.m),
      adamV: await read((s) => s.v),
      ema: await read((s) => s.ema),
    };
  }

  info(): EngineInfo {
    const fallbackReason = this.skipped.length > 0 ? `skipped ${this.skipped.join("; ")}` : undefined;
    return { engine: "tfjs", executionProvider: this.backend, threads: null, ...(fallbackReason ? { fallbackReason } : {}) };
  }

  async dispose(): Promise<void> {
    for (const s of this.state) for (const key of ["param", "m", "v", "ema"] as const) s[key].dispose();
  }
}
