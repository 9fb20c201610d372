/**
 * The square frame a 2D scatter plot draws in, shared by the worker's PNG plot and the run page's
 * trajectory animation (so this module stays free of server-only imports).
 */

/** Sets of interleaved [x0, y0, x1, y1, …]; non-finite points are skipped. */
export function scatterBounds(sets: ArrayLike<number>[]) {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const points of sets) {
    for (let i = 0; i < points.length; i += 2) {
      const [x, y] = [points[i], points[i + 1]];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
  }
  // One scale for both axes so shapes keep their aspect ratio; a degenerate set still gets a frame.
  const span = Math.max(maxX - minX, maxY - minY, 1e-6);
  return { minX, minY, span, offsetX: (span - (maxX - minX)) / 2, offsetY: (span - (maxY - minY)) / 2 };
}
