/**
 * Adds a per-channel vector to a feature map: y[n, c, h, w] = x[n, c, h, w] + e[n, c]. How a UNet
 * residual block takes the timestep: its embedding, projected to the block's channels ([B, C]), shifts
 * every pixel of channel c (DDPM's `h += dense(temb)[:, :, None, None]`).
 */
import type { Layer } from "../layer";

export function addPerChannel(name: string): Layer {
  return {
    name,
    params: [],
    onnxForward(b, [x, e]) {
      return { output: b.add(x, b.op("Unsqueeze", [e, b.int64s([2, 3])])) };
    },
    /** dL/dx = dy; e is broadcast over H and W, so dL/de[n, c] = Σ_{h,w} dy[n, c, h, w]. */
    onnxBackward(b, { needsInputGrad: [needX, needE] }, dy) {
      return { dInputs: [needX ? dy : null, needE ? b.reduceSum(dy, [2, 3]) : null], dParams: [] };
    },
    tfForward(tf, [x, e]) {
      return tf.add(x, tf.reshape(e, [...e.shape, 1, 1]));
    },
  };
}
