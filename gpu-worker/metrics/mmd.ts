/**
 * Squared maximum mean discrepancy with a Gaussian RBF kernel k(a, b) = exp(−‖a − b‖²/(2σ²)), unbiased
 * estimator (Gretton et al. 2012, eq. 3):
 *   MMD²_u = 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(n(n−1)) Σ_{i≠j} k(y_i, y_j) − 2/(mn) Σ_{i,j} k(x_i, y_j).
 * It can be slightly negative when the two distributions are equal. The bandwidth σ is given or set
 * by the median heuristic, and is reported with the value.
 */
import { assertFiniteNumber, DdpmConfigError } from "../ddpm/errors";
import { pointCount, squaredDistance } from "./pointSets";

/** The median heuristic looks at the pairs of at most this many pooled points (evenly strided). */
export const MEDIAN_HEURISTIC_MAX_POINTS = 1000;

export interface MmdOptions {
  /** Point dimension (default 2). */
  dim?: number;
  /** Kernel bandwidth σ; default: median pairwise distance of the pooled points. */
  bandwidth?: number;
}

export interface MmdResult {
  /** MMD²_u */
  value: number;
  estimator: "unbiased";
  kernel: {
    type: "gaussian_rbf";
    bandwidth: number;
    bandwidthSource: "given" | "median_heuristic";
    description: string;
  };
  generatedCount: number;
  referenceCount: number;
}

/** Median of pairwise Euclidean distances over an evenly strided subset of the pooled points. */
export function medianPairwiseDistance(x: Float32Array, y: Float32Array, dim: number): number {
  const pooled = new Float32Array(x.length + y.length);
  pooled.set(x);
  pooled.set(y, x.length);
  const total = pooled.length / dim;
  const stride = Math.max(1, Math.ceil(total / MEDIAN_HEURISTIC_MAX_POINTS));
  const chosen = Array.from({ length: Math.ceil(total / stride) }, (_, i) => i * stride);
  const distances = new Float64Array((chosen.length * (chosen.length - 1)) / 2);
  let k = 0;
  for (let a = 0; a < chosen.length; a++) {
    for (let b = a + 1; b < chosen.length; b++) distances[k++] = squaredDistance(pooled, chosen[a], pooled, chosen[b], dim);
  }
  distances.sort();
  const middle = distances.length >> 1;
  const medianSquared = distances.length % 2 ? distances[middle] : (distances[middle - 1] + distances[middle]) / 2;
  return Math.sqrt(medianSquared);
}

/** Mean of k over pairs (i from a, j from b), skipping i = j when a and b are the same set. */
function meanKernel(a: Float32Array, b: Float32Array, dim: number, gamma: number, sameSet: boolean): number {
  const countA = a.length / dim;
  const countB = b.length / dim;
  let sum = 0;
  for (let i = 0; i < countA; i++) {
    for (let j = sameSet ? i + 1 : 0; j < countB; j++) sum += Math.exp(-gamma * squaredDistance(a, i, b, j, dim));
  }
  // Within a set each unordered pair was visited once but counts twice in Σ_{i≠j}.
  return sameSet ? (2 * sum) / (countA * (countA - 1)) : sum / (countA * countB);
}

export function maximumMeanDiscrepancy(generated: Float32Array, reference: Float32Array, options: MmdOptions = {}): MmdResult {
  const dim = options.dim ?? 2;
  const generatedCount = pointCount("generated", generated, dim, 2);
  const referenceCount = pointCount("reference", reference, dim, 2);
  const bandwidthSource = options.bandwidth === undefined ? "median_heuristic" : "given";
  const bandwidth = options.bandwidth ?? medianPairwiseDistance(generated, reference, dim);
  if (!(assertFiniteNumber("bandwidth", bandwidth) > 0)) {
    throw new DdpmConfigError("bandwidth", `must be > 0, got ${bandwidth}${bandwidthSource === "median_heuristic" ? " (all points coincide)" : ""}`);
  }
  const gamma = 1 / (2 * bandwidth * bandwidth);
  const value =
    meanKernel(generated, generated, dim, gamma, true) +
    meanKernel(reference, reference, dim, gamma, true) -
    2 * meanKernel(generated, reference, dim, gamma, false);
  const how = bandwidthSource === "given" ? "given" : "median pairwise distance of the pooled points";
  return {
    value,
    estimator: "unbiased",
    kernel: {
      type: "gaussian_rbf",
      bandwidth,
      bandwidthSource,
      description: `k(a, b) = exp(−‖a − b‖² / (2σ²)), σ = ${bandwidth.toPrecision(6)} (${how})`,
    },
    generatedCount,
    referenceCount,
  };
}
