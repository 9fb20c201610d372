/** How the figures name and colour the DDPM core's schedules. */
import type { ScheduleName } from "~/gpu-worker/ddpm/schedules";

export const SCHEDULE_LABELS: Record<ScheduleName, string> = {
  linear: "Linear",
  scaled_linear: "Scaled linear",
  squaredcos_cap_v2: "Cosine",
  sigmoid: "Sigmoid",
};

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, on light and dark. */
export const SCHEDULE_COLORS: Record<ScheduleName, string> = {
  linear: "#0072B2",
  scaled_linear: "#E69F00",
  squaredcos_cap_v2: "#009E73",
  sigmoid: "#CC79A7",
};

const SUPERSCRIPT_DIGITS: Record<string, string> = {
  "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
};

/** 10 to an integer power as plain text: −3 → "10⁻³", for log-axis ticks and small readouts. */
export function formatPowerOfTen(exponent: number): string {
  return `10${String(exponent).replace(/./g, (character) => SUPERSCRIPT_DIGITS[character])}`;
}

/**
 * ᾱ and SNR readouts to two significant digits, which tells neighbouring lesson timesteps apart; ᾱ just
 * below 1 gets four, so the first steps do not read as a noiseless 1.0.
 */
export function formatQuantity(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return "0";
  if (magnitude >= 100) return String(Math.round(value));
  if (magnitude >= 0.99 && magnitude < 1) return value.toPrecision(4);
  if (magnitude >= 0.01) return value.toPrecision(2);
  const [mantissa, exponent] = value.toExponential(1).split("e");
  return `${mantissa}×${formatPowerOfTen(Number(exponent))}`;
}
