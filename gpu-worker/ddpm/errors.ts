/**
 * Errors raised by the DDPM core. Every message names the offending field (or tensor) and what
 * would have been accepted, so a student reading a failed job knows what to change.
 */
export class DdpmConfigError extends Error {
  /** The config field, CLI flag or tensor name at fault, e.g. "schedule" or "modelOutput". */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "DdpmConfigError";
    this.field = field;
  }
}

/** Throws a DdpmConfigError naming `field` unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new DdpmConfigError(field, `unknown value ${JSON.stringify(value)}; valid values are ${allowed.join(", ")}`);
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertIntegerInRange(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new DdpmConfigError(field, `must be ${range}, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is a finite number. */
export function assertFiniteNumber(field: string, value: number): number {
  if (!Number.isFinite(value)) throw new DdpmConfigError(field, `must be a finite number, got ${value}`);
  return value;
}

/**
 * Throws if any element of `tensor` is NaN or ±Infinity, naming the tensor and the first bad index,
 * so a diverged model fails loudly instead of silently producing NaN samples.
 */
export function assertFiniteTensor(name: string, tensor: ArrayLike<number>): void {
  for (let i = 0; i < tensor.length; i++) {
    if (!Number.isFinite(tensor[i])) {
      throw new DdpmConfigError(name, `contains ${tensor[i]} at index ${i} (of ${tensor.length}); inputs must be finite`);
    }
  }
}
