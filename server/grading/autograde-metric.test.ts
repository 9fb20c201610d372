import { describe, expect, it } from "vitest";
import { denormalizeToy2d, sampleToy2d } from "~/gpu-worker/data/toy2d";
import { Rng } from "~/gpu-worker/ddpm/random";
import { autogradeRuleSchema } from "./autograde";
import { measureUnderProtocol, readSamplePoints, type SamplePoints } from "./autograde-metric";

const RULE = autogradeRuleSchema.parse({ metric: "chamfer", bands: [{ below: 20, fraction: 1 }] });

/** `count` fresh points of the data set, as a perfect model would generate them. */
function perfectSet(count: number, dataset: "swiss_roll" | "swiss_roll_hole" = "swiss_roll"): SamplePoints {
  const draw = sampleToy2d(dataset, count, new Rng(count));
  return { dataset, count, raw: denormalizeToy2d(draw.points, draw), normalization: { mean: draw.mean, std: draw.std } };
}

describe("measureUnderProtocol", () => {
  it("measures a set of the protocol's size: a perfect model scores about 3 on 2048 vs 2048 swiss-roll points", () => {
    const measured = measureUnderProtocol(RULE, perfectSet(2048));
    expect("value" in measured && measured.value).toBeGreaterThan(2);
    expect("value" in measured && measured.value).toBeLessThan(5);
  });

  it("measures swiss_roll_hole in its own (the assignment's) space, whatever the model's statistics", () => {
    const rule = autogradeRuleSchema.parse({ metric: "chamfer", bands: [{ below: 20, fraction: 1 }], protocol: { dataset: "swiss_roll_hole" } });
    const set = perfectSet(2048, "swiss_roll_hole");
    const measured = measureUnderProtocol(rule, set);
    const stretched = measureUnderProtocol(rule, { ...set, normalization: { mean: [5, 5], std: [0.1, 10] } });
    // Two independent draws of the noise-free roll score about 0.4 there (swiss_roll, noisy, about 3).
    expect("value" in measured && measured.value).toBeGreaterThan(0.1);
    expect("value" in measured && measured.value).toBeLessThan(1);
    expect(stretched).toEqual(measured);
  });

  it("refuses a set of another size, another data set or no points, saying what to hand in", () => {
    expect(measureUnderProtocol(RULE, perfectSet(16))).toEqual({
      refused: "This criterion grades Chamfer distance on 2048 samples; your sample set has 16. Generate 2048 samples from the run page and submit that set.",
    });
    expect(measureUnderProtocol(RULE, { ...perfectSet(2048), dataset: "moons" })).toEqual({
      refused: "This criterion grades Chamfer distance on swiss_roll; your sample set's model was trained on moons. Submit samples from a run trained on swiss_roll.",
    });
    expect(measureUnderProtocol(RULE, null)).toEqual({
      refused: "This criterion grades Chamfer distance on 2048 2D samples of swiss_roll; this sample set has no 2D points. Submit samples from a run trained on swiss_roll.",
    });
  });

  it("reads no points from an image run's files or files that are not the worker's", () => {
    const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const config = json({ training: { dataset: "fashion_mnist" }, normalization: null });
    expect(readSamplePoints(json({ space: "raw", dim: 2, points: [0, 1] }), config)).toBeNull();
    expect(readSamplePoints(new TextEncoder().encode("not json"), config)).toBeNull();
    expect(readSamplePoints(undefined, config)).toBeNull();
  });
});
