import { describe, expect, it } from "vitest";
import { inferenceTimesteps, roundHalfToEven } from "./timesteps";

const table = (numInferenceSteps: number, spacing: "leading" | "trailing" | "linspace", stepsOffset = 0, numTrainTimesteps = 1000) =>
  Array.from(inferenceTimesteps({ numTrainTimesteps, numInferenceSteps, spacing, stepsOffset }));

const descending = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((from - to) / step) + 1 }, (_, i) => from - i * step);

describe("inferenceTimesteps", () => {
  it("leading: arange(N)·(T // N) reversed, plus steps_offset", () => {
    expect(table(50, "leading")).toEqual(descending(980, 0, 20));
    expect(table(50, "leading", 1)).toEqual(descending(981, 1, 20));
    // T // 7 = 142: the table starts at 6·142 = 852, not near 999.
    expect(table(7, "leading")).toEqual([852, 710, 568, 426, 284, 142, 0]);
  });

  it("trailing: round(arange(T, 0, −T/N)) − 1", () => {
    expect(table(50, "trailing")).toEqual(descending(999, 19, 20));
    // 1000/7 = 142.857…: 999, round(857.14) − 1 = 856, …, round(428.57) − 1 = 428, …
    expect(table(7, "trailing")).toEqual([999, 856, 713, 570, 428, 285, 142]);
    // 1000/16 = 62.5 puts values on .5, which numpy rounds to even: 937.5 → 938, 812.5 → 812.
    expect(table(16, "trailing").slice(0, 4)).toEqual([999, 937, 874, 811]);
    // numpy's float arange yields 30 values here (the last −1); the table keeps exactly N.
    const twentyNine = table(29, "trailing", 0, 100);
    expect(twentyNine).toHaveLength(29);
    expect(Math.min(...twentyNine)).toBe(2);
  });

  it("linspace: round(linspace(0, T − 1, N)) reversed, halves to even", () => {
    const expected50 = Array.from({ length: 50 }, (_, i) => roundHalfToEven((999 * i) / 49)).reverse();
    expect(table(50, "linspace")).toEqual(expected50);
    // 999/6 = 166.5: 166.5 → 166, 499.5 → 500, 832.5 → 832.
    expect(table(7, "linspace")).toEqual([999, 832, 666, 500, 333, 166, 0]);
    expect(table(1, "linspace")).toEqual([0]);
  });

  it("covers every training timestep when N = T", () => {
    const all = descending(999, 0, 1);
    expect(table(1000, "leading")).toEqual(all);
    expect(table(1000, "trailing")).toEqual(all);
    expect(table(1000, "linspace")).toEqual(all);
  });

  it("explains impossible requests", () => {
    expect(() => table(1001, "leading")).toThrow(/numInferenceSteps: must be an integer from 1 to numTrainTimesteps \(1000\), got 1001.*T \/\/ N/);
    expect(() => table(0, "trailing")).toThrow(/numInferenceSteps/);
    expect(() => table(1000, "leading", 1)).toThrow(/stepsOffset: 1 pushes the first leading timestep to 1000.*use stepsOffset ≤ 0/);
    expect(() => table(10, "uniform" as "leading")).toThrow(/timestepSpacing: unknown value "uniform"; valid values are leading, trailing, linspace/);
  });
});

describe("roundHalfToEven", () => {
  it("rounds halves to the even neighbour like numpy.round", () => {
    expect([0.5, 1.5, 2.5, -1.5, -2.5, 2.4, 2.6].map(roundHalfToEven)).toEqual([0, 2, 2, -2, -2, 2, 3]);
  });
});
