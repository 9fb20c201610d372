import { describe, expect, it } from "vitest";
import {
  addNoise,
  epsilonFromOriginalPrediction,
  epsilonFromVelocityPrediction,
  originalAndEpsilonFromModelOutput,
  originalFromEpsilonPrediction,
  originalFromVelocityPrediction,
  velocity,
} from "./forward";
import { makeNoiseSchedule } from "./schedules";
import { expectAllClose } from "./test-utils";

const schedule = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 1000 });
const featureSize = 3;
const timesteps = [0, 499, 999];
const x0 = Float32Array.of(0.5, -1, 0.25, 1, 0, -0.75, -0.2, 0.9, 0.3);
const noise = Float32Array.of(1.2, -0.3, 0.7, -1.5, 0.4, 0.05, 2.1, -0.8, -0.6);

/** Maps every element with the ᾱ of its row. */
function perElement(fn: (alphaBar: number, i: number) => number): number[] {
  return Array.from({ length: x0.length }, (_, i) => fn(schedule.alphasCumprod[timesteps[Math.floor(i / featureSize)]], i));
}

describe("forward process", () => {
  it("addNoise: x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε, each row at its own t", () => {
    const expected = perElement((ab, i) => Math.sqrt(ab) * x0[i] + Math.sqrt(1 - ab) * noise[i]);
    expectAllClose(addNoise(schedule, x0, noise, timesteps, featureSize), expected);
  });

  it("velocity: v = √ᾱ_t·ε − √(1−ᾱ_t)·x₀", () => {
    const expected = perElement((ab, i) => Math.sqrt(ab) * noise[i] - Math.sqrt(1 - ab) * x0[i]);
    expectAllClose(velocity(schedule, x0, noise, timesteps, featureSize), expected);
  });

  it("recovers x₀ and ε from x_t with the true ε, x₀ or v", () => {
    const xt = addNoise(schedule, x0, noise, timesteps, featureSize);
    const v = velocity(schedule, x0, noise, timesteps, featureSize);
    // x̂₀ from ε divides by √ᾱ_999 ≈ 0.0064 and ε from x̂₀ by √(1−ᾱ_0) = 0.01, amplifying x_t's
    // float32 rounding by ~100–160 (still ~1e-6 absolute).
    const loose = { relative: 1e-5, absolute: 1e-5 };
    expectAllClose(originalFromEpsilonPrediction(schedule, xt, noise, timesteps, featureSize), x0, loose);
    expectAllClose(epsilonFromOriginalPrediction(schedule, xt, x0, timesteps, featureSize), noise, loose);
    expectAllClose(originalFromVelocityPrediction(schedule, xt, v, timesteps, featureSize), x0, loose);
    expectAllClose(epsilonFromVelocityPrediction(schedule, xt, v, timesteps, featureSize), noise, loose);
  });

  it("originalAndEpsilonFromModelOutput agrees with the batched conversions", () => {
    const t = [499];
    const sample = Float32Array.of(0.3, -1.2, 2.5);
    const output = Float32Array.of(0.1, -0.7, 1.3);
    const ab = schedule.alphasCumprod[499];
    const fromEpsilon = originalAndEpsilonFromModelOutput("epsilon", ab, output, sample);
    expectAllClose(fromEpsilon.predOriginalSample, originalFromEpsilonPrediction(schedule, sample, output, t, 3));
    expectAllClose(fromEpsilon.predEpsilon, output);
    const fromSample = originalAndEpsilonFromModelOutput("sample", ab, output, sample);
    expectAllClose(fromSample.predOriginalSample, output);
    expectAllClose(fromSample.predEpsilon, epsilonFromOriginalPrediction(schedule, sample, output, t, 3));
    const fromVelocity = originalAndEpsilonFromModelOutput("v_prediction", ab, output, sample);
    expectAllClose(fromVelocity.predOriginalSample, originalFromVelocityPrediction(schedule, sample, output, t, 3));
    expectAllClose(fromVelocity.predEpsilon, epsilonFromVelocityPrediction(schedule, sample, output, t, 3));
  });

  it("names the bad tensor or timestep instead of returning NaN", () => {
    const withNaN = Float32Array.from(noise);
    withNaN[4] = NaN;
    expect(() => addNoise(schedule, x0, withNaN, timesteps, featureSize)).toThrow(/noise: contains NaN at index 4/);
    const withInf = Float32Array.from(x0);
    withInf[0] = Infinity;
    expect(() => addNoise(schedule, withInf, noise, timesteps, featureSize)).toThrow(/x0: contains Infinity at index 0/);
    expect(() => addNoise(schedule, x0, noise, [0, 1000, 3], featureSize)).toThrow(/timesteps\[1\]: must be an integer in \[0, 999\], got 1000/);
    expect(() => addNoise(schedule, x0, noise, [0, 1], featureSize)).toThrow(/x0: has 9 elements but 2 timesteps × featureSize 3 = 6/);
  });
});
