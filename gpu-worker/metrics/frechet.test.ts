import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { Rng } from "../ddpm/random";
import { featureStatistics, frechetDistance, frechetDistanceOfStatistics } from "./frechet";

/** n draws of N(mean, L·Lᵀ), row-major. */
function gaussianDraws(rng: Rng, n: number, mean: number[], cholesky: number[][]): Float64Array {
  const dim = mean.length;
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    const z = mean.map(() => rng.normal());
    for (let r = 0; r < dim; r++) out[i * dim + r] = mean[r] + cholesky[r].reduce((sum, l, c) => sum + l * z[c], 0);
  }
  return out;
}

describe("Fréchet distance", () => {
  it("is 0 for identical sets", () => {
    const features = gaussianDraws(new Rng(1), 500, [0, 1, 2, 3], [[1, 0, 0, 0], [0.5, 1, 0, 0], [0, 0.3, 2, 0], [0.1, 0, 0, 0.5]]);
    const result = frechetDistance(features, features, 4);
    expect(result.value).toBeCloseTo(0, 8);
    expect(result).toMatchObject({ generatedCount: 500, referenceCount: 500 });
  });

  it("is ‖Δμ‖² + Σ(σ₁ − σ₂)² for diagonal covariances", () => {
    const a = { mean: Float64Array.from([0, 0, 0]), covariance: Matrix.diag([1, 4, 9]) };
    const b = { mean: Float64Array.from([1, 2, 0]), covariance: Matrix.diag([4, 4, 1]) };
    expect(frechetDistanceOfStatistics(a, b)).toBeCloseTo(1 + 4 + (1 - 2) ** 2 + 0 + (3 - 1) ** 2, 10);
  });

  it("handles covariances that do not commute: Tr(I + A − 2A^½) for Σ₁ = I", () => {
    // A = R·diag(4, 9)·Rᵀ for a 30° rotation R: A^½ has eigenvalues 2 and 3, so the trace is 2 + 13 − 10.
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const rotation = new Matrix([[c, -s], [s, c]]);
    const a = rotation.mmul(Matrix.diag([4, 9])).mmul(rotation.transpose());
    const value = frechetDistanceOfStatistics({ mean: Float64Array.from([0, 0]), covariance: Matrix.eye(2) }, { mean: Float64Array.from([0, 0]), covariance: a });
    expect(value).toBeCloseTo(5, 10);
  });

  it("approaches the analytic value for samples of shifted Gaussians", () => {
    const cholesky = [[1, 0], [0.8, 0.6]];
    const rng = new Rng(7);
    const a = gaussianDraws(rng, 20_000, [0, 0], cholesky);
    const b = gaussianDraws(rng, 20_000, [3, -4], cholesky);
    // Same covariance: the distance is the squared shift, 25, up to sampling error.
    expect(frechetDistance(a, b, 2).value).toBeCloseTo(25, 0);
  });

  it("computes the unbiased sample covariance", () => {
    const { mean, covariance, count } = featureStatistics([1, 2, 3, 6], 1);
    expect(count).toBe(4);
    expect(mean[0]).toBe(3);
    expect(covariance.get(0, 0)).toBeCloseTo((4 + 1 + 0 + 9) / 3, 12);
  });
});
