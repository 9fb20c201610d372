/**
 * Every layer's ONNX backward rule against tfjs autodiff of its tfjs twin (see gradient-check.ts).
 */
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { GraphBuilder } from "../onnx/graph-builder";
import { loadTf } from "../tfjs/backend";
import { expectRelativelyClose } from "../test-utils";
import { add } from "./add";
import { concat } from "./concat";
import { gradientCheck } from "./gradient-check";
import { linear } from "./linear";
import { modulate } from "./modulate";
import { silu } from "./silu";
import { sinusoidalEmbedding } from "./sinusoidal-embedding";

describe("layer gradient rules match tfjs autodiff", () => {
  it("linear: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ dy", () => gradientCheck(linear("fc", 5, 3), [[4, 5]]));
  it("silu: dx = dy·(σ + y(1 − σ))", () => gradientCheck(silu("act"), [[4, 6]]));
  it("add: both inputs get dy", () => gradientCheck(add("sum"), [[3, 4], [3, 4]]));
  it("concat: each input gets its slice of dy", () => gradientCheck(concat("join", [2, 5]), [[3, 2], [3, 5]]));
  it("modulate: dh = dy(1 + scale), d[scale, shift] = [dy·h, dy]", () => gradientCheck(modulate("film"), [[3, 4], [3, 8]]));
});

describe("sinusoidal embedding", () => {
  it("ONNX forward equals the tfjs twin", async () => {
    const { tf } = await loadTf();
    const layer = sinusoidalEmbedding("emb", 8);
    const t = Float32Array.of(0, 1, 37, 999);
    const b = new GraphBuilder("emb");
    b.output(layer.onnxForward(b, [b.input("t", "float", [4])], []).output, "y", "float", [4, 8]);
    const out = await (await ort.InferenceSession.create(b.serialize())).run({ t: new ort.Tensor("float32", t, [4]) });
    expectRelativelyClose(out.y.data as Float32Array, layer.tfForward(tf, [tf.tensor1d(t)], []).dataSync());
    // t = 0: cos terms are 1, sin terms 0.
    expect(Array.from((out.y.data as Float32Array).slice(0, 8))).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
  });
});
