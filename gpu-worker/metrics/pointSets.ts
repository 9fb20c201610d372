/** Validation shared by the sample-set metrics: flat Float32Array point sets of a given dimension. */
import { assertFiniteTensor, assertIntegerInRange, DdpmConfigError } from "../ddpm/errors";

/** Number of points in `points` (dim values each); throws naming the set when malformed or too small. */
export function pointCount(name: string, points: Float32Array, dim: number, minimum = 1): number {
  assertIntegerInRange("dim", dim, 1);
  if (points.length % dim !== 0) {
    throw new DdpmConfigError(name, `has ${points.length} values, not a multiple of dim ${dim}`);
  }
  const count = points.length / dim;
  if (count < minimum) throw new DdpmConfigError(name, `needs at least ${minimum} point(s), got ${count}`);
  assertFiniteTensor(name, points);
  return count;
}

/** ‖a_i − b_j‖² for points i of `a` and j of `b`. */
export function squaredDistance(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let sum = 0;
  for (let k = 0; k < dim; k++) {
    const diff = a[i * dim + k] - b[j * dim + k];
    sum += diff * diff;
  }
  return sum;
}
