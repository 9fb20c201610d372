/**
 * Noise schedules β_1..β_T and ᾱ_t = ∏(1 − β_s), computed in float32 exactly as Hugging Face diffusers
 * (which builds them with torch in float32). Every intermediate is rounded with Math.fround where
 * torch would hold a float32, so ᾱ reproduces torch.cumprod to the last digit.
 */
import { assertFiniteNumber, assertIntegerInRange, assertOneOf, DdpmConfigError } from "./errors";

export const SCHEDULE_NAMES = ["linear", "scaled_linear", "squaredcos_cap_v2", "sigmoid"] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

export interface NoiseScheduleConfig {
  schedule: ScheduleName;
  numTrainTimesteps: number;
  /** β at t = 0 (linear, scaled_linear, sigmoid). Default 1e-4 as diffusers. */
  betaStart?: number;
  /** β at t = T − 1 (linear, scaled_linear, sigmoid). Default 0.02 as diffusers. */
  betaEnd?: number;
}

export interface NoiseSchedule {
  config: Required<NoiseScheduleConfig>;
  betas: Float32Array;
  /** α_t = 1 − β_t */
  alphas: Float32Array;
  /** ᾱ_t = α_0 · α_1 · … · α_t */
  alphasCumprod: Float32Array;
}

export const DEFAULT_BETA_START = 1e-4;
export const DEFAULT_BETA_END = 0.02;
/** diffusers caps cosine betas at 0.999 so ᾱ never reaches exactly 0. */
const COSINE_MAX_BETA = 0.999;
/** Nichol & Dhariwal's offset s, which keeps β_0 from being vanishingly small. */
const COSINE_OFFSET = 0.008;

const f32 = Math.fround;

/**
 * torch.linspace(start, end, n, dtype=float32): start/end/step are float32 and the first half counts up
 * from `start` while the second half counts down from `end`, so both endpoints are exact.
 */
export function linspaceFloat32(start: number, end: number, n: number): Float32Array {
  const out = new Float32Array(n);
  if (n === 1) {
    out[0] = start;
    return out;
  }
  const start32 = f32(start);
  const end32 = f32(end);
  const step = f32((end32 - start32) / (n - 1));
  const halfway = Math.floor(n / 2);
  for (let i = 0; i < n; i++) {
    out[i] = i < halfway ? f32(start32 + f32(step * i)) : f32(end32 - f32(step * (n - 1 - i)));
  }
  return out;
}

/** Cosine ᾱ(t) of improved DDPM, t ∈ [0, 1]; float64 like diffusers' Python helper. */
function cosineAlphaBar(t: number): number {
  return Math.cos(((t + COSINE_OFFSET) / 1.008) * Math.PI / 2) ** 2;
}

function computeBetas(config: Required<NoiseScheduleConfig>): Float32Array {
  const { schedule, numTrainTimesteps: T, betaStart, betaEnd } = config;
  switch (schedule) {
    case "linear":
      return linspaceFloat32(betaStart, betaEnd, T);
    case "scaled_linear":
      // Latent-diffusion schedule: linear in √β, squared in float32.
      return linspaceFloat32(Math.sqrt(betaStart), Math.sqrt(betaEnd), T).map((b) => f32(b * b));
    case "squaredcos_cap_v2": {
      // β_i = min(1 − ᾱ((i+1)/T) / ᾱ(i/T), 0.999), computed in float64 then stored as float32.
      const betas = new Float32Array(T);
      for (let i = 0; i < T; i++) {
        betas[i] = Math.min(1 - cosineAlphaBar((i + 1) / T) / cosineAlphaBar(i / T), COSINE_MAX_BETA);
      }
      return betas;
    }
    case "sigmoid": {
      // sigmoid(linspace(−6, 6, T)) · (β_end − β_start) + β_start, all float32 tensor ops.
      const range = f32(betaEnd - betaStart);
      const start = f32(betaStart);
      return linspaceFloat32(-6, 6, T).map((x) => f32(f32(f32(1 / (1 + Math.exp(-x))) * range) + start));
    }
  }
}

/** Validates a schedule config and fills in diffusers' defaults. */
export function resolveNoiseScheduleConfig(config: NoiseScheduleConfig): Required<NoiseScheduleConfig> {
  const schedule = assertOneOf("schedule", config.schedule, SCHEDULE_NAMES);
  const numTrainTimesteps = assertIntegerInRange("numTrainTimesteps", config.numTrainTimesteps, 1);
  const betaStart = assertFiniteNumber("betaStart", config.betaStart ?? DEFAULT_BETA_START);
  const betaEnd = assertFiniteNumber("betaEnd", config.betaEnd ?? DEFAULT_BETA_END);
  if (schedule !== "squaredcos_cap_v2") {
    if (betaStart <= 0 || betaEnd >= 1 || betaStart > betaEnd) {
      throw new DdpmConfigError(
        "betaStart",
        `need 0 < betaStart ≤ betaEnd < 1 for the ${schedule} schedule, got betaStart=${betaStart}, betaEnd=${betaEnd}`,
      );
    }
  }
  return { schedule, numTrainTimesteps, betaStart, betaEnd };
}

export function makeNoiseSchedule(config: NoiseScheduleConfig): NoiseSchedule {
  const resolved = resolveNoiseScheduleConfig(config);
  const betas = computeBetas(resolved);
  const alphas = betas.map((b) => f32(1 - b));
  // Sequential float32 product, rounding after every multiply as torch.cumprod(float32) does.
  const alphasCumprod = new Float32Array(alphas.length);
  let product = 1;
  for (let t = 0; t < alphas.length; t++) {
    product = f32(product * alphas[t]);
    alphasCumprod[t] = product;
  }
  return { config: resolved, betas, alphas, alphasCumprod };
}
