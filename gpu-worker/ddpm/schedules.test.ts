import { describe, expect, it } from "vitest";
import { DdpmConfigError } from "./errors";
import { makeNoiseSchedule, SCHEDULE_NAMES, type ScheduleName } from "./schedules";
import { expectAllClose } from "./test-utils";

const T = 1000;

/** Independent float64 β for each schedule, straight from the formulas in ddpm-numerics.md. */
function float64Betas(schedule: ScheduleName, betaStart = 1e-4, betaEnd = 0.02): number[] {
  const linspace = (a: number, b: number) => Array.from({ length: T }, (_, i) => a + ((b - a) * i) / (T - 1));
  switch (schedule) {
    case "linear":
      return linspace(betaStart, betaEnd);
    case "scaled_linear":
      return linspace(Math.sqrt(betaStart), Math.sqrt(betaEnd)).map((b) => b * b);
    case "squaredcos_cap_v2": {
      // cos²θ written as (1 + cos 2θ)/2 so this is not the implementation's expression.
      const alphaBar = (t: number) => (1 + Math.cos(((t + 0.008) / 1.008) * Math.PI)) / 2;
      return Array.from({ length: T }, (_, i) => Math.min(1 - alphaBar((i + 1) / T) / alphaBar(i / T), 0.999));
    }
    case "sigmoid":
      return linspace(-6, 6).map((x) => (1 / (1 + Math.exp(-x))) * (betaEnd - betaStart) + betaStart);
  }
}

/** The value rounded to 8 significant digits, the precision the reference values are quoted to. */
const eightDigits = (x: number) => Number(x.toPrecision(8));

describe("makeNoiseSchedule", () => {
  it("reproduces the float32 reference values of ddpm-numerics.md to the digit", () => {
    const linear = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: T });
    expect(eightDigits(linear.alphasCumprod[0])).toBe(0.99989998);
    expect(eightDigits(linear.alphasCumprod[499])).toBe(0.078587241);
    expect(eightDigits(linear.alphasCumprod[999])).toBe(4.0358325e-05);
    const cosine = makeNoiseSchedule({ schedule: "squaredcos_cap_v2", numTrainTimesteps: T });
    expect(eightDigits(cosine.betas[0])).toBe(4.1284224e-05);
    expect(cosine.betas[999]).toBe(Math.fround(0.999));
    expect(eightDigits(cosine.alphasCumprod[499])).toBe(0.49384311);
  });

  it.each(SCHEDULE_NAMES)("%s: β, α and ᾱ agree with a float64 computation", (schedule) => {
    const result = makeNoiseSchedule({ schedule, numTrainTimesteps: T });
    const betas = float64Betas(schedule);
    expectAllClose(result.betas, betas);
    expectAllClose(result.alphas, betas.map((b) => 1 - b));
    // ᾱ is a float32 running product, so it carries up to ~T float32 roundings; compare it with the
    // float64 product of the same float32 α's.
    let product = 1;
    const alphasCumprod = Array.from(result.alphas, (alpha) => (product *= alpha));
    expectAllClose(result.alphasCumprod, alphasCumprod, { relative: 1e-6 });
    expect(result.config).toEqual({ schedule, numTrainTimesteps: T, betaStart: 1e-4, betaEnd: 0.02 });
  });

  it("honours betaStart/betaEnd and keeps linspace endpoints exact", () => {
    const result = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 10, betaStart: 0.001, betaEnd: 0.05 });
    expect(result.betas[0]).toBe(Math.fround(0.001));
    expect(result.betas[9]).toBe(Math.fround(0.05));
    expectAllClose(result.betas, Array.from({ length: 10 }, (_, i) => 0.001 + (0.049 * i) / 9));
  });

  it("names the field and the valid values on bad configs", () => {
    expect(() => makeNoiseSchedule({ schedule: "cosine" as ScheduleName, numTrainTimesteps: T })).toThrow(
      /schedule: unknown value "cosine"; valid values are linear, scaled_linear, squaredcos_cap_v2, sigmoid/,
    );
    expect(() => makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 0 })).toThrow(DdpmConfigError);
    expect(() => makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 10, betaStart: 0.5, betaEnd: 0.1 })).toThrow(
      /betaStart: need 0 < betaStart ≤ betaEnd < 1/,
    );
  });
});
