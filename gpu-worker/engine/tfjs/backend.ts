/**
 * Loads TensorFlow.js on the fastest backend this machine has: tfjs-node-gpu (CUDA), then tfjs-node
 * (native CPU), both optional dependencies whose install downloads libtensorflow and fails offline;
 * then the wasm backend (SIMD, ~3x the pure-JS backend here); then the pure-JS cpu backend.
 */
import type { Tf } from "../layer";

export interface LoadedTf {
  tf: Tf;
  /** tfjs backend name: "tensorflow" (tfjs-node / -gpu), "wasm" or "cpu". */
  backend: string;
  /** Why the faster backends were skipped. */
  skipped: string[];
}

let loaded: Promise<LoadedTf> | null = null;

/** Import a package that may be absent; the specifier is a variable so bundlers and tsc don't resolve it. */
async function importOptional(specifier: string): Promise<Tf> {
  return (await import(/* @vite-ignore */ specifier)) as Tf;
}

async function load(preferGpu: boolean): Promise<LoadedTf> {
  const skipped: string[] = [];
  for (const native of preferGpu ? ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"] : ["@tensorflow/tfjs-node"]) {
    try {
      const tf = await importOptional(native);
      await tf.ready();
      return { tf, backend: tf.getBackend(), skipped };
    } catch (error) {
      skipped.push(`${native}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  const tf = await import("@tensorflow/tfjs");
  try {
    await import("@tensorflow/tfjs-backend-wasm");
    if (await tf.setBackend("wasm")) return { tf, backend: "wasm", skipped };
    skipped.push("wasm: backend failed to initialize");
  } catch (error) {
    skipped.push(`wasm: ${(error as Error).message.split("\n")[0]}`);
  }
  await tf.setBackend("cpu");
  return { tf, backend: "cpu", skipped };
}

/** The process-wide TensorFlow.js (tfjs has one global backend). */
export function loadTf(preferGpu = false): Promise<LoadedTf> {
  loaded ??= load(preferGpu);
  return loaded;
}
