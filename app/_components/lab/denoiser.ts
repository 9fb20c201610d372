/**
 * The shipped 2D denoiser (public/labs/<model>.onnx, made as lessons/labs/models/README.md records) run
 * with onnxruntime-web's WebAssembly build. The runtime is loaded from this app (the ort/ route next to
 * the lab pages), never from a CDN, and only when a student first samples.
 */
import type * as Ort from "onnxruntime-web";

export interface Denoiser {
  /** ε̂ for every row of `sample` (rows of 2) at timestep t. */
  predict(sample: Float32Array, t: number): Promise<Float32Array>;
  normalization: { mean: [number, number]; std: [number, number] };
}

let runtime: Promise<typeof Ort> | undefined;

function loadRuntime(): Promise<typeof Ort> {
  // The lab page's URL is /courses/<slug>/labs/<lab>; the runtime sits at /courses/<slug>/labs/ort/.
  const base = new URL("ort/", window.location.href).href;
  runtime ??= (import(/* webpackIgnore: true */ /* turbopackIgnore: true */ `${base}ort.wasm.min.mjs`) as Promise<typeof Ort>).then((ort) => {
    ort.env.wasm.wasmPaths = base;
    // Threads need cross-origin isolation, which this app does not turn on.
    ort.env.wasm.numThreads = 1;
    return ort;
  });
  return runtime;
}

export async function loadDenoiser(model: string): Promise<Denoiser> {
  const [ort, weights, config] = await Promise.all([
    loadRuntime(),
    fetch(`/labs/${model}.onnx`).then((response) => response.arrayBuffer()),
    fetch(`/labs/${model}.json`).then((response) => response.json() as Promise<{ normalization: Denoiser["normalization"] }>),
  ]);
  const session = await ort.InferenceSession.create(new Uint8Array(weights), { executionProviders: ["wasm"] });
  return {
    normalization: config.normalization,
    async predict(sample, t) {
      const rows = sample.length / 2;
      const output = await session.run({
        sample: new ort.Tensor("float32", sample, [rows, 2]),
        timestep: new ort.Tensor("float32", new Float32Array(rows).fill(t), [rows]),
      });
      return output.model_output.data as Float32Array;
    },
  };
}
