/**
 * 2D convolution on NCHW tensors, PyTorch's nn.Conv2d with square kernel k, stride s and padding
 * (k − 1)/2 on every side ("same" size at stride 1; 3×3 stride 2 halves the size, diffusers'
 * Downsample2D). Weight [out, in, k, k] (PyTorch's layout), bias [out].
 *
 * The tfjs twin is written as shifted windows + matMul rather than tf.conv2d: the wasm backend has no
 * kernel for the gradient of tf.conv2d w.r.t. its filter (Conv2DBackpropFilter), and this twin is an
 * independent formulation to check the ONNX Conv / ConvTranspose rules against.
 */
import type { Layer, ParamInit, ParamSpec, Tf, TfTensor } from "../layer";
import type { GraphBuilder, Value } from "../onnx/graph-builder";

export interface Conv2dOptions {
  /** k, odd (default 3); padding is (k − 1)/2. */
  kernelSize?: number;
  /** s (default 1). */
  stride?: number;
  /**
   * The input's height = width. Needed only for s > 1: which output size the input gradient has
   * (several input sizes give the same output size at stride s).
   */
  inputSize?: number;
}

export function conv2d(name: string, inChannels: number, outChannels: number, options: Conv2dOptions = {}): Layer {
  const { kernelSize: k = 3, stride: s = 1, inputSize } = options;
  if (k % 2 !== 1) throw new Error(`${name}: the kernel size must be odd, got ${k}`);
  if (s > 1 && inputSize === undefined) throw new Error(`${name}: a strided convolution needs its inputSize`);
  const p = (k - 1) / 2;
  // Input rows past the last window, (H + 2p − k) mod s: the input gradient gets them back as
  // ConvTranspose's output_padding.
  const trailing = s > 1 ? (inputSize! + 2 * p - k) % s : 0;
  // PyTorch's nn.Conv2d init: U(±1/√fanIn), fanIn = in·k².
  const init: ParamInit = { kind: "uniform", bound: 1 / Math.sqrt(inChannels * k * k) };
  const params: ParamSpec[] = [
    { name: `${name}.weight`, shape: [outChannels, inChannels, k, k], init, weightDecay: true },
    { name: `${name}.bias`, shape: [outChannels], init, weightDecay: false },
  ];
  const attributes = { kernel_shape: [k, k], pads: [p, p, p, p], strides: [s, s] };
  return {
    name,
    params,
    onnxForward(b, [x], [weight, bias]) {
      return { output: b.op("Conv", [x, weight, bias], attributes) };
    },
    /**
     * y[n,o,i,j] = b[o] + Σ_{c,u,v} W[o,c,u,v] · xpad[n, c, s·i + u, s·j + v], so
     *   dL/dx = ConvTranspose(dy, W) with the same stride and pads (each x element collects dy·W from
     *           every window it falls in), plus output_padding for the trailing rows;
     *   dL/dW[o,c,u,v] = Σ_{n,i,j} dy[n,o,i,j] · xpad[n, c, s·i + u, s·j + v]: per kernel tap (u, v),
     *           one MatMul of dy as [out, B·Ho·Wo] with the tap's shifted view of x as [in, B·Ho·Wo]
     *           transposed, the batch folded into the contracted axis (x and dy are moved channels-first
     *           once per layer, so each view is a plain Slice);
     *   dL/db[o] = Σ_{n,i,j} dy[n,o,i,j].
     * (A batched MatMul per tap [B, out, Ho·Wo] × [B, Ho·Wo, in] and a ReduceSum over the batch gives the
     * same sums in B small products and took ~4% longer per UNet step; dL/dW as one Conv of x with dy as a Ho×Wo
     * kernel, or one MatMul on all k² views concatenated, took 1.3–1.9× as long in onnxruntime on CPU.)
     */
    onnxBackward(b, { inputs: [x], params: [weight], needsInputGrad }, dy) {
      const channelsFirst = (v: Value) => b.op("Transpose", [v], { perm: [1, 0, 2, 3] });
      const flatPerChannel = (v: Value) => b.op("Reshape", [v, b.int64s([0, -1])]);
      const dyRows = flatPerChannel(channelsFirst(dy));
      const tapGradients = shiftedViews(b, channelsFirst(x), k, s, p).map((view) =>
        b.matmul(dyRows, b.op("Transpose", [flatPerChannel(view)], { perm: [1, 0] })),
      );
      // [k²·out, in] in (u, v) order → [k, k, out, in] → [out, in, k, k]
      const stacked = b.op("Reshape", [b.concat(tapGradients), b.int64s([k, k, outChannels, inChannels])]);
      const dWeight = b.op("Transpose", [stacked], { perm: [2, 3, 0, 1] });
      const dInput = needsInputGrad[0]
        ? b.op("ConvTranspose", [dy, weight], { ...attributes, output_padding: [trailing, trailing] })
        : null;
      return { dInputs: [dInput], dParams: [dWeight, b.reduceSum(dy, [0, 2, 3])] };
    },
    tfForward(tf, [x], [weight, bias]) {
      const [batch, , height, width] = x.shape;
      const outHeight = Math.floor((height + 2 * p - k) / s) + 1;
      const outWidth = Math.floor((width + 2 * p - k) / s) + 1;
      // Σ over the k² offsets (u, v) of window_uv [Wo·Ho·B, in] · W[:, :, u, v]ᵀ [in, out]: k² plain
      // matMuls (one wide im2col matrix needs a concat along columns, 3× slower in tfjs wasm).
      const windows = shiftedWindows(tf, x, { k, s, p, outHeight, outWidth });
      const taps = tf.transpose(weight, [2, 3, 1, 0]);
      const tap = (i: number) => tf.reshape(tf.slice(taps, [Math.floor(i / k), i % k, 0, 0], [1, 1, inChannels, outChannels]), [inChannels, outChannels]);
      const y = tf.reshape(tf.addN(windows.map((window, i) => tf.matMul(window, tap(i)))), [outWidth, outHeight, batch, outChannels]);
      return tf.add(tf.transpose(y, [2, 3, 1, 0]), tf.reshape(bias, [outChannels, 1, 1]));
    },
  };
}

