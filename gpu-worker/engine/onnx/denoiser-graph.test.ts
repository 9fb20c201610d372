/** The exported denoiser.onnx: loads standalone in onnxruntime and computes the tfjs forward. */
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { Rng } from "../../ddpm/random";
import { createMlp } from "../../models/mlp";
import { collectParams } from "../layer";
import { initialTrainingState, mapTensors } from "../parameters";
import { expectRelativelyClose, randomNormal } from "../test-utils";
import { loadTf } from "../tfjs/backend";
import { TfWiring } from "../tfjs/loss";
import { buildDenoiserGraph, DENOISER_INPUTS, DENOISER_OUTPUT } from "./denoiser-graph";

describe("exported denoiser graph", () => {
  it("is a plain ONNX model whose output equals the tfjs forward", async () => {
    const { tf } = await loadTf();
    const model = createMlp();
    const rng = new Rng(3);
    // Perturbed so the zero-initialized FiLM scales take part too.
    const weights = mapTensors(initialTrainingState(model, rng).params, (v) => v.map((x) => x + 0.05 * rng.normal()));
    const n = 64;
    const sample = randomNormal(rng, n * 2);
    const timestep = Float32Array.from({ length: n }, () => rng.randint(1000));

    // Standalone: only the bytes, no code of ours, as Netron or Python would open it.
    const session = await ort.InferenceSession.create(buildDenoiserGraph(model, weights));
    expect(session.inputNames).toEqual([DENOISER_INPUTS.sample, DENOISER_INPUTS.timestep]);
    expect(session.outputNames).toEqual([DENOISER_OUTPUT]);
    const out = await session.run({
      sample: new ort.Tensor("float32", sample, [n, 2]),
      timestep: new ort.Tensor("float32", timestep, [n]),
    });

    const params = Object.fromEntries(collectParams(model.layers).map((p) => [p.name, tf.tensor(weights[p.name], p.shape)]));
    const expected = model.forward(new TfWiring(tf, params), tf.tensor(sample, [n, 2]), tf.tensor(timestep)).dataSync();
    expectRelativelyClose(out[DENOISER_OUTPUT].data as Float32Array, expected);
  });
});
