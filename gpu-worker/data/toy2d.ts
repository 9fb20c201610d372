/**
 * 2D toy distributions for the course's first DDPM assignment. Each generator draws raw points, then
 * the set is standardized per axis to zero mean and unit standard deviation (population std), the
 * space the model trains in. The mean and std are returned so generated samples can be mapped back to
 * the raw coordinates (denormalizeToy2d) and raw reference points into model space (normalizeToy2d).
 *
 * `swiss_roll_hole` is the assignment's own data: scikit-learn's make_swiss_roll(noise=0, hole=True),
 * its columns x and z, rescaled as the assignment does, (X − X.mean()) / X.std() × 2 with one scalar
 * mean and std over the whole array. Those rescaled coordinates are its raw coordinates, and its
 * metrics are measured there (TOY2D_METRIC_SPACE), so they read on the assignment's scale.
 */
import { DdpmConfigError, assertFiniteNumber, assertIntegerInRange, assertOneOf } from "../ddpm/errors";
import type { Rng } from "../ddpm/random";

export const TOY2D_NAMES = ["swiss_roll", "moons", "circles", "checkerboard", "eight_gaussians", "swiss_roll_hole"] as const;
export type Toy2dName = (typeof TOY2D_NAMES)[number];

export function isToy2dName(name: string): name is Toy2dName {
  return (TOY2D_NAMES as readonly string[]).includes(name);
}

/** Standard deviation of the Gaussian noise added to each raw point (checkerboard: none), in raw units. */
export const DEFAULT_TOY2D_NOISE: Record<Toy2dName, number> = {
  swiss_roll: 0.5,
  moons: 0.1,
  circles: 0.05,
  checkerboard: 0,
  eight_gaussians: 0.2,
  swiss_roll_hole: 0,
};

/**
 * Where a data set's Chamfer distance and MMD are measured: "normalized", the per-axis standardized
 * space the model trains in; "data", the data set's own coordinates (the assignment's rescaled space
 * for swiss_roll_hole, a file's coordinates for uploaded points).
 */
export type MetricSpace = "normalized" | "data";
export const TOY2D_METRIC_SPACE: Record<Toy2dName, MetricSpace> = {
  swiss_roll: "normalized",
  moons: "normalized",
  circles: "normalized",
  checkerboard: "normalized",
  eight_gaussians: "normalized",
  swiss_roll_hole: "data",
};

export interface Toy2dStatistics {
  /** Per-axis mean of the raw points, [x, y]. */
  mean: [number, number];
  /** Per-axis population standard deviation of the raw points, [x, y]. */
  std: [number, number];
}

export interface Toy2dDataset extends Toy2dStatistics {
  name: Toy2dName;
  count: number;
  /** Standardized points, interleaved [x0, y0, x1, y1, …]. */
  points: Float32Array;
}

export interface Toy2dOptions {
  /** Overrides DEFAULT_TOY2D_NOISE for this dataset. */
  noise?: number;
}

type RawPoint = (rng: Rng) => [number, number];

/** Raw point generators (before noise and standardization). */
const RAW_GENERATORS: Record<Toy2dName, RawPoint> = {
  // Swiss roll as in scikit-learn: angle t ∈ [1.5π, 4.5π], point (t·cos t, t·sin t).
  swiss_roll: (rng) => {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    return [t * Math.cos(t), t * Math.sin(t)];
  },
  // Two interleaving half circles as in scikit-learn: upper (cos θ, sin θ), lower (1 − cos θ, 0.5 − sin θ).
  moons: (rng) => {
    const theta = Math.PI * rng.uniform();
    return rng.uniform() < 0.5 ? [Math.cos(theta), Math.sin(theta)] : [1 - Math.cos(theta), 0.5 - Math.sin(theta)];
  },
  // Concentric circles of radius 1 and 0.5 (scikit-learn's factor 0.5).
  circles: (rng) => {
    const theta = 2 * Math.PI * rng.uniform();
    const radius = rng.uniform() < 0.5 ? 1 : 0.5;
    return [radius * Math.cos(theta), radius * Math.sin(theta)];
  },
  // 4×4 board on [−2, 2)²: uniform in the 8 cells whose integer coordinates sum to an even number.
  checkerboard: (rng) => {
    const x = 4 * rng.uniform() - 2;
    const column = Math.floor(x);
    // In each column, rows r ∈ {−2, −1, 0, 1} with (column + r) even: two of them, 2 apart.
    const firstRow = (((column % 2) + 2) % 2 === 0 ? -2 : -1) + 2 * rng.randint(2);
    return [x, firstRow + rng.uniform()];
  },
  // scikit-learn's hole variant: (t, height) uniform on [1.5π, 4.5π] × [0, 21] without its middle
  // cell [2.5π, 3.5π] × [7, 14], i.e. one of the 8 outer cells of a 3×3 grid, then uniform within it.
  // The height (column y) is dropped, so the middle turn keeps 2/8 of the points, each outer one 3/8.
  swiss_roll_hole: (rng) => {
    const outerCell = rng.randint(8);
    const cell = outerCell < 4 ? outerCell : outerCell + 1;
    const t = Math.PI * (1.5 + Math.floor(cell / 3) + rng.uniform());
    return [t * Math.cos(t), t * Math.sin(t)];
  },
  // Eight modes evenly spaced on a circle of radius 2.
  eight_gaussians: (rng) => {
    const angle = (rng.randint(8) * Math.PI) / 4;
    return [2 * Math.cos(angle), 2 * Math.sin(angle)];
  },
};

