/**
 * The tfjs twin of the training graph's loss (training-graph.ts): the model's forward through the
 * layers' tfForward, then L = mean_i( w_i · mean_j (pred − target)²_ij ). tfjs autodiff of this is the
 * reference the compiled gradients are tested against, and what the tfjs engine trains with.
 */
import type { PredictionType } from "../../ddpm/forward";
import type { DenoiserModel, Wiring } from "../../models/model";
import type { Tf, TfTensor } from "../layer";
import type { TrainBatch } from "../training-engine";

/** Runs a model's forward with tfjs tensors, taking each layer's parameters from `params` by name. */
export class TfWiring implements Wiring<TfTensor> {
  constructor(
    private readonly tf: Tf,
    private readonly params: Record<string, TfTensor>,
  ) {}

  apply(layer: Parameters<Wiring<TfTensor>["apply"]>[0], inputs: TfTensor[]): TfTensor {
    return layer.tfForward(
      this.tf,
      inputs,
      layer.params.map((p) => this.params[p.name]),
    );
  }
}

export type TfBatch = Record<keyof TrainBatch, TfTensor>;

/** The batch as tensors, per-sample coefficients shaped [batch, 1, …, 1] to broadcast over a sample. */
export function batchTensors(tf: Tf, batch: TrainBatch, sampleShape: readonly number[]): TfBatch {
  const batchSize = batch.timestep.length;
  const sampleDims = [batchSize, ...sampleShape];
  const coefficientDims = [batchSize, ...sampleShape.map(() => 1)];
  return {
    x0: tf.tensor(batch.x0, sampleDims),
    noise: tf.tensor(batch.noise, sampleDims),
    sqrtAlphaBar: tf.tensor(batch.sqrtAlphaBar, coefficientDims),
    sqrtOneMinusAlphaBar: tf.tensor(batch.sqrtOneMinusAlphaBar, coefficientDims),
    timestep: tf.tensor(batch.timestep, [batchSize]),
    lossWeight: tf.tensor(batch.lossWeight, coefficientDims),
  };
}

export function diffusionLoss(
  tf: Tf,
  model: DenoiserModel,
  params: Record<string, TfTensor>,
  batch: TfBatch,
  prediction: PredictionType,
): TfTensor {
  const { x0, noise, sqrtAlphaBar: a, sqrtOneMinusAlphaBar: s, timestep, lossWeight } = batch;
  const xt = tf.add(tf.mul(a, x0), tf.mul(s, noise));
  const pred = model.forward(new TfWiring(tf, params), xt, timestep);
  const target = prediction === "epsilon" ? noise : prediction === "sample" ? x0 : tf.sub(tf.mul(a, noise), tf.mul(s, x0));
  return tf.mean(tf.mul(lossWeight, tf.square(tf.sub(pred, target))));
}
