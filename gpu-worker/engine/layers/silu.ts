/** SiLU (swish) activation, y = x·σ(x), elementwise. */
import type { Layer } from "../layer";

export function silu(name: string): Layer {
  return {
    name,
    params: [],
    onnxForward(b, [x]) {
      const sigmoid = b.op("Sigmoid", [x]);
      return { output: b.mul(x, sigmoid), saved: [sigmoid] };
    },
    /**
     * dy/dx = σ(x) + x·σ(x)·(1 − σ(x)) = σ + y·(1 − σ), reusing the forward's σ and y (three ops on
     * [B, C] instead of recomputing), so dL/dx = dL/dy · (σ + y·(1 − σ)).
     */
    onnxBackward(b, { output: y, saved: [sigmoid] }, dy) {
      const slope = b.add(sigmoid, b.mul(y, b.sub(b.constant(1), sigmoid)));
      return { dInputs: [b.mul(dy, slope)], dParams: [] };
    },
    tfForward(tf, [x]) {
      return tf.mul(x, tf.sigmoid(x));
    },
  };
}
