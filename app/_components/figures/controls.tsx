/** Form controls the interactive figures share; rendered inside their client components. */
import { useId } from "react";
import { SCHEDULE_NAMES, type ScheduleName } from "~/gpu-worker/ddpm/schedules";
import { FOCUS_RING } from "../lesson/styles";
import { SCHEDULE_LABELS } from "./scheduleLabels";

export const FIGURE_BUTTON =
  `rounded-md border border-zinc-300 px-[0.6em] py-[0.2em] text-[0.85em] hover:bg-zinc-100 aria-pressed:border-blue-700 ` +
  `aria-pressed:bg-blue-50 dark:border-zinc-600 dark:hover:bg-zinc-800 dark:aria-pressed:bg-blue-950 ${FOCUS_RING}`;

export interface RangeSliderProps {
  label: string;
  value: number;
  min?: number;
  max: number;
  onChange: (value: number) => void;
  /** What a screen reader announces instead of the bare number, e.g. "t = 250, ᾱ = 0.41". */
  valueText: string;
}

/** A native range input with its label and value, so arrow keys, Page Up/Down, Home and End all work. */
export function RangeSlider({ label, value, min = 0, max, onChange, valueText }: RangeSliderProps) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-x-[0.75em] gap-y-[0.25em]">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
        aria-valuetext={valueText}
        className={`min-w-[8em] flex-1 accent-blue-700 ${FOCUS_RING}`}
      />
      <output htmlFor={id} className="min-w-[11em] text-[0.9em] tabular-nums" aria-hidden="true">
        {valueText}
      </output>
    </div>
  );
}

export interface ScheduleSelectProps {
  value: ScheduleName;
  onChange: (schedule: ScheduleName) => void;
}

/** Chooses one of the DDPM core's four noise schedules. */
export function ScheduleSelect({ value, onChange }: ScheduleSelectProps) {
  const id = useId();
  return (
    <div className="flex items-center gap-[0.5em]">
      <label htmlFor={id} className="font-medium">
        Noise schedule
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as ScheduleName)}
        className={`rounded-md border border-zinc-300 bg-white px-[0.4em] py-[0.15em] dark:border-zinc-600 dark:bg-zinc-900 ${FOCUS_RING}`}
      >
        {SCHEDULE_NAMES.map((schedule) => (
          <option key={schedule} value={schedule}>
            {SCHEDULE_LABELS[schedule]}
          </option>
        ))}
      </select>
    </div>
  );
}
