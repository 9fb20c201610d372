import { describe, expect, it } from "vitest";
import { PREDICTION_TYPES, type PredictionType } from "../forward";
import { Rng } from "../random";
import { expectAllClose } from "../test-utils";
import { DDPMScheduler, VARIANCE_TYPES, type VarianceType } from "./ddpm";
import { CAPTURED_STEP, modelOutput, noise, referenceOriginalAndEpsilon, sample } from "./test-fixtures";

interface Case {
  predictionType: PredictionType;
  varianceType: VarianceType;
  clipSample: boolean;
  alphaBar: number;
  alphaBarPrev: number;
  addsNoise: boolean;
}

/** The DDPM step of ddpm-numerics.md in float64. */
function expectedDdpmStep(c: Case): { prevSample: number[]; predOriginalSample: number[] } {
  const { alphaBar: ab, alphaBarPrev: abPrev } = c;
  const alpha = ab / abPrev;
  const beta = 1 - alpha;
  const predOriginalSample = Array.from(sample, (_, i) => referenceOriginalAndEpsilon(c.predictionType, ab, i, { clip: c.clipSample }).x0);
  const variance = c.varianceType === "fixed_small" ? Math.max(((1 - abPrev) / (1 - ab)) * beta, 1e-20) : beta;
  const prevSample = Array.from(sample, (x, i) => {
    const mean = ((Math.sqrt(abPrev) * beta) / (1 - ab)) * predOriginalSample[i] + ((Math.sqrt(alpha) * (1 - abPrev)) / (1 - ab)) * x;
    return c.addsNoise ? mean + Math.sqrt(variance) * noise[i] : mean;
  });
  return { prevSample, predOriginalSample };
}

const combinations = VARIANCE_TYPES.flatMap((varianceType) =>
  PREDICTION_TYPES.flatMap((predictionType) => [true, false].map((clipSample) => ({ varianceType, predictionType, clipSample }))),
);