/**
 * The k² views of x [A, A', H, W] the kernel taps multiply, in (u, v) order: view (u, v) [A, A', Ho, Wo]
 * holds xpad[·, ·, s·i + u, s·j + v]. Each is a strided Slice of xpad from u to (padded size) − (k − 1 − u),
 * which holds exactly Ho rows whatever the input size.
 */
function shiftedViews(b: GraphBuilder, x: Value, k: number, s: number, p: number): Value[] {
  if (k === 1 && s === 1) return [x];
  const padded = b.op("Pad", [x, b.int64s([0, 0, p, p, 0, 0, p, p])]);
  const end = (offset: number) => (offset === k - 1 ? Number.MAX_SAFE_INTEGER : offset - (k - 1));
  const views: Value[] = [];
  for (let u = 0; u < k; u++) {
    for (let v = 0; v < k; v++) {
      views.push(b.op("Slice", [padded, b.int64s([u, v]), b.int64s([end(u), end(v)]), b.int64s([2, 3]), b.int64s([s, s])]));
    }
  }
  return views;
}

interface WindowGeometry {
  k: number;
  s: number;
  p: number;
  outHeight: number;
  outWidth: number;
}

/**
 * For each kernel offset (u, v), in order u·k + v, the input values it multiplies, x[n, c, s·i + u, s·j + v],
 * as rows (j, i, n) of a [Wo·Ho·B, C] matrix.
 * The spatial axes are moved outermost first, so each selection is a slice of long contiguous runs
 * (tfjs' wasm slices copy run by run), and a stride s is a reshape of the axis to [size/s, s] followed
 * by a slice at [offset / s, offset mod s] (tfjs has no gradient for strided slices).
 */
function shiftedWindows(tf: Tf, x: TfTensor, { k, s, p, outHeight, outWidth }: WindowGeometry): TfTensor[] {
  const [batch, channels, height, width] = x.shape;
  // End padding beyond p only rounds the padded size up to a multiple of s (never read).
  const paddedHeight = Math.ceil((height + 2 * p) / s) * s;
  const paddedWidth = Math.ceil((width + 2 * p) / s) * s;
  const padded = tf.pad(x, [[0, 0], [0, 0], [p, paddedHeight - height - p], [p, paddedWidth - width - p]]);
  const columnsFirst = tf.reshape(tf.transpose(padded, [3, 2, 0, 1]), [paddedWidth / s, s, paddedHeight * batch * channels]);
  const windows: TfTensor[] = [];
  for (let v = 0; v < k; v++) {
    const columns = tf.slice(columnsFirst, [Math.floor(v / s), v % s, 0], [outWidth, 1, paddedHeight * batch * channels]);
    const rowsSecond = tf.reshape(columns, [outWidth, paddedHeight / s, s, batch * channels]);
    for (let u = 0; u < k; u++) {
      const rows = tf.slice(rowsSecond, [0, Math.floor(u / s), u % s, 0], [outWidth, outHeight, 1, batch * channels]);
      windows[u * k + v] = tf.reshape(rows, [outWidth * outHeight * batch, channels]);
    }
  }
  return windows;
}
