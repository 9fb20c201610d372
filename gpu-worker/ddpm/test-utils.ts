/** Assertions shared by the DDPM core's tests. */
import { expect } from "vitest";

/**
 * Element-wise |actual − expected| ≤ relative·|expected| + absolute. The default relative tolerance
 * (1e-6) is ~16 float32 ulps; the absolute floor covers expected values at or near zero.
 */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { relative = 1e-6, absolute = 1e-7 }: { relative?: number; absolute?: number } = {},
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = relative * Math.abs(expected[i]) + absolute;
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      expect.fail(`element ${i}: got ${actual[i]}, expected ${expected[i]} (±${tolerance.toExponential(2)})`);
    }
  }
}
