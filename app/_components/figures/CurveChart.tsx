"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ReferenceLine, XAxis, YAxis } from "recharts";
import type { ScheduleName } from "~/gpu-worker/ddpm/schedules";
import { CURVES, type CurveName, type CurveRow } from "./scheduleCurves";
import { formatPowerOfTen, formatQuantity, SCHEDULE_COLORS, SCHEDULE_LABELS } from "./scheduleLabels";

export interface CurveChartProps {
  curve: CurveName;
  /** One row per plotted timestep, one key per schedule (see curveRows). */
  rows: CurveRow[];
  schedules: readonly ScheduleName[];
  numTrainTimesteps: number;
  /** A point to mark, such as the figure's current t on its curve. */
  marker?: { t: number; value: number };
}

/** Tick labels of a log axis: a handful of powers of ten, so a 10-decade SNR axis stays readable. */
const MAX_LOG_TICKS = 6;

/**
 * One schedule quantity (β, ᾱ, SNR or log-SNR) against t, a line per schedule. Sized in em so it scales
 * with the slide's font; drawn as an image for screen readers, which get the numbers from the figure's text.
 */
export function CurveChart({ curve, rows, schedules, numTrainTimesteps, marker }: CurveChartProps) {
  const { label, scale } = CURVES[curve];
  const logTicks = scale === "log" ? powersOfTenSpanning(rows, schedules) : undefined;
  return (
    <LineChart
      responsive
      data={rows}
      // The height is in the chart's own (smaller) em: 15 × 0.75 = about 11 lines of the surrounding text.
      style={{ width: "100%", height: "15em", fontSize: "0.75em" }}
      margin={{ top: 8, right: 16, bottom: 20, left: 8 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="currentColor" strokeOpacity={0.15} />
      <XAxis
        dataKey="t"
        type="number"
        domain={[0, numTrainTimesteps - 1]}
        ticks={[0, Math.round((numTrainTimesteps - 1) / 2), numTrainTimesteps - 1]}
        stroke="currentColor"
        label={{ value: "timestep t", position: "insideBottom", offset: -12, fill: "currentColor" }}
      />
      <YAxis
        width="auto"
        stroke="currentColor"
        scale={scale}
        domain={logTicks ? [logTicks[0], logTicks[logTicks.length - 1]] : ["auto", "auto"]}
        ticks={logTicks}
        allowDataOverflow={scale === "log"}
        tickFormatter={scale === "log" ? (value: number) => formatPowerOfTen(Math.round(Math.log10(value))) : formatQuantity}
        label={{ value: label, angle: -90, position: "insideLeft", fill: "currentColor", style: { textAnchor: "middle" } }}
      />
      {schedules.map((schedule) => (
        <Line
          key={schedule}
          dataKey={schedule}
          name={SCHEDULE_LABELS[schedule]}
          stroke={SCHEDULE_COLORS[schedule]}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      ))}
      {schedules.length > 1 ? <Legend verticalAlign="top" height={24} /> : null}
      {marker ? (
        <>
          <ReferenceLine x={marker.t} stroke="currentColor" strokeDasharray="4 3" />
          <ReferenceDot x={marker.t} y={marker.value} r={5} fill={SCHEDULE_COLORS[schedules[0]]} stroke="white" />
        </>
      ) : null}
    </LineChart>
  );
}

/**
 * Evenly spaced powers of ten (at most MAX_LOG_TICKS) from just below the smallest positive value to at
 * or above the largest; the first and last are the axis's ends.
 */
function powersOfTenSpanning(rows: CurveRow[], schedules: readonly ScheduleName[]): number[] {
  const values = rows.flatMap((row) => schedules.map((schedule) => row[schedule])).filter((value) => value > 0);
  const lowest = Math.floor(Math.log10(Math.min(...values)));
  const highest = Math.ceil(Math.log10(Math.max(...values)));
  const stride = Math.max(1, Math.ceil((highest - lowest) / (MAX_LOG_TICKS - 1)));
  const exponents = [lowest];
  while (exponents[exponents.length - 1] < highest) exponents.push(exponents[exponents.length - 1] + stride);
  return exponents.map((exponent) => 10 ** exponent);
}
