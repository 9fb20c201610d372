/**
 * The compiled sampling step (denoiser + scheduler update in one graph) against the host loop it
 * replaces: the exported denoiser's output fed to DDPMScheduler/DDIMScheduler.step, with the same x_T
 * and the same random stream. The graph computes in float32 where the host update uses float64
 * coefficients, so results agree to float32 rounding accumulated over the steps.
 */
import { describe, expect, it } from "vitest";
import type { PredictionType } from "../../ddpm/forward";
import { Rng } from "../../ddpm/random";
import { DDIMScheduler } from "../../ddpm/schedulers/ddim";
import { DDPMScheduler } from "../../ddpm/schedulers/ddpm";
import { createMlp } from "../../models/mlp";
import type { DenoiserModel } from "../../models/model";
import { createUnet } from "../../models/unet";
import { initialTrainingState, mapTensors } from "../parameters";
import { OnnxDenoiser } from "./denoiser";
import { buildDenoiserGraph } from "./denoiser-graph";
import { OnnxSampler } from "./sampler";
import { buildSamplerGraph } from "./sampler-graph";

function perturbedWeights(model: DenoiserModel, seed: number) {
  const rng = new Rng(seed);
  // Perturbed so zero-initialized scales take part and the model output depends on x_t and t.
  return mapTensors(initialTrainingState(model, rng).params, (v) => v.map((x) => x + 0.05 * rng.normal()));
}

async function hostLoop(model: DenoiserModel, weights: ReturnType<typeof perturbedWeights>, scheduler: Scheduler, initial: Float32Array, seed: number) {
  const denoiser = await OnnxDenoiser.load(buildDenoiserGraph(model, weights), model.sampleShape);
  const rng = new Rng(seed);
  let x = initial;
  for (const t of scheduler.timesteps) x = scheduler.step(await denoiser.predict(x, t), t, x, { rng }).prevSample;
  await denoiser.dispose();
  return x;
}

type Scheduler = DDPMScheduler | DDIMScheduler;

interface Case {
  name: string;
  model: () => DenoiserModel;
  n: number;
  scheduler: (prediction: PredictionType) => Scheduler;
  prediction: PredictionType;
  steps: number;
}

const mlp = () => createMlp();
const CASES: Case[] = [
  { name: "DDPM fixed_small, ε, no clipping", model: mlp, n: 64, prediction: "epsilon", steps: 50, scheduler: (p) => new DDPMScheduler({ predictionType: p, clipSample: false }) },
  { name: "DDPM fixed_large, x₀, clipping", model: mlp, n: 64, prediction: "sample", steps: 20, scheduler: (p) => new DDPMScheduler({ predictionType: p, varianceType: "fixed_large" }) },
  { name: "DDIM η=0, v, trailing, clipping", model: mlp, n: 64, prediction: "v_prediction", steps: 25, scheduler: (p) => new DDIMScheduler({ predictionType: p, timestepSpacing: "trailing" }) },
  { name: "DDIM η=0.7, ε, cosine schedule", model: mlp, n: 64, prediction: "epsilon", steps: 30, scheduler: (p) => new DDIMScheduler({ predictionType: p, eta: 0.7, schedule: "squaredcos_cap_v2", clipSample: false }) },
  {
    name: "UNet DDIM η=0, ε, clipping",
    model: () => createUnet({ kind: "unet", imageSize: 8, imageChannels: 1, baseChannels: 8, normGroups: 4 }),
    n: 3,
    prediction: "epsilon",
    steps: 5,
    scheduler: (p) => new DDIMScheduler({ predictionType: p }),
  },
];

describe("compiled sampling step", () => {
  it.each(CASES)("$name equals the host scheduler loop", async ({ model: create, n, scheduler: make, prediction, steps }) => {
    const model = create();
    const weights = perturbedWeights(model, 11);
    const scheduler = make(prediction);
    scheduler.setTimesteps(steps);
    const perSample = model.sampleShape.reduce((a, b) => a * b, 1);
    const initial = new Rng(5).fillNormal(new Float32Array(n * perSample));

    const sampler = await OnnxSampler.load(buildSamplerGraph(model, weights), model.sampleShape);
    const seen: number[] = [];
    const compiled = await sampler.run({ scheduler, initial, rng: new Rng(9), onStep: ({ t }) => seen.push(t) });
    await sampler.dispose();
    const expected = await hostLoop(model, weights, scheduler, initial, 9);

    expect(seen).toEqual(Array.from(scheduler.timesteps));
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(compiled[i] - expected[i]) / (1 + Math.abs(expected[i])));
    expect(worst).toBeLessThan(2e-4);
    // The samples moved: a step that ignored the model output or the update would not match anyway,
    // but a graph that returned x_T unchanged must not pass by accident.
    expect(compiled.some((v, i) => Math.abs(v - initial[i]) > 1e-2)).toBe(true);
  });

  it("refuses DDIM's useClippedModelOutput, which the graph does not implement", async () => {
    const model = createMlp();
    const sampler = await OnnxSampler.load(buildSamplerGraph(model, perturbedWeights(model, 1)), model.sampleShape);
    const scheduler = new DDIMScheduler({ useClippedModelOutput: true });
    scheduler.setTimesteps(2);
    await expect(sampler.run({ scheduler, initial: new Float32Array(4), rng: new Rng(0) })).rejects.toThrow(/useClippedModelOutput/);
    await sampler.dispose();
  });
});