describe("DDPMScheduler.step", () => {
  it.each(combinations)("$varianceType, $predictionType, clip=$clipSample: every timestep, then skipping steps", (options) => {
    const scheduler = new DDPMScheduler(options);
    const ab = scheduler.schedule.alphasCumprod;
    // No setTimesteps(): prev_t = t − 1 and β_cur = betas[t] up to rounding.
    const full = scheduler.step(modelOutput, 500, sample, { varianceNoise: noise });
    const expectedFull = expectedDdpmStep({ ...options, alphaBar: ab[500], alphaBarPrev: ab[499], addsNoise: true });
    expectAllClose(full.prevSample, expectedFull.prevSample);
    expectAllClose(full.predOriginalSample, expectedFull.predOriginalSample);

    // 50 leading steps: t = 980 → 960, with β_cur = 1 − ᾱ_980/ᾱ_960 rather than betas[980].
    scheduler.setTimesteps(50);
    const skipped = scheduler.step(modelOutput, 980, sample, { varianceNoise: noise });
    const expectedSkipped = expectedDdpmStep({ ...options, alphaBar: ab[980], alphaBarPrev: ab[960], addsNoise: true });
    expectAllClose(skipped.prevSample, expectedSkipped.prevSample);
    expectAllClose(skipped.predOriginalSample, expectedSkipped.predOriginalSample);

    // Last step: t = 0 → −1, ᾱ_prev = 1 and no noise.
    const last = scheduler.step(modelOutput, 0, sample, { varianceNoise: noise });
    expectAllClose(last.prevSample, expectedDdpmStep({ ...options, alphaBar: ab[0], alphaBarPrev: 1, addsNoise: false }).prevSample);
  });

  it("reproduces the captured step of ddpm-numerics.md", () => {
    const scheduler = new DDPMScheduler({ varianceType: "fixed_small", predictionType: "epsilon", clipSample: true });
    scheduler.setTimesteps(CAPTURED_STEP.inferenceSteps);
    const step = scheduler.step(modelOutput, CAPTURED_STEP.t, sample, { varianceNoise: noise });
    expectAllClose(step.predOriginalSample, CAPTURED_STEP.predOriginalSample);
    expectAllClose(step.prevSample, CAPTURED_STEP.ddpmFixedSmall);
  });

  it("uses the ᾱ ratio, not betas[t], when steps are skipped", () => {
    // Predicting x̂₀ = 0 from x_t = 0 leaves x_prev = √β_cur·z, so z = 1 exposes √β_cur.
    const scheduler = new DDPMScheduler({ varianceType: "fixed_large", clipSample: false, predictionType: "sample" });
    scheduler.setTimesteps(10);
    const zero = new Float32Array(1);
    const { prevSample } = scheduler.step(zero, 900, zero, { varianceNoise: Float32Array.of(1) });
    const ab = scheduler.schedule.alphasCumprod;
    expect(prevSample[0]).toBeCloseTo(Math.sqrt(1 - ab[900] / ab[800]), 6);
    expect(Math.abs(prevSample[0] - Math.sqrt(scheduler.schedule.betas[900]))).toBeGreaterThan(0.1);
  });

  it("trailing spacing's last step (t > 0 → −1) still adds the clamped posterior noise", () => {
    const scheduler = new DDPMScheduler({ timestepSpacing: "trailing", clipSample: false });
    scheduler.setTimesteps(7);
    const t = scheduler.timesteps[6];
    expect(t).toBe(142);
    const result = scheduler.step(modelOutput, t, sample, { varianceNoise: noise });
    const ab = scheduler.schedule.alphasCumprod;
    const expected = expectedDdpmStep({ predictionType: "epsilon", varianceType: "fixed_small", clipSample: false, alphaBar: ab[t], alphaBarPrev: 1, addsNoise: true });
    expectAllClose(result.prevSample, expected.prevSample);
  });

  it("lands on x̂₀ exactly when the model predicts a constant clean sample", () => {
    const scheduler = new DDPMScheduler({ predictionType: "sample", clipSample: false });
    scheduler.setTimesteps(20);
    const target = Float32Array.of(0.25, -0.5);
    const rng = new Rng(5);
    let x = rng.fillNormal(new Float32Array(2));
    for (const t of scheduler.timesteps) x = scheduler.step(target, t, x, { rng }).prevSample;
    expectAllClose(x, target);
  });

  it("clamps x̂₀ to ±clipSampleRange", () => {
    const scheduler = new DDPMScheduler({ predictionType: "sample", clipSampleRange: 2 });
    const { predOriginalSample } = scheduler.step(Float32Array.of(-5, 1.5, 3), 0, new Float32Array(3));
    expect(Array.from(predOriginalSample)).toEqual([-2, 1.5, 2]);
    expect(() => new DDPMScheduler({ clipSampleRange: 0 })).toThrow(/clipSampleRange: must be > 0/);
  });

  it("refuses bad inputs with messages naming them", () => {
    const scheduler = new DDPMScheduler();
    scheduler.setTimesteps(50);
    const bad = Float32Array.from(modelOutput);
    bad[2] = NaN;
    expect(() => scheduler.step(bad, 980, sample, { varianceNoise: noise })).toThrow(/modelOutput: contains NaN at index 2/);
    expect(() => scheduler.step(modelOutput, 981, sample, { varianceNoise: noise })).toThrow(/t: 981 is not one of the 50 inference timesteps \(980, 960/);
    expect(() => scheduler.step(modelOutput, 980, sample)).toThrow(/varianceNoise: DDPM step at t=980 > 0 needs noise/);
    expect(() => scheduler.step(modelOutput, 980, sample, { varianceNoise: noise.subarray(1) })).toThrow(/varianceNoise: has 3 elements but sample has 4/);
    expect(() => scheduler.step(modelOutput.subarray(1), 980, sample)).toThrow(/modelOutput: has 3 elements but sample has 4/);
    expect(() => new DDPMScheduler({ varianceType: "learned" as VarianceType })).toThrow(/varianceType: unknown value "learned"; valid values are fixed_small, fixed_large/);
    expect(() => new DDPMScheduler({ predictionType: "x0" as PredictionType })).toThrow(/predictionType: .*epsilon, sample, v_prediction/);
    expect(() => scheduler.setTimesteps(2000)).toThrow(/numInferenceSteps/);
  });
});
