/**
 * Group normalization (Wu & He 2018), PyTorch's nn.GroupNorm(groups, channels, eps=1e-5) on NCHW:
 * the C channels are split into G groups, each (sample, group) is normalized over its C/G·H·W values,
 * x̂ = (x − μ)/√(σ² + ε) with the biased variance σ², then y = γ_c·x̂ + β_c per channel.
 * Unlike BatchNorm it does not depend on the batch, so training and sampling see the same function.
 */
import type { Layer, ParamSpec } from "../layer";

const EPSILON = 1e-5;

export function groupNorm(name: string, channels: number, groups: number): Layer {
  if (channels % groups !== 0) throw new Error(`${name}: ${groups} groups do not divide ${channels} channels`);
  const params: ParamSpec[] = [
    { name: `${name}.weight`, shape: [channels], init: { kind: "ones" }, weightDecay: false },
    { name: `${name}.bias`, shape: [channels], init: { kind: "zeros" }, weightDecay: false },
  ];
  const perChannel = [channels, 1, 1];
  return {
    name,
    params,
    onnxForward(b, [x], [gain, bias]) {
      // [B, C, H, W] → [B, G, C/G·H·W]: statistics over the last axis.
      // onnxruntime's fused LayerNormalization kernel over each group's values, with a unit scale,
      // computes x̂ and σ̂⁻¹ in one pass instead of eight elementwise and reduction nodes.
      const grouped = b.op("Reshape", [x, b.int64s([0, groups, -1])]);
      const unitScale = b.op("Expand", [b.constant(1), b.op("Slice", [b.op("Shape", [grouped]), b.int64s([2]), b.int64s([3])])]);
      const [groupNormalized, , inverseStd] = b.opMulti("LayerNormalization", [grouped, unitScale], 3, { axis: 2, epsilon: { float: EPSILON } });
      const normalized = b.op("Reshape", [groupNormalized, b.op("Shape", [x])]);
      const output = b.add(b.mul(normalized, b.op("Reshape", [gain, b.int64s(perChannel)])), b.op("Reshape", [bias, b.int64s(perChannel)]));
      return { output, saved: [normalized, inverseStd] };
    },
    /**
     * dL/dγ_c = Σ_{n,h,w} dy ⊙ x̂,  dL/dβ_c = Σ_{n,h,w} dy.
     * With g = dy ⊙ γ (dL/dx̂) and means over each group's m = C/G·H·W values, differentiating
     * x̂ = (x − μ)·σ̂⁻¹ through μ and σ̂ gives
     *   dL/dx = σ̂⁻¹ · (g − mean(g) − x̂ · mean(g ⊙ x̂)).
     */
    onnxBackward(b, { inputs: [x], params: [gain], saved: [normalized, inverseStd], needsInputGrad }, dy) {
      const dGain = b.reduceSum(b.mul(dy, normalized), [0, 2, 3]);
      const dBias = b.reduceSum(dy, [0, 2, 3]);
      if (!needsInputGrad[0]) return { dInputs: [null], dParams: [dGain, dBias] };
      const toGroups = (v: string) => b.op("Reshape", [v, b.int64s([0, groups, -1])]);
      const g = toGroups(b.mul(dy, b.op("Reshape", [gain, b.int64s(perChannel)])));
      const xHat = toGroups(normalized);
      const projection = b.mul(xHat, b.reduceMean(b.mul(g, xHat), [2], true));
      const dGrouped = b.mul(inverseStd, b.sub(b.sub(g, b.reduceMean(g, [2], true)), projection));
      return { dInputs: [b.op("Reshape", [dGrouped, b.op("Shape", [x])])], dParams: [dGain, dBias] };
    },
    tfForward(tf, [x], [gain, bias]) {
      const grouped = tf.reshape(x, [x.shape[0], groups, -1]);
      const { mean, variance } = tf.moments(grouped, 2, true);
      const normalized = tf.reshape(tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, EPSILON))), x.shape);
      return tf.add(tf.mul(normalized, tf.reshape(gain, perChannel)), tf.reshape(bias, perChannel));
    },
  };
}
