/**
 * The quantities the figures plot for a noise schedule, taken from the DDPM core's own tables
 * (gpu-worker/ddpm) so the lectures show exactly the schedules the worker trains with.
 */
import { signalToNoiseRatio } from "~/gpu-worker/ddpm/losses";
import { makeNoiseSchedule, type NoiseSchedule, type ScheduleName } from "~/gpu-worker/ddpm/schedules";

export const CURVE_NAMES = ["beta", "alphaBar", "snr", "logSnr"] as const;
export type CurveName = (typeof CURVE_NAMES)[number];

export interface CurveDescription {
  /** Axis label and table heading, in Unicode so it reads without math rendering. */
  label: string;
  /** What the curve is, for legends, captions and screen readers. */
  description: string;
  /** Values spanning many orders of magnitude are plotted on a log axis. */
  scale: "linear" | "log";
}

export const CURVES: Record<CurveName, CurveDescription> = {
  beta: { label: "βₜ", description: "noise added at step t", scale: "log" },
  alphaBar: { label: "ᾱₜ", description: "share of the signal's variance left at t", scale: "linear" },
  snr: { label: "SNR(t)", description: "signal-to-noise ratio ᾱₜ / (1 − ᾱₜ)", scale: "log" },
  logSnr: { label: "log-SNR λₜ", description: "natural logarithm of the signal-to-noise ratio", scale: "linear" },
};

/** The value of one curve at timestep t of a schedule. */
export function curveValue(schedule: NoiseSchedule, curve: CurveName, t: number): number {
  switch (curve) {
    case "beta":
      return schedule.betas[t];
    case "alphaBar":
      return schedule.alphasCumprod[t];
    case "snr":
      return signalToNoiseRatio(schedule, t);
    case "logSnr":
      return Math.log(signalToNoiseRatio(schedule, t));
  }
}

/** Schedules are small pure tables; the figures ask for the same few over and over. */
const scheduleCache = new Map<string, NoiseSchedule>();

export function noiseScheduleFor(schedule: ScheduleName, numTrainTimesteps: number): NoiseSchedule {
  const key = `${schedule}/${numTrainTimesteps}`;
  let table = scheduleCache.get(key);
  if (!table) {
    table = makeNoiseSchedule({ schedule, numTrainTimesteps });
    scheduleCache.set(key, table);
  }
  return table;
}

/**
 * Timesteps to draw a curve through: about `maxPoints` evenly spaced, always including 0 and T − 1 (where
 * the cosine schedule's β jumps to its cap), so charts stay light enough to redraw as a slider moves.
 */
export function chartTimesteps(numTrainTimesteps: number, maxPoints = 200): number[] {
  const last = numTrainTimesteps - 1;
  const stride = Math.max(1, Math.ceil(numTrainTimesteps / maxPoints));
  const timesteps: number[] = [];
  for (let t = 0; t < last; t += stride) timesteps.push(t);
  timesteps.push(last);
  return timesteps;
}

/** One chart row per timestep: { t, [series key]: value }, the shape recharts plots. */
export type CurveRow = { t: number } & Record<string, number>;

/** Rows of `curve` for each named schedule at the given timesteps; series are keyed by schedule name. */
export function curveRows(
  curve: CurveName,
  schedules: readonly ScheduleName[],
  numTrainTimesteps: number,
  timesteps: readonly number[],
): CurveRow[] {
  const tables = schedules.map((name) => [name, noiseScheduleFor(name, numTrainTimesteps)] as const);
  return timesteps.map((t) => {
    const row: CurveRow = { t };
    for (const [name, table] of tables) row[name] = curveValue(table, curve, t);
    return row;
  });
}

/** The largest timestep a figure can show; lesson timesteps may be written up to T, one past ᾱ's end. */
export function clampTimestep(t: number, numTrainTimesteps: number): number {
  return Math.min(Math.max(0, t), numTrainTimesteps - 1);
}
