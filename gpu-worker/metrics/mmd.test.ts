import { describe, expect, it } from "vitest";
import { Rng } from "../ddpm/random";
import { maximumMeanDiscrepancy } from "./mmd";

const gaussian = (rng: Rng, count: number, shift = 0) => rng.fillNormal(new Float32Array(2 * count)).map((v) => v + shift);

describe("maximumMeanDiscrepancy", () => {
  it("is ≈ 0 for samples of one distribution and clearly > 0 for different ones", () => {
    const rng = new Rng(3);
    const same = maximumMeanDiscrepancy(gaussian(rng, 400), gaussian(rng, 400));
    const shifted = maximumMeanDiscrepancy(gaussian(rng, 400), gaussian(rng, 400, 1));
    expect(Math.abs(same.value)).toBeLessThan(0.01);
    expect(shifted.value).toBeGreaterThan(0.1);
    expect(shifted.kernel.bandwidthSource).toBe("median_heuristic");
    expect(shifted.kernel.description).toMatch(/exp\(−‖a − b‖² \/ \(2σ²\)\), σ = .* \(median pairwise distance/);
    expect([shifted.generatedCount, shifted.referenceCount, shifted.estimator]).toEqual([400, 400, "unbiased"]);
  });

  it("matches the unbiased estimator on a hand-computed example", () => {
    // x = {0, 1}, y = {0, 2} in 1D, σ = 1: k(d) = exp(−d²/2).
    const k = (d: number) => Math.exp(-(d * d) / 2);
    const expected = k(1) + k(2) - (2 / 4) * (k(0) + k(2) + k(1) + k(1));
    const result = maximumMeanDiscrepancy(Float32Array.of(0, 1), Float32Array.of(0, 2), { dim: 1, bandwidth: 1 });
    expect(result.value).toBeCloseTo(expected, 12);
    expect(result.kernel).toMatchObject({ type: "gaussian_rbf", bandwidth: 1, bandwidthSource: "given" });
  });

  it("names bad inputs", () => {
    expect(() => maximumMeanDiscrepancy(Float32Array.of(1, 2), Float32Array.of(1, 2, 3, 4))).toThrow(/generated: needs at least 2 point/);
    expect(() => maximumMeanDiscrepancy(Float32Array.of(1, 1, 1, 1), Float32Array.of(1, 1, 1, 1))).toThrow(/bandwidth: must be > 0, got 0 \(all points coincide\)/);
  });
});