/** Draws `count` points of the named toy, adds Gaussian noise, and standardizes each axis. */
export function sampleToy2d(name: Toy2dName, count: number, rng: Rng, options: Toy2dOptions = {}): Toy2dDataset {
  const dataset = assertOneOf("dataset", name, TOY2D_NAMES);
  assertIntegerInRange("count", count, 2);
  const noise = assertFiniteNumber("noise", options.noise ?? DEFAULT_TOY2D_NOISE[dataset]);
  if (noise < 0) throw new DdpmConfigError("noise", `must be ≥ 0, got ${noise}`);

  const raw = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const [x, y] = RAW_GENERATORS[dataset](rng);
    raw[2 * i] = noise > 0 ? x + noise * rng.normal() : x;
    raw[2 * i + 1] = noise > 0 ? y + noise * rng.normal() : y;
  }
  if (dataset === "swiss_roll_hole") rescaleAsAssignment(raw);
  return { name: dataset, count, ...standardizePoints(raw) };
}

/** Points standardized per axis with their own statistics (a toy draw, or a file's points). */
export function standardizePoints(raw: ArrayLike<number>): Toy2dStatistics & { points: Float32Array } {
  const statistics = axisStatistics(raw);
  return { points: normalizeToy2d(raw, statistics), ...statistics };
}

/**
 * The assignment's X.mean() and X.std() (one scalar each, over both columns) of the roll with the
 * hole, taken from the distribution itself rather than from each draw: the limit of a large array,
 * so the training set, the reference draw and every model's samples lie in one space. (Each 2048-point
 * draw's own statistics wander by about 1%, which alone moved the Chamfer distance between two draws
 * of the data from 2 to 12.) With weights 3/8, 2/8, 3/8 on the three turns t ∈ [1.5π + kπ, 2.5π + kπ]:
 * the mean of x = t cos t and z = t sin t together, and E[x² + z²]/2 − mean² = E[t²]/2 − mean².
 */
const ASSIGNMENT_STATISTICS = (() => {
  const turns = [0, 1, 2].map((k) => ({ weight: k === 1 ? 2 / 8 : 3 / 8, from: Math.PI * (1.5 + k), to: Math.PI * (2.5 + k) }));
  const expectation = (antiderivative: (t: number) => number) =>
    turns.reduce((sum, { weight, from, to }) => sum + (weight / Math.PI) * (antiderivative(to) - antiderivative(from)), 0);
  const meanX = expectation((t) => t * Math.sin(t) + Math.cos(t));
  const meanZ = expectation((t) => Math.sin(t) - t * Math.cos(t));
  const mean = (meanX + meanZ) / 2;
  return { mean, std: Math.sqrt(expectation((t) => t ** 3 / 3) / 2 - mean ** 2) };
})();

/** (X − mean) / std × 2 in place, with the assignment's one scalar mean and std (ASSIGNMENT_STATISTICS). */
function rescaleAsAssignment(points: Float64Array): void {
  const { mean, std } = ASSIGNMENT_STATISTICS;
  for (let i = 0; i < points.length; i++) points[i] = ((points[i] - mean) / std) * 2;
}

function axisStatistics(points: ArrayLike<number>): Toy2dStatistics {
  const count = points.length / 2;
  const mean: [number, number] = [0, 0];
  for (let i = 0; i < points.length; i++) mean[i % 2] += points[i] / count;
  const variance = [0, 0];
  for (let i = 0; i < points.length; i++) variance[i % 2] += (points[i] - mean[i % 2]) ** 2 / count;
  return { mean, std: [Math.sqrt(variance[0]), Math.sqrt(variance[1])] };
}

/** (raw − mean)/std per axis: raw 2D points into the space the model was trained in. */
export function normalizeToy2d(points: ArrayLike<number>, { mean, std }: Toy2dStatistics): Float32Array {
  return Float32Array.from(points, (value, i) => (value - mean[i % 2]) / std[i % 2]);
}

/** point·std + mean per axis: generated samples back into raw coordinates. */
export function denormalizeToy2d(points: ArrayLike<number>, { mean, std }: Toy2dStatistics): Float32Array {
  return Float32Array.from(points, (value, i) => value * std[i % 2] + mean[i % 2]);
}
