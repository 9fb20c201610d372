/**
 * Sinusoidal timestep embedding of the Transformer / DDPM, laid out as diffusers' `get_timestep_embedding`
 * with flip_sin_to_cos=True and downscale_freq_shift=0: for i < dim/2, ω_i = maxPeriod^(−i/(dim/2)),
 * emb(t) = [cos(t·ω_0..), sin(t·ω_0..)].
 *
 * It has no parameters and its input (the timestep) is data, so it needs no backward rule.
 */
import type { Layer } from "../layer";

export function sinusoidalEmbedding(name: string, dim: number, maxPeriod = 10_000): Layer {
  if (dim % 2 !== 0) throw new Error(`${name}: the embedding dimension must be even, got ${dim}`);
  const half = dim / 2;
  const frequencies = Float32Array.from({ length: half }, (_, i) => Math.exp((-Math.log(maxPeriod) * i) / half));
  return {
    name,
    params: [],
    onnxForward(b, [timestep]) {
      // [B] → [B, 1] · [half] → [B, half]
      const angles = b.mul(b.op("Unsqueeze", [timestep, b.int64s([1])]), b.constant(frequencies));
      return { output: b.op("Concat", [b.op("Cos", [angles]), b.op("Sin", [angles])], { axis: 1 }) };
    },
    tfForward(tf, [timestep]) {
      const angles = tf.mul(tf.expandDims(timestep, 1), tf.tensor1d(frequencies));
      return tf.concat([tf.cos(angles), tf.sin(angles)], 1);
    },
  };
}
