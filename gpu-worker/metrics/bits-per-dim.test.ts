import { describe, expect, it } from "vitest";
import { Rng } from "../ddpm/random";
import { makeNoiseSchedule } from "../ddpm/schedules";
import {
  decoderNats,
  diffusionTermNats,
  discretizedGaussianNats,
  posteriorVariance,
  priorNats,
  standardNormalCdf,
  variationalBound,
} from "./bits-per-dim";

const schedule = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 100 });
const image = (values: number[]) => ({ images: Float32Array.from(values), count: 1, channels: 1, height: 1, width: values.length });

describe("DDPM variational bound", () => {
  it("has the normal CDF to 1.5e−7", () => {
    expect(standardNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(standardNormalCdf(1)).toBeCloseTo(0.8413447461, 7);
    expect(Math.abs(standardNormalCdf(-1.96) - 0.0249978952)).toBeLessThan(1.5e-7);
  });

  it("prior term is KL(N(√ᾱ_T x₀, 1 − ᾱ_T) ‖ N(0, 1)) per value", () => {
    const alphaBar = schedule.alphasCumprod[99];
    const v = 1 - alphaBar;
    // x₀ = 0: 0.5(v − 1 − ln v); x₀ = 1 adds 0.5·ᾱ_T (the squared mean).
    expect(priorNats(schedule, [0])).toBeCloseTo(0.5 * (v - 1 - Math.log(v)), 12);
    expect(priorNats(schedule, [0, 1])).toBeCloseTo(2 * 0.5 * (v - 1 - Math.log(v)) + 0.5 * alphaBar, 12);
  });

  it("decoder term is −log of the pixel bin's Gaussian mass, edges open", () => {
    const std = 1 / 255;
    // Interior value predicted exactly: the bin [x − 1/255, x + 1/255] is ±1σ, mass Φ(1) − Φ(−1).
    expect(discretizedGaussianNats([0], [0], std)).toBeCloseTo(-Math.log(0.6826894921), 6);
    // x₀ = 1 (top bin, open above): mass 1 − Φ(−1) = Φ(1); x₀ = −1 likewise.
    expect(discretizedGaussianNats([1], [1], std)).toBeCloseTo(-Math.log(0.8413447461), 6);
    expect(discretizedGaussianNats([-1], [-1], std)).toBeCloseTo(-Math.log(0.8413447461), 6);
    // A prediction 2 bins off: Φ(−3) − Φ(−5) (the CDF's absolute error is relative 1e−4 this far out).
    expect(discretizedGaussianNats([0], [4 / 255], std)).toBeCloseTo(-Math.log(0.0013498980 - 2.866516e-7), 3);
    // decoderNats uses σ² = β̃₁.
    expect(decoderNats(schedule, [0.2], [0.2])).toBeCloseTo(discretizedGaussianNats([0.2], [0.2], Math.sqrt(posteriorVariance(schedule, 1))), 12);
  });

  it("diffusion term is c²‖x₀ − x̂₀‖² / 2β̃ and 0 for a perfect prediction", () => {
    const i = 10;
    const c = (Math.sqrt(schedule.alphasCumprod[i - 1]) * schedule.betas[i]) / (1 - schedule.alphasCumprod[i]);
    const variance = (schedule.betas[i] * (1 - schedule.alphasCumprod[i - 1])) / (1 - schedule.alphasCumprod[i]);
    expect(diffusionTermNats(schedule, i, [0.5, -0.5], [0.5, -0.5])).toBe(0);
    expect(diffusionTermNats(schedule, i, [0.5, -0.5], [0.6, -0.5])).toBeCloseTo((c * c * 0.01) / (2 * variance), 12);
    expect(() => diffusionTermNats(schedule, 0, [0], [0])).toThrow(/decoder/);
  });

  it("sums the terms in bits per dimension; every stratum once gives the exact sum", async () => {
    const x0 = image([-1, 0, 1, 0.5]);
    const offBy = (delta: number) => async (sample: Float32Array) => sample.map((_, j) => x0.images[j] + delta);
    const exact = await variationalBound(x0, schedule, offBy(0.01), { timestepSamples: 1000, rng: new Rng(0) });
    expect(exact.timestepSamples).toBe(99);
    let expected = 0;
    for (let i = 1; i < 100; i++) expected += diffusionTermNats(schedule, i, x0.images, x0.images.map((v) => v + 0.01));
    expect(exact.diffusionBitsPerDim).toBeCloseTo(expected / (4 * Math.LN2), 8);
    expect(exact.priorBitsPerDim).toBeCloseTo(priorNats(schedule, x0.images) / (4 * Math.LN2), 12);
    expect(exact.bitsPerDim).toBeCloseTo(exact.priorBitsPerDim + exact.diffusionBitsPerDim + exact.decoderBitsPerDim, 12);
    // The stratified estimate is unbiased: its mean over many draws approaches the exact sum.
    const rng = new Rng(1);
    let mean = 0;
    for (let draw = 0; draw < 200; draw++) {
      mean += (await variationalBound(x0, schedule, offBy(0.01), { timestepSamples: 10, rng })).diffusionBitsPerDim / 200;
    }
    expect(mean / exact.diffusionBitsPerDim).toBeCloseTo(1, 1);
  });
});
