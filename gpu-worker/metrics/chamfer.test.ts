import { describe, expect, it } from "vitest";
import { Rng } from "../ddpm/random";
import { chamferDistance } from "./chamfer";

describe("chamferDistance", () => {
  it("is 0 for identical sets and reports both counts", () => {
    const points = new Rng(1).fillNormal(new Float32Array(200));
    expect(chamferDistance(points, points)).toEqual({ value: 0, generatedCount: 100, referenceCount: 100 });
  });

  it("sums (not averages) squared nearest-neighbour distances both ways: shifted grid", () => {
    // Points 10 apart shifted by (0.3, 0.4): every nearest neighbour is the shifted twin at distance² 0.25.
    const reference = new Float32Array(50);
    for (let i = 0; i < 25; i++) [reference[2 * i], reference[2 * i + 1]] = [10 * (i % 5), 10 * Math.floor(i / 5)];
    const generated = reference.map((v, i) => v + (i % 2 === 0 ? 0.3 : 0.4));
    const { value } = chamferDistance(generated, reference);
    expect(value).toBeCloseTo(2 * 25 * (0.3 ** 2 + 0.4 ** 2), 4); // = 12.5
  });

  it("handles unequal counts and direction asymmetry", () => {
    // G = {0}, R = {0, 3} on a line (dim 1): G→R gives 0, R→G gives 0 + 9.
    const result = chamferDistance(Float32Array.of(0), Float32Array.of(0, 3), 1);
    expect(result).toEqual({ value: 9, generatedCount: 1, referenceCount: 2 });
  });

  // How fast it runs is measured by `npm run bench` (BENCHMARKS.md), not here.
  it("at the grading protocol's 2048 × 2048: symmetric, zero against itself, unchanged by a shift of both sets", () => {
    const rng = new Rng(2);
    const [generated, reference] = [rng.fillNormal(new Float32Array(4096)), rng.fillNormal(new Float32Array(4096))];
    const result = chamferDistance(generated, reference);
    expect(result).toMatchObject({ generatedCount: 2048, referenceCount: 2048 });
    expect(result.value).toBeGreaterThan(0);
    expect(chamferDistance(reference, generated).value).toBeCloseTo(result.value, 6);
    expect(chamferDistance(generated, generated).value).toBe(0);
    const shift = (points: Float32Array) => points.map((v, i) => v + (i % 2 === 0 ? 0.5 : -0.25));
    expect(chamferDistance(shift(generated), shift(reference)).value).toBeCloseTo(result.value, 2);
  });

  it("names malformed sets", () => {
    expect(() => chamferDistance(Float32Array.of(1, 2, 3), Float32Array.of(1, 2))).toThrow(/generated: has 3 values, not a multiple of dim 2/);
    expect(() => chamferDistance(Float32Array.of(1, 2), Float32Array.of(NaN, 2))).toThrow(/reference: contains NaN at index 0/);
    expect(() => chamferDistance(new Float32Array(0), Float32Array.of(1, 2))).toThrow(/generated: needs at least 1 point/);
  });
});
