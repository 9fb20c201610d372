/**
 * FiLM conditioning (Perez et al. 2018) in diffusers' "scale_shift" form (ResnetBlock2D with
 * time_embedding_norm="scale_shift": `scale, shift = emb.chunk(2, dim=1)`):
 *
 *   [scale, shift] = split(scaleShift, 2, axis 1),   y = h ⊙ (1 + scale) + shift
 *
 * h is [B, C] and scaleShift [B, 2C] (one Linear of the timestep embedding gives both halves).
 * The "1 +" makes a zero scale the identity.
 */
import type { Layer } from "../layer";

export function modulate(name: string): Layer {
  return {
    name,
    params: [],
    onnxForward(b, [h, scaleShift]) {
      const [scale, shift] = b.opMulti("Split", [scaleShift], 2, { axis: 1 });
      const gain = b.add(b.constant(1), scale);
      return { output: b.add(b.mul(h, gain), shift), saved: [gain] };
    },
    /** dL/dh = dy ⊙ (1 + scale); dL/d[scale, shift] = [dy ⊙ h, dy]. */
    onnxBackward(b, { inputs: [h], saved: [gain], needsInputGrad: [needH, needScaleShift] }, dy) {
      return {
        dInputs: [needH ? b.mul(dy, gain) : null, needScaleShift ? b.op("Concat", [b.mul(dy, h), dy], { axis: 1 }) : null],
        dParams: [],
      };
    },
    tfForward(tf, [h, scaleShift]) {
      const [scale, shift] = tf.split(scaleShift, 2, 1);
      return tf.add(tf.mul(h, tf.add(1, scale)), shift);
    },
  };
}
