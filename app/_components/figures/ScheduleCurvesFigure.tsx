import type { Figure } from "~/server/lessons";
import { FOCUS_RING } from "../lesson/styles";
import { CurveChart } from "./CurveChart";
import { chartTimesteps, CURVES, curveRows } from "./scheduleCurves";
import { formatQuantity, SCHEDULE_LABELS } from "./scheduleLabels";

export type ScheduleCurvesSpec = Extract<Figure, { kind: "schedule-curves" }>;

/** Rows of the accessible table: every tenth of the way through the schedule, and its last step. */
const TABLE_ROWS = 10;

/**
 * The chosen curves (β, ᾱ, SNR, log-SNR) of the chosen schedules, a chart per curve with a line per
 * schedule, and the same numbers as tables in a <details> for screen readers and for reading off values.
 * Computed on the server; only the charts run in the browser.
 */
export function ScheduleCurvesFigure({ figure }: { figure: ScheduleCurvesSpec }) {
  const T = figure.trainTimesteps;
  const plotted = chartTimesteps(T);
  const tabulated = chartTimesteps(T, TABLE_ROWS);
  return (
    <div className="space-y-[0.75em]">
      <div className="grid grid-cols-[repeat(auto-fit,minmax(15em,1fr))] gap-[1em]" aria-hidden="true">
        {figure.curves.map((curve) => (
          <div key={curve}>
            <p className="text-center text-[0.9em] font-medium">
              {CURVES[curve].label}: {CURVES[curve].description}
            </p>
            <CurveChart curve={curve} rows={curveRows(curve, figure.schedules, T, plotted)} schedules={figure.schedules} numTrainTimesteps={T} />
          </div>
        ))}
      </div>
      <details className="text-[0.85em]">
        <summary className={`cursor-pointer rounded-sm font-medium ${FOCUS_RING}`}>The values as tables</summary>
        {figure.curves.map((curve) => (
          <table key={curve} className="mt-[0.75em] border-collapse tabular-nums">
            <caption className="text-left font-medium">
              {CURVES[curve].label} ({CURVES[curve].description}), T = {T}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="border-b px-[0.5em] text-right">t</th>
                {figure.schedules.map((schedule) => (
                  <th key={schedule} scope="col" className="border-b px-[0.5em] text-right">
                    {SCHEDULE_LABELS[schedule]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {curveRows(curve, figure.schedules, T, tabulated).map((row) => (
                <tr key={row.t}>
                  <th scope="row" className="px-[0.5em] text-right font-normal">{row.t}</th>
                  {figure.schedules.map((schedule) => (
                    <td key={schedule} className="px-[0.5em] text-right">
                      {formatQuantity(row[schedule])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </details>
    </div>
  );
}
