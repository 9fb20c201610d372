/**
 * Nearest-neighbour 2× upsampling of NCHW tensors (diffusers' Upsample2D before its conv): every pixel
 * becomes a 2×2 block, [B, C, H, W] → [B, C, 2H, 2W]. No parameters.
 */
import type { Tensor4D } from "@tensorflow/tfjs";
import type { Layer } from "../layer";

export function upsampleNearest2x(name: string): Layer {
  return {
    name,
    params: [],
    onnxForward(b, [x]) {
      // "asymmetric" + "floor": output pixel (i, j) reads input (⌊i/2⌋, ⌊j/2⌋), an exact copy.
      const scales = b.constant([1, 1, 2, 2]);
      return { output: b.op("Resize", [x, "", scales], { mode: "nearest", coordinate_transformation_mode: "asymmetric", nearest_mode: "floor" }) };
    },
    /**
     * Each input pixel feeds its 2×2 block, so dL/dx[i, j] = Σ of dy over that block: a 2×2 sum-pool,
     * written as average-pool × 4.
     */
    onnxBackward(b, { needsInputGrad }, dy) {
      const dx = needsInputGrad[0] ? b.mul(b.op("AveragePool", [dy], { kernel_shape: [2, 2], strides: [2, 2] }), b.constant(4)) : null;
      return { dInputs: [dx], dParams: [] };
    },
    tfForward(tf, [x]) {
      // tfjs resizes NHWC; without align-corners or half-pixel centres, output (i, j) reads (⌊i/2⌋, ⌊j/2⌋).
      const [, , height, width] = x.shape;
      const resized = tf.image.resizeNearestNeighbor(tf.transpose(x, [0, 2, 3, 1]) as Tensor4D, [2 * height, 2 * width]);
      return tf.transpose(resized, [0, 3, 1, 2]);
    },
  };
}
