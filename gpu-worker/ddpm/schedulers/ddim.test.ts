import { describe, expect, it } from "vitest";
import { PREDICTION_TYPES, type PredictionType } from "../forward";
import { expectAllClose } from "../test-utils";
import { DDIMScheduler } from "./ddim";
import { DDPMScheduler } from "./ddpm";
import { CAPTURED_STEP, modelOutput, noise, referenceOriginalAndEpsilon, sample } from "./test-fixtures";

interface Case {
  predictionType: PredictionType;
  clipSample: boolean;
  useClippedModelOutput: boolean;
  eta: number;
  alphaBar: number;
  alphaBarPrev: number;
}

/** The DDIM step of ddpm-numerics.md in float64. */
function expectedDdimStep(c: Case): { prevSample: number[]; predOriginalSample: number[] } {
  const { alphaBar: ab, alphaBarPrev: abPrev } = c;
  const reference = Array.from(sample, (_, i) =>
    referenceOriginalAndEpsilon(c.predictionType, ab, i, { clip: c.clipSample, epsilonFromClipped: c.useClippedModelOutput }),
  );
  const predOriginalSample = reference.map((r) => r.x0);
  const sigmaSquared = c.eta ** 2 * ((1 - abPrev) / (1 - ab)) * (1 - ab / abPrev);
  const prevSample = predOriginalSample.map(
    (x0, i) => Math.sqrt(abPrev) * x0 + Math.sqrt(Math.max(1 - abPrev - sigmaSquared, 0)) * reference[i].epsilon + Math.sqrt(sigmaSquared) * noise[i],
  );
  return { prevSample, predOriginalSample };
}

const combinations = [0, 1].flatMap((eta) =>
  PREDICTION_TYPES.flatMap((predictionType) =>
    [
      { clipSample: false, useClippedModelOutput: false },
      { clipSample: true, useClippedModelOutput: false },
      { clipSample: true, useClippedModelOutput: true },
    ].map((clipping) => ({ eta, predictionType, ...clipping })),
  ),
);

describe("DDIMScheduler.step", () => {
  it.each(combinations)("η=$eta, $predictionType, clip=$clipSample, clipped ε=$useClippedModelOutput", (options) => {
    const scheduler = new DDIMScheduler(options);
    scheduler.setTimesteps(50);
    const ab = scheduler.schedule.alphasCumprod;
    const result = scheduler.step(modelOutput, 500, sample, { varianceNoise: noise });
    const expected = expectedDdimStep({ ...options, alphaBar: ab[500], alphaBarPrev: ab[480] });
    expectAllClose(result.prevSample, expected.prevSample);
    expectAllClose(result.predOriginalSample, expected.predOriginalSample);
  });

  it("takes prev_t from the table, not t − T // N (linspace, N = 7)", () => {
    const scheduler = new DDIMScheduler({ timestepSpacing: "linspace", clipSample: false });
    scheduler.setTimesteps(7);
    expect(Array.from(scheduler.timesteps)).toEqual([999, 832, 666, 500, 333, 166, 0]);
    const ab = scheduler.schedule.alphasCumprod;
    const result = scheduler.step(modelOutput, 832, sample);
    // diffusers' stride would give 832 − 142 = 690; the table says 666.
    const expected = expectedDdimStep({ predictionType: "epsilon", clipSample: false, useClippedModelOutput: false, eta: 0, alphaBar: ab[832], alphaBarPrev: ab[666] });
    expectAllClose(result.prevSample, expected.prevSample);
  });

  it("reproduces the captured step of ddpm-numerics.md", () => {
    const scheduler = new DDIMScheduler({ eta: 0.5, predictionType: "epsilon", clipSample: true });
    scheduler.setTimesteps(CAPTURED_STEP.inferenceSteps);
    const step = scheduler.step(modelOutput, CAPTURED_STEP.t, sample, { varianceNoise: noise });
    expectAllClose(step.predOriginalSample, CAPTURED_STEP.predOriginalSample);
    expectAllClose(step.prevSample, CAPTURED_STEP.ddimEtaHalf);
  });

  it("ends with ᾱ_prev = 1, or ᾱ_0 when setAlphaToOne is false", () => {
    const base = { predictionType: "epsilon" as const, clipSample: false, useClippedModelOutput: false, eta: 0 };
    const toOne = new DDIMScheduler({ clipSample: false });
    toOne.setTimesteps(50);
    const ab = toOne.schedule.alphasCumprod;
    expectAllClose(toOne.step(modelOutput, 0, sample).prevSample, expectedDdimStep({ ...base, alphaBar: ab[0], alphaBarPrev: 1 }).prevSample);

    const toFirst = new DDIMScheduler({ clipSample: false, setAlphaToOne: false, timestepSpacing: "trailing" });
    toFirst.setTimesteps(50);
    expect(toFirst.timesteps[49]).toBe(19);
    expectAllClose(toFirst.step(modelOutput, 19, sample).prevSample, expectedDdimStep({ ...base, alphaBar: ab[19], alphaBarPrev: ab[0] }).prevSample);
  });

  it("with η = 1 uses DDPM's posterior variance (fixed_small)", () => {
    const options = { predictionType: "sample" as const, clipSample: false };
    const ddim = new DDIMScheduler({ ...options, eta: 1 });
    const ddpm = new DDPMScheduler({ ...options, varianceType: "fixed_small" });
    ddim.setTimesteps(20);
    ddpm.setTimesteps(20);
    // With x̂₀ = 0 and x_t = 0 both steps reduce to σ·z.
    const zero = new Float32Array(1);
    const unit = Float32Array.of(1);
    const ddimSigma = ddim.step(zero, 500, zero, { varianceNoise: unit }).prevSample[0];
    const ddpmSigma = ddpm.step(zero, 500, zero, { varianceNoise: unit }).prevSample[0];
    expect(ddimSigma).toBeCloseTo(ddpmSigma, 7);
  });

  it("refuses bad settings and inputs with messages naming them", () => {
    expect(() => new DDIMScheduler({ eta: 1.5 })).toThrow(/eta: must be in \[0, 1\]/);
    expect(() => new DDIMScheduler({ timestepSpacing: "uniform" as "leading" })).toThrow(/timestepSpacing: unknown value "uniform"/);
    const scheduler = new DDIMScheduler({ eta: 0.5 });
    scheduler.setTimesteps(10);
    expect(() => scheduler.step(modelOutput, 900, sample)).toThrow(/varianceNoise: DDIM step with eta=0.5 > 0 needs noise/);
    const bad = Float32Array.from(sample);
    bad[1] = -Infinity;
    expect(() => scheduler.step(modelOutput, 900, bad, { varianceNoise: noise })).toThrow(/sample: contains -Infinity at index 1/);
  });
});
