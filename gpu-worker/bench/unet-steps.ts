/**
 * A few UNet training steps (base 16 channels, batch 64, the image runs' default) after one warm-up
 * step: on the calling thread, or as a worker thread's entry (event-loop.ts starts it both ways).
 */
import { parentPort } from "node:worker_threads";
import { Rng } from "../ddpm/random";
import { initialTrainingState } from "../engine/parameters";
import { createTrainingEngine, DEFAULT_OPTIMIZER } from "../engine/training-engine";
import { createUnet, DEFAULT_UNET_CONFIG } from "../models/unet";
import { randomBatchSampler } from "./measure";

/** Runs the steps; `onStarted` is called once the warm-up is done. Returns ms per timed step. */
export async function unetSteps(steps: number, onStarted: () => void = () => {}): Promise<number> {
  const model = createUnet({ ...DEFAULT_UNET_CONFIG, baseChannels: 16 });
  const sampler = randomBatchSampler(model, 64);
  const initialState = initialTrainingState(model, new Rng(2));
  const engine = await createTrainingEngine("onnx", { model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, initialState, threads: 1, provider: "cpu" });
  const hyper = [{ lr: 1e-3, emaDecay: 0.999 }];
  try {
    await engine.steps(sampler.fill(0), hyper);
    onStarted();
    const started = performance.now();
    for (let k = 1; k <= steps; k++) await engine.steps(sampler.fill(k), hyper);
    return (performance.now() - started) / steps;
  } finally {
    await engine.dispose();
  }
}

if (parentPort) {
  const port = parentPort;
  port.once("message", async (steps: number) => {
    const msPerStep = await unetSteps(steps, () => port.postMessage({ started: true }));
    port.postMessage({ msPerStep });
  });
}
