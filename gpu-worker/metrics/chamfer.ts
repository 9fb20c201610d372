/**
 * Chamfer distance as the course assignment defines it: the SUM (not the mean) over both directions
 * of squared nearest-neighbour distances,
 *   CD(G, R) = Σ_{g∈G} min_{r∈R} ‖g − r‖² + Σ_{r∈R} min_{g∈G} ‖r − g‖².
 * Because it is a sum it grows with the sample counts, so they are returned with the value; the
 * assignment compares 2048 generated against 2048 reference points (full marks below 20).
 */
import { pointCount, squaredDistance } from "./pointSets";

export interface ChamferResult {
  value: number;
  generatedCount: number;
  referenceCount: number;
}

/** Exact O(|G|·|R|) Chamfer distance between two flat point sets of dimension `dim` (default 2). */
export function chamferDistance(generated: Float32Array, reference: Float32Array, dim = 2): ChamferResult {
  const generatedCount = pointCount("generated", generated, dim);
  const referenceCount = pointCount("reference", reference, dim);
  // One pass over all pairs finds each generated point's nearest reference point and updates every
  // reference point's nearest generated point on the way.
  const nearestToReference = new Float64Array(referenceCount).fill(Infinity);
  let value = 0;
  for (let g = 0; g < generatedCount; g++) {
    let nearest = Infinity;
    for (let r = 0; r < referenceCount; r++) {
      const d = squaredDistance(generated, g, reference, r, dim);
      if (d < nearest) nearest = d;
      if (d < nearestToReference[r]) nearestToReference[r] = d;
    }
    value += nearest;
  }
  for (const d of nearestToReference) value += d;
  return { value, generatedCount, referenceCount };
}
