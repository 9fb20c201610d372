/**
 * Concatenation along the feature axis (axis 1): [B, C₁], [B, C₂], … → [B, ΣC]. Used to condition a
 * layer on the timestep embedding (concat then Linear = W_h·h + W_e·e + b) and, in a UNet, for skip
 * connections ([B, C, H, W] along channels).
 */
import type { Layer } from "../layer";

/** @param widths the size of each input along axis 1 (the backward slices dL/dy at these offsets) */
export function concat(name: string, widths: number[]): Layer {
  const offsets = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  return {
    name,
    params: [],
    onnxForward(b, inputs) {
      return { output: b.op("Concat", inputs, { axis: 1 }) };
    },
    /** y = [x₁, x₂, …] along axis 1, so dL/dx_i is the slice of dL/dy at x_i's offset. */
    onnxBackward(b, { needsInputGrad }, dy) {
      return {
        dInputs: needsInputGrad.map((needed, i) =>
          needed ? b.op("Slice", [dy, b.int64s([offsets[i]]), b.int64s([offsets[i] + widths[i]]), b.int64s([1])]) : null,
        ),
        dParams: [],
      };
    },
    tfForward(tf, inputs) {
      return tf.concat(inputs, 1);
    },
  };
}
