/**
 * The forward process as the figures animate it: one fixed ε per picture or point set, so moving the
 * t slider only changes the mixing weights and the noise grain does not flicker from frame to frame.
 */
import { addNoise } from "~/gpu-worker/ddpm/forward";
import { Rng } from "~/gpu-worker/ddpm/random";
import type { NoiseSchedule } from "~/gpu-worker/ddpm/schedules";

/** Seeds of the figures' fixed noise: every student sees the same picture at the same t. */
export const FIGURE_SEED = 20_251_126;

/** `length` standard normals from a seeded stream: the ε a figure keeps for its whole life. */
export function fixedNoise(seed: number, length: number): Float32Array {
  return new Rng(seed).fillNormal(new Float32Array(length));
}

/** x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε for one x₀ (any length), by the worker's own addNoise. */
export function noisedAt(schedule: NoiseSchedule, x0: Float32Array, noise: Float32Array, t: number): Float32Array {
  return addNoise(schedule, x0, noise, [t], x0.length);
}
