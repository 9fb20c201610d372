/**
 * Fréchet distance between two sets of feature vectors, each summarized as a Gaussian (mean μ,
 * covariance Σ), as FID (Heusel et al. 2017) does with Inception features:
 *
 *   d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2·(Σ₁^½ Σ₂ Σ₁^½)^½)
 *
 * The trace of the cross term is taken through symmetric matrices only: Σ₁^½ from Σ₁'s eigen
 * decomposition, then the eigenvalues of the symmetric PSD matrix Σ₁^½ Σ₂ Σ₁^½, whose square roots sum
 * to Tr((Σ₁Σ₂)^½). Tiny negative eigenvalues from rounding are clamped to 0. Eigen decomposition by
 * ml-matrix, in float64.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

export interface FeatureStatistics {
  mean: Float64Array;
  /** dim × dim, the unbiased (n − 1) sample covariance. */
  covariance: Matrix;
  count: number;
}

export interface FrechetResult {
  value: number;
  generatedCount: number;
  referenceCount: number;
}

/** Mean and covariance of `count` row-major feature vectors of `dim` values each. */
export function featureStatistics(features: ArrayLike<number>, dim: number): FeatureStatistics {
  const count = features.length / dim;
  if (!Number.isInteger(count) || count < 2) throw new Error(`need at least 2 feature vectors of ${dim} values, got ${features.length} values`);
  const mean = new Float64Array(dim);
  for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) mean[j] += features[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= count;
  const centered = new Matrix(count, dim);
  for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) centered.set(i, j, features[i * dim + j] - mean[j]);
  const covariance = centered.transpose().mmul(centered).div(count - 1);
  return { mean, covariance, count };
}

/** Σ^½ of a symmetric positive semi-definite matrix. */
function symmetricSqrt(matrix: Matrix): Matrix {
  const { realEigenvalues, eigenvectorMatrix: vectors } = new EigenvalueDecomposition(matrix, { assumeSymmetric: true });
  const roots = Matrix.diag(realEigenvalues.map((lambda) => Math.sqrt(Math.max(lambda, 0))));
  return vectors.mmul(roots).mmul(vectors.transpose());
}

/** Tr((Σ₁Σ₂)^½) = Σ √λ of Σ₁^½ Σ₂ Σ₁^½. */
function traceSqrtProduct(a: Matrix, b: Matrix): number {
  const rootA = symmetricSqrt(a);
  const product = rootA.mmul(b).mmul(rootA);
  // Symmetrized: the products above round asymmetrically.
  const symmetric = product.add(product.transpose()).div(2);
  const { realEigenvalues } = new EigenvalueDecomposition(symmetric, { assumeSymmetric: true });
  return realEigenvalues.reduce((sum, lambda) => sum + Math.sqrt(Math.max(lambda, 0)), 0);
}

export function frechetDistanceOfStatistics(a: Pick<FeatureStatistics, "mean" | "covariance">, b: Pick<FeatureStatistics, "mean" | "covariance">): number {
  if (a.mean.length !== b.mean.length) throw new Error(`feature sizes differ: ${a.mean.length} and ${b.mean.length}`);
  const meanTerm = a.mean.reduce((sum, m, j) => sum + (m - b.mean[j]) ** 2, 0);
  const traceTerm = a.covariance.trace() + b.covariance.trace() - 2 * traceSqrtProduct(a.covariance, b.covariance);
  // Rounding can leave identical sets a hair below 0.
  return Math.max(meanTerm + traceTerm, 0);
}

/** Fréchet distance between generated and reference feature vectors (row-major, `dim` each). */
export function frechetDistance(generated: ArrayLike<number>, reference: ArrayLike<number>, dim: number): FrechetResult {
  const a = featureStatistics(generated, dim);
  const b = featureStatistics(reference, dim);
  return { value: frechetDistanceOfStatistics(a, b), generatedCount: a.count, referenceCount: b.count };
}
