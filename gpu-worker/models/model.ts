/**
 * What every denoiser model provides: its layers (which own the parameters) and a `forward` that wires
 * them, written once against `Wiring<T>`. The ONNX engine runs `forward` with a tape whose T is an ONNX
 * value name (recording layers for the backward pass); the tfjs engine runs it with T = tf.Tensor.
 */
import type { Layer } from "../engine/layer";

/** Applies one layer to inputs of the engine's tensor type. */
export interface Wiring<T> {
  apply(layer: Layer, inputs: T[]): T;
}

export interface DenoiserModel {
  /** The architecture ("mlp", later "unet"), recorded in config.json and engineInfo. */
  readonly kind: string;
  /** Shape of one sample without the batch axis: [2] for 2D points, [C, H, W] for images. */
  readonly sampleShape: readonly number[];
  /** Every layer, in the order their parameters are listed. */
  readonly layers: readonly Layer[];
  /**
   * The model output (ε̂, x̂₀ or v̂, per the training's prediction type), shaped like `sample`.
   * @param sample x_t, [batch, ...sampleShape]
   * @param timestep t as float32, [batch]
   */
  forward<T>(wiring: Wiring<T>, sample: T, timestep: T): T;
}

/** Values in one sample: the product of `sampleShape` (2 for 2D points, C·H·W for images). */
export function valuesPerSample(model: Pick<DenoiserModel, "sampleShape">): number {
  return model.sampleShape.reduce((a, b) => a * b, 1);
}
