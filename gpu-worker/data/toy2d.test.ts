import { describe, expect, it } from "vitest";
import { Rng } from "../ddpm/random";
import { denormalizeToy2d, normalizeToy2d, sampleToy2d, TOY2D_NAMES } from "./toy2d";

/** Per-axis mean and population std of interleaved 2D points. */
function moments(points: ArrayLike<number>) {
  const n = points.length / 2;
  const axis = (a: number) => {
    const values = Array.from({ length: n }, (_, i) => points[2 * i + a]);
    const mean = values.reduce((s, v) => s + v, 0) / n;
    return { mean, std: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / n) };
  };
  return [axis(0), axis(1)];
}

describe("sampleToy2d", () => {
  it.each(TOY2D_NAMES)("%s: standardized per axis, reproducible, and invertible", (name) => {
    const dataset = sampleToy2d(name, 2048, new Rng(1));
    expect(dataset.points).toHaveLength(4096);
    for (const axis of moments(dataset.points)) {
      expect(Math.abs(axis.mean)).toBeLessThan(1e-6);
      expect(axis.std).toBeCloseTo(1, 5);
    }
    expect(sampleToy2d(name, 2048, new Rng(1)).points).toEqual(dataset.points);
    // Mapping back and forth with the returned statistics is the identity.
    const raw = denormalizeToy2d(dataset.points, dataset);
    const [rawX, rawY] = moments(raw);
    expect(rawX.mean).toBeCloseTo(dataset.mean[0], 4);
    expect(rawY.std).toBeCloseTo(dataset.std[1], 4);
    const again = normalizeToy2d(raw, dataset);
    for (let i = 0; i < again.length; i++) expect(again[i]).toBeCloseTo(dataset.points[i], 5);
  });

  it("draws the shapes it names (noise off)", () => {
    const rng = new Rng(2);
    const radius = (points: Float32Array, i: number) => Math.hypot(points[2 * i], points[2 * i + 1]);
    const circles = sampleToy2d("circles", 500, rng, { noise: 0 });
    const rawCircles = denormalizeToy2d(circles.points, circles);
    for (let i = 0; i < 500; i++) {
      const r = radius(rawCircles, i);
      expect(Math.min(Math.abs(r - 1), Math.abs(r - 0.5))).toBeLessThan(1e-5);
    }
    const gaussians = sampleToy2d("eight_gaussians", 500, rng, { noise: 0 });
    const rawGaussians = denormalizeToy2d(gaussians.points, gaussians);
    for (let i = 0; i < 500; i++) expect(radius(rawGaussians, i)).toBeCloseTo(2, 5);
    const board = sampleToy2d("checkerboard", 500, rng);
    const rawBoard = denormalizeToy2d(board.points, board);
    for (let i = 0; i < 500; i++) {
      const [x, y] = [rawBoard[2 * i], rawBoard[2 * i + 1]];
      expect(Math.abs(x) <= 2 && Math.abs(y) <= 2).toBe(true);
      expect((((Math.floor(x) + Math.floor(y)) % 2) + 2) % 2).toBe(0);
    }
  });

  it("names bad arguments", () => {
    expect(() => sampleToy2d("spiral" as "moons", 10, new Rng(0))).toThrow(/dataset: unknown value "spiral"; valid values are swiss_roll, moons/);
    expect(() => sampleToy2d("moons", 1, new Rng(0))).toThrow(/count: must be an integer ≥ 2/);
    expect(() => sampleToy2d("moons", 10, new Rng(0), { noise: -1 })).toThrow(/noise: must be ≥ 0/);
  });
});

describe("swiss_roll_hole, the assignment's data", () => {
  it("is make_swiss_roll(noise=0, hole=True)'s x and z, scaled to one mean 0 and std 2 over both columns", () => {
    const { points, mean, std } = sampleToy2d("swiss_roll_hole", 200_000, new Rng(3));
    const raw = denormalizeToy2d(points, { mean, std });
    const all = Array.from(raw);
    const scalarMean = all.reduce((s, v) => s + v, 0) / all.length;
    const scalarStd = Math.sqrt(all.reduce((s, v) => s + (v - scalarMean) ** 2, 0) / all.length);
    expect(Math.abs(scalarMean)).toBeLessThan(0.01);
    expect(scalarStd).toBeCloseTo(2, 2);
    // Back in make_swiss_roll's units every point is (t cos t, t sin t) with t ∈ [1.5π, 4.5π], and the
    // hole leaves the middle turn 2/8 of the points against 3/8 for each outer one.
    const unit = 6.765556876336807 / 2; // make_swiss_roll's scalar std over x and z, halved
    const turns = [0, 0, 0];
    for (let i = 0; i < raw.length; i += 2) {
      const [x, z] = [raw[i] * unit + 1.65915494306433, raw[i + 1] * unit + 1.65915494306433];
      const t = Math.hypot(x, z);
      expect(t).toBeGreaterThan(1.5 * Math.PI - 1e-3);
      expect(t).toBeLessThan(4.5 * Math.PI + 1e-3);
      turns[Math.min(2, Math.floor(t / Math.PI - 1.5))] += 1;
    }
    const shares = turns.map((n) => n / (raw.length / 2));
    expect(shares[0]).toBeCloseTo(3 / 8, 2);
    expect(shares[1]).toBeCloseTo(2 / 8, 2);
    expect(shares[2]).toBeCloseTo(3 / 8, 2);
  });
});
