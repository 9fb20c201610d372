/** Elementwise sum of two tensors of the same shape (residual connections). */
import type { Layer } from "../layer";

export function add(name: string): Layer {
  return {
    name,
    params: [],
    onnxForward(b, [x, y]) {
      return { output: b.add(x, y) };
    },
    /** d(x + y)/dx = d(x + y)/dy = 1: both inputs receive dL/dout unchanged. */
    onnxBackward(_b, { needsInputGrad }, dOut) {
      return { dInputs: needsInputGrad.map((needed) => (needed ? dOut : null)), dParams: [] };
    },
    tfForward(tf, [x, y]) {
      return tf.add(x, y);
    },
  };
}
