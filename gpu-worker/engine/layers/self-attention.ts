/**
 * Single-head self-attention over the H·W positions of an NCHW feature map (the attention block of
 * DDPM's UNet at its lowest resolution), without the residual and the norm (separate layers):
 *
 *   X           = x as [B, C, N], N = H·W
 *   [Q; K; V]   = W_qkv·X + b_qkv           [B, 3C, N]  (the three 1×1 convolutions as one MatMul)
 *   S           = QᵀK / √C                  [B, N, N]   S[i, j]: how much position i attends to j
 *   P           = softmax_j(S)
 *   O           = V·Pᵀ                      [B, C, N]   O[:, i] = Σ_j P[i, j]·V[:, j]
 *   y           = W_out·O + b_out           [B, C, H, W]
 *
 * Weights are stored as matrices W_qkv [3C, C] and W_out [C, C] (a 1×1 conv's [out, in, 1, 1] without
 * the trailing ones).
 */
import type { Layer, ParamSpec } from "../layer";
import type { Value } from "../onnx/graph-builder";

export function selfAttention2d(name: string, channels: number): Layer {
  const bound = 1 / Math.sqrt(channels);
  const params: ParamSpec[] = [
    { name: `${name}.qkv.weight`, shape: [3 * channels, channels], init: { kind: "uniform", bound }, weightDecay: true },
    { name: `${name}.qkv.bias`, shape: [3 * channels], init: { kind: "uniform", bound }, weightDecay: false },
    { name: `${name}.out.weight`, shape: [channels, channels], init: { kind: "uniform", bound }, weightDecay: true },
    { name: `${name}.out.bias`, shape: [channels], init: { kind: "uniform", bound }, weightDecay: false },
  ];
  const scale = 1 / Math.sqrt(channels);
  return {
    name,
    params,
    onnxForward(b, [x], [qkvWeight, qkvBias, outWeight, outBias]) {
      // A bias [D] as [D, 1] adds to every position of [B, D, N].
      const column = (bias: Value) => b.op("Unsqueeze", [bias, b.int64s([1])]);
      const flat = b.op("Reshape", [x, b.int64s([0, channels, -1])]);
      const [q, k, v] = b.opMulti("Split", [b.add(b.matmul(qkvWeight, flat), column(qkvBias)), b.int64s([channels, channels, channels])], 3, { axis: 1 });
      const scores = b.mul(b.matmul(b.op("Transpose", [q], { perm: [0, 2, 1] }), k), b.constant(scale));
      const attention = b.op("Softmax", [scores], { axis: -1 });
      const mixed = b.matmul(v, b.op("Transpose", [attention], { perm: [0, 2, 1] }));
      const output = b.op("Reshape", [b.add(b.matmul(outWeight, mixed), column(outBias)), b.op("Shape", [x])]);
      return { output, saved: [flat, q, k, v, attention, mixed] };
    },
    /**
     * With Y = dL/dy as [B, C, N] and Σ_b summing the batch:
     *   dW_out = Σ_b Y·Oᵀ,  db_out = Σ_{b,n} Y,  dO = W_outᵀ·Y
     *   dV = dO·P,  dP = dOᵀ·V
     *   dS = P ⊙ (dP − Σ_j dP ⊙ P)                  (softmax backward over j)
     *   dQ = K·dSᵀ / √C,  dK = Q·dS / √C
     *   dW_qkv = Σ_b [dQ; dK; dV]·Xᵀ,  db_qkv = Σ_{b,n} [dQ; dK; dV],  dX = W_qkvᵀ·[dQ; dK; dV]
     */
    onnxBackward(b, { inputs: [x], params: [qkvWeight, , outWeight], saved: [flat, q, k, v, attention, mixed], needsInputGrad }, dy) {
      const transposed = (m: Value) => b.op("Transpose", [m], { perm: [0, 2, 1] });
      const weightGrad = (d: Value, input: Value) => b.reduceSum(b.matmul(d, transposed(input)), [0]);
      const biasGrad = (d: Value) => b.reduceSum(d, [0, 2]);
      const dFlat = b.op("Reshape", [dy, b.int64s([0, channels, -1])]);
      const dMixed = b.matmul(b.op("Transpose", [outWeight]), dFlat);
      const dV = b.matmul(dMixed, attention);
      const dAttention = b.matmul(transposed(dMixed), v);
      const dScores = b.mul(b.mul(attention, b.sub(dAttention, b.reduceSum(b.mul(dAttention, attention), [2], true))), b.constant(scale));
      const dQ = b.matmul(k, transposed(dScores));
      const dK = b.matmul(q, dScores);
      const dQkv = b.op("Concat", [dQ, dK, dV], { axis: 1 });
      const dX = needsInputGrad[0] ? b.op("Reshape", [b.matmul(b.op("Transpose", [qkvWeight]), dQkv), b.op("Shape", [x])]) : null;
      return {
        dInputs: [dX],
        dParams: [weightGrad(dQkv, flat), biasGrad(dQkv), weightGrad(dFlat, mixed), biasGrad(dFlat)],
      };
    },
    tfForward(tf, [x], [qkvWeight, qkvBias, outWeight, outBias]) {
      const [batch] = x.shape;
      const flat = tf.reshape(x, [batch, channels, -1]);
      // tfjs' matMul broadcasts [D, C]·[B, C, N] forward but its gradient does not: one copy per sample.
      const perSample = (weight: typeof x) => tf.tile(tf.expandDims(weight, 0), [batch, 1, 1]);
      const qkv = tf.add(tf.matMul(perSample(qkvWeight), flat), tf.expandDims(qkvBias, 1));
      const [q, k, v] = tf.split(qkv, 3, 1);
      const attention = tf.softmax(tf.mul(tf.matMul(q, k, true, false), scale));
      const mixed = tf.matMul(v, attention, false, true);
      return tf.reshape(tf.add(tf.matMul(perSample(outWeight), mixed), tf.expandDims(outBias, 1)), x.shape);
    },
  };
}
