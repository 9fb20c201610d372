/** What bench.ts and unet.ts share: batches of random data, and wall and CPU time per run. */
import { performance } from "node:perf_hooks";
import { Rng } from "../ddpm/random";
import { makeNoiseSchedule } from "../ddpm/schedules";
import { valuesPerSample, type DenoiserModel } from "../models/model";
import { DiffusionBatchSampler } from "../train/batch-sampler";

/** Batches of the model's sample shape drawn from random data: a step's time does not depend on the data. */
export function randomBatchSampler(model: DenoiserModel, batchSize: number): DiffusionBatchSampler {
  return new DiffusionBatchSampler({
    data: new Rng(1).fillNormal(new Float32Array(256 * valuesPerSample(model))),
    dim: valuesPerSample(model),
    batchSize,
    schedule: makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 1000 }),
    prediction: "epsilon",
    minSnrGamma: null,
    seed: 0,
  });
}

export interface Timing {
  /** Wall-clock time per run. */
  wallMs: number;
  /**
   * Process CPU time per run (user + system, all threads). On a shared machine wall time includes
   * waiting for other processes; CPU time shows the work the run itself costs.
   */
  cpuMs: number;
}

export async function measure(run: (i: number) => unknown, count: number): Promise<Timing> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i++) await run(i);
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs: (performance.now() - start) / count, cpuMs: (cpu.user + cpu.system) / 1000 / count };
}
