import { describe, expect, it } from "vitest";
import { minSnrWeights, trainingTarget, weightedMse } from "./losses";
import { makeNoiseSchedule } from "./schedules";
import { expectAllClose } from "./test-utils";

const schedule = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 1000 });
const x0 = Float32Array.of(0.5, -1, 0.25, 0.8);
const noise = Float32Array.of(1.2, -0.3, 0.7, -1.5);
const timesteps = [10, 700];

describe("trainingTarget", () => {
  it("is ε, x₀ or v = √ᾱ·ε − √(1−ᾱ)·x₀", () => {
    expect(trainingTarget("epsilon", schedule, x0, noise, timesteps, 2)).toEqual(noise);
    expect(trainingTarget("sample", schedule, x0, noise, timesteps, 2)).toEqual(x0);
    const v = Array.from(x0, (x, i) => {
      const ab = schedule.alphasCumprod[timesteps[i >> 1]];
      return Math.sqrt(ab) * noise[i] - Math.sqrt(1 - ab) * x;
    });
    expectAllClose(trainingTarget("v_prediction", schedule, x0, noise, timesteps, 2), v);
  });
});

describe("minSnrWeights", () => {
  it("applies min(SNR, γ)/SNR, min(SNR, γ) and min(SNR, γ)/(SNR+1)", () => {
    const gamma = 5;
    // SNR at t=10 is large (≫ γ) and at t=700 small (≪ γ), so both branches of the min are used.
    const snr = timesteps.map((t) => schedule.alphasCumprod[t] / (1 - schedule.alphasCumprod[t]));
    expect(snr[0]).toBeGreaterThan(gamma);
    expect(snr[1]).toBeLessThan(gamma);
    expectAllClose(minSnrWeights("epsilon", schedule, timesteps, gamma), snr.map((s) => Math.min(s, gamma) / s));
    expectAllClose(minSnrWeights("sample", schedule, timesteps, gamma), snr.map((s) => Math.min(s, gamma)));
    expectAllClose(minSnrWeights("v_prediction", schedule, timesteps, gamma), snr.map((s) => Math.min(s, gamma) / (s + 1)));
  });

  it("rejects γ ≤ 0 and out-of-range timesteps", () => {
    expect(() => minSnrWeights("epsilon", schedule, timesteps, 0)).toThrow(/snrGamma: must be > 0/);
    expect(() => minSnrWeights("epsilon", schedule, [1000], 5)).toThrow(/t: must be an integer in \[0, 999\]/);
  });
});

describe("weightedMse", () => {
  it("averages per-row MSE weighted per row", () => {
    const prediction = Float32Array.of(1, 2, 3, 4);
    const target = Float32Array.of(0, 2, 1, 1);
    // Row MSEs: (1 + 0)/2 = 0.5 and (4 + 9)/2 = 6.5.
    expect(weightedMse(prediction, target, 2)).toBeCloseTo(3.5, 12);
    expect(weightedMse(prediction, target, 2, [2, 0.5])).toBeCloseTo((2 * 0.5 + 0.5 * 6.5) / 2, 12);
    expect(() => weightedMse(prediction, target, 2, [1])).toThrow(/weights: has 1 entries but the batch has 2 rows/);
    expect(() => weightedMse(prediction, target.subarray(1), 2)).toThrow(/target:/);
  });
});
