"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * The training loss as the worker reports it, redrawn as new reports stream in. The drawing is hidden
 * from assistive technology (and kept out of the tab order); the caption says what it shows.
 */
export function LossChart({ history }: { history: [number, number][] }) {
  const data = history.map(([step, loss]) => ({ step, loss }));
  const [first, latest] = [history.at(0), history.at(-1)];
  return (
    <figure className="space-y-2">
      <div className="h-64" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} tick={{ fontSize: 12 }} />
            <YAxis scale="log" domain={["auto", "auto"]} tick={{ fontSize: 12 }} width={56} tickFormatter={(value: number) => value.toPrecision(3)} />
            <Tooltip formatter={(value) => Number(value).toFixed(4)} labelFormatter={(step) => `step ${step}`} />
            <Line type="monotone" dataKey="loss" stroke="#4f46e5" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-slate-600">
        Training loss (log scale){first && latest ? `: from ${first[1].toFixed(4)} at step ${first[0]} to ${latest[1].toFixed(4)} at step ${latest[0]}` : ""}.
      </figcaption>
    </figure>
  );
}
