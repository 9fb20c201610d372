"use client";

import { useMemo, useState } from "react";
import type { Figure } from "~/server/lessons";
import { CurveChart } from "./CurveChart";
import { FIGURE_BUTTON, RangeSlider, ScheduleSelect } from "./controls";
import { DEFAULT_SAMPLE_IMAGE, isSampleImageName, SAMPLE_IMAGE_LABELS, SAMPLE_IMAGE_SIZE } from "./fashionMnistSamples";
import { FIGURE_SEED, fixedNoise } from "./noising";
import { NoisedImageCanvas } from "./NoisedImageCanvas";
import { useSampleImage } from "./sampleImage";
import { chartTimesteps, clampTimestep, curveRows, curveValue, noiseScheduleFor } from "./scheduleCurves";
import { formatQuantity, SCHEDULE_LABELS } from "./scheduleLabels";

export type ForwardProcessImageSpec = Extract<Figure, { kind: "forward-process-image" }>;

/**
 * A Fashion-MNIST image noised to x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε with one fixed ε, a t slider, the lesson's
 * timesteps as thumbnails, a schedule chooser and the ᾱ_t and SNR curves with the current t marked.
 */
export function ForwardProcessImageFigure({ figure }: { figure: ForwardProcessImageSpec }) {
  const T = figure.trainTimesteps;
  const lessonTimesteps = [...new Set(figure.timesteps.map((t) => clampTimestep(t, T)))];
  const imageName = figure.image !== undefined && isSampleImageName(figure.image) ? figure.image : DEFAULT_SAMPLE_IMAGE;

  const [scheduleName, setScheduleName] = useState(figure.schedule);
  const [t, setT] = useState(lessonTimesteps[Math.floor(lessonTimesteps.length / 2)]);
  const image = useSampleImage(imageName);
  const noise = useMemo(() => fixedNoise(FIGURE_SEED, SAMPLE_IMAGE_SIZE * SAMPLE_IMAGE_SIZE), []);

  const schedule = noiseScheduleFor(scheduleName, T);
  const alphaBar = curveValue(schedule, "alphaBar", t);
  const snr = curveValue(schedule, "snr", t);
  const [alphaBarRows, snrRows] = useMemo(() => {
    const timesteps = chartTimesteps(T);
    return [curveRows("alphaBar", [scheduleName], T, timesteps), curveRows("snr", [scheduleName], T, timesteps)];
  }, [scheduleName, T]);

  const imageLabel = SAMPLE_IMAGE_LABELS[imageName];
  const mixture = `x_t = ${Math.sqrt(alphaBar).toFixed(2)}·x₀ + ${Math.sqrt(1 - alphaBar).toFixed(2)}·ε`;

  return (
    <div className="space-y-[0.75em]">
      {figure.image !== undefined && !isSampleImageName(figure.image) ? (
        <p role="note" className="text-[0.85em] text-red-700 dark:text-red-400">
          Unknown sample image “{figure.image}”; showing the {imageLabel}.
        </p>
      ) : null}
      <div className="flex flex-wrap items-start gap-[1em]">
        <NoisedImageCanvas
          image={image}
          noise={noise}
          schedule={schedule}
          t={t}
          className="w-[9em] rounded-md"
          label={`A Fashion-MNIST ${imageLabel} at t = ${t} of ${T - 1}: ${mixture}, so ${Math.round(100 * alphaBar)}% of its variance is signal.`}
        />
        <div className="grid min-w-[14em] flex-1 grid-cols-[repeat(auto-fit,minmax(13em,1fr))] gap-[0.5em]" aria-hidden="true">
          <CurveChart curve="alphaBar" rows={alphaBarRows} schedules={[scheduleName]} numTrainTimesteps={T} marker={{ t, value: alphaBar }} />
          <CurveChart curve="snr" rows={snrRows} schedules={[scheduleName]} numTrainTimesteps={T} marker={{ t, value: snr }} />
        </div>
      </div>

      <RangeSlider
        label="Timestep t"
        value={t}
        max={T - 1}
        onChange={setT}
        valueText={`t = ${t}, ᾱ = ${formatQuantity(alphaBar)}`}
      />
      <div className="flex flex-wrap items-center gap-x-[1.5em] gap-y-[0.5em]">
        <ScheduleSelect value={scheduleName} onChange={setScheduleName} />
        <p className="text-[0.9em] tabular-nums" data-testid="forward-process-readout">
          {mixture} · SNR = {formatQuantity(snr)}
        </p>
      </div>

      <ul aria-label="The lesson's timesteps" className="flex flex-wrap gap-[0.5em]">
        {lessonTimesteps.map((step) => (
          <li key={step}>
            <button type="button" className={`${FIGURE_BUTTON} flex flex-col items-center gap-[0.2em]`} aria-pressed={step === t} onClick={() => setT(step)}>
              <NoisedImageCanvas image={image} noise={noise} schedule={schedule} t={step} className="w-[3.5em]" />
              <span className="tabular-nums">t = {step}</span>
            </button>
          </li>
        ))}
      </ul>

      <p className="sr-only">
        The image is mixed with one fixed sample of Gaussian noise ε by the {SCHEDULE_LABELS[scheduleName]} schedule over
        T = {T} steps. Two charts, not read out, plot ᾱ_t and the signal-to-noise ratio (on a log scale) against t
        with the current t marked; the slider announces ᾱ_t.
      </p>
    </div>
  );
}
