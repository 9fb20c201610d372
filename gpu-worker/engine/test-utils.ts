/** Helpers shared by the engine's tests: random tensors and the gradient-comparison tolerance. */
import { expectAllClose } from "../ddpm/test-utils";
import type { Rng } from "../ddpm/random";

export function randomNormal(rng: Rng, size: number, scale = 1): Float32Array {
  return rng.fillNormal(new Float32Array(size)).map((v) => v * scale);
}

/**
 * Compiled vs reference within 1e-4 relative: each element within 1e-4·|expected| plus 1e-4 of the
 * tensor's largest magnitude (so entries near zero are judged on the tensor's scale, not their own).
 */
export function expectRelativelyClose(actual: ArrayLike<number>, expected: ArrayLike<number>, relative = 1e-4): void {
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  expectAllClose(actual, expected, { relative, absolute: relative * scale });
}
