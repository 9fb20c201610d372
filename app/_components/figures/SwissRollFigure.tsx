"use client";

import { useEffect, useMemo, useState } from "react";
import { denormalizeToy2d, sampleToy2d, type Toy2dDataset } from "~/gpu-worker/data/toy2d";
import { Rng } from "~/gpu-worker/ddpm/random";
import type { NoiseSchedule, ScheduleName } from "~/gpu-worker/ddpm/schedules";
import type { Figure } from "~/server/lessons";
import { FIGURE_BUTTON, RangeSlider, ScheduleSelect } from "./controls";
import { idealDdimFrames, type DdimFrame } from "./idealDenoiser";
import { FIGURE_SEED, fixedNoise, noisedAt } from "./noising";
import { ScatterCanvas } from "./ScatterCanvas";
import { clampTimestep, curveValue, noiseScheduleFor } from "./scheduleCurves";
import { formatQuantity } from "./scheduleLabels";

export type SwissRollNoisingSpec = Extract<Figure, { kind: "swiss-roll-noising" }>;

/** Enough steps for a smooth animation; each costs (samples × data points) distance evaluations. */
const DDIM_STEPS = 50;
/** Reverse samples beyond this would make each step too slow to compute while the page stays responsive. */
const MAX_REVERSE_SAMPLES = 1000;
const PLAY_FRAME_MS = 90;
const SAMPLE_COLOR = "#0072B2";
const NO_POINTS = new Float32Array(0);

const PANEL = "flex flex-col gap-[0.5em] rounded-lg border border-zinc-200 p-[0.75em] dark:border-zinc-700";
const PANEL_HEADING = "text-[1em] font-semibold";

/**
 * The swiss roll (sampleToy2d, fixed seed) noised to any t, and generated back from noise by DDIM with the
 * ideal denoiser of the same points, each direction in its own panel under one schedule chooser.
 */
export function SwissRollFigure({ figure }: { figure: SwissRollNoisingSpec }) {
  const [scheduleName, setScheduleName] = useState(figure.schedule);
  const dataset = useMemo(() => sampleToy2d("swiss_roll", figure.points, new Rng(FIGURE_SEED)), [figure.points]);
  const schedule = noiseScheduleFor(scheduleName, figure.trainTimesteps);
  return (
    <div className="space-y-[0.75em]">
      <ScheduleSelect value={scheduleName} onChange={setScheduleName} />
      <div className="grid grid-cols-[repeat(auto-fit,minmax(14em,1fr))] gap-[1em]">
        {figure.direction !== "reverse" ? <ForwardPanel dataset={dataset} schedule={schedule} timesteps={figure.timesteps} /> : null}
        {figure.direction !== "forward" ? <ReversePanel dataset={dataset} schedule={schedule} /> : null}
      </div>
    </div>
  );
}

interface ForwardPanelProps {
  dataset: Toy2dDataset;
  schedule: NoiseSchedule;
  timesteps: number[];
}

function ForwardPanel({ dataset, schedule, timesteps }: ForwardPanelProps) {
  const T = schedule.config.numTrainTimesteps;
  const lessonTimesteps = [...new Set(timesteps.map((t) => clampTimestep(t, T)))];
  const [t, setT] = useState(lessonTimesteps[Math.floor(lessonTimesteps.length / 2)]);
  const noise = useMemo(() => fixedNoise(FIGURE_SEED + 1, dataset.points.length), [dataset]);
  const colors = useMemo(() => spiralColors(dataset), [dataset]);
  const noised = useMemo(() => noisedAt(schedule, dataset.points, noise, t), [schedule, dataset, noise, t]);
  const alphaBar = curveValue(schedule, "alphaBar", t);

  return (
    <section className={PANEL} aria-label="Forward process">
      <h3 className={PANEL_HEADING}>Forward: noising</h3>
      <ScatterCanvas
        points={noised}
        colors={colors}
        label={`${dataset.count} swiss-roll points at t = ${t}: each is ${Math.sqrt(alphaBar).toFixed(2)} times its clean position plus ${Math.sqrt(1 - alphaBar).toFixed(2)} times its own fixed Gaussian noise.`}
      />
      <RangeSlider label="Timestep t" value={t} max={T - 1} onChange={setT} valueText={`t = ${t}, ᾱ = ${formatQuantity(alphaBar)}`} />
      <ul aria-label="The lesson's timesteps" className="flex flex-wrap gap-[0.4em]">
        {lessonTimesteps.map((step) => (
          <li key={step}>
            <button type="button" className={FIGURE_BUTTON} aria-pressed={step === t} onClick={() => setT(step)}>
              t = {step}
            </button>
          </li>
        ))}
      </ul>
      <p className="text-[0.85em] text-zinc-600 dark:text-zinc-400">
        Colour follows each point’s place along the spiral, so you can see where it drifts.
      </p>
    </section>
  );
}

interface ReversePanelProps {
  dataset: Toy2dDataset;
  schedule: NoiseSchedule;
}

function ReversePanel({ dataset, schedule }: ReversePanelProps) {
  const frames = useIdealDdimFrames(dataset, schedule);
  const steps = ddimStepCount(schedule);
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const lastReady = Math.max(0, frames.length - 1);
  const shownStep = Math.min(step, lastReady);
  const frame: DdimFrame | undefined = frames[shownStep];

  useEffect(() => {
    if (!playing) return;
    if (step >= steps) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- play stops at the last step; tests/e2e/figures.spec.ts plays it through
      setPlaying(false);
      return;
    }
    // While the next frame is still being computed this sets the same step, and the effect waits for it.
    const timer = window.setTimeout(() => setStep(Math.min(step + 1, lastReady)), PLAY_FRAME_MS);
    return () => window.clearTimeout(timer);
  }, [playing, step, steps, lastReady]);

  function togglePlaying() {
    if (!playing && step >= steps) setStep(0);
    setPlaying(!playing);
  }

  const where = frame === undefined ? "" : frame.t < 0 ? "the generated x₀" : `x at t = ${frame.t}`;
  return (
    <section className={PANEL} aria-label="Reverse process">
      <h3 className={PANEL_HEADING}>Reverse: DDIM with the ideal denoiser</h3>
      <ScatterCanvas
        points={frame?.sample ?? NO_POINTS}
        colors={SAMPLE_COLOR}
        backdrop={dataset.points}
        label={`${frame ? frame.sample.length / 2 : 0} samples after ${shownStep} of ${steps} DDIM steps (${where}), over the swiss roll drawn in grey.`}
      />
      <RangeSlider label="DDIM step" value={shownStep} max={steps} onChange={setStep} valueText={`step ${shownStep} of ${steps}: ${where}`} />
      <div className="flex flex-wrap items-center gap-[0.75em]">
        <button type="button" className={FIGURE_BUTTON} onClick={togglePlaying} disabled={frames.length === 0}>
          {playing ? "Pause" : "Play"}
        </button>
        {frames.length <= steps ? (
          <span className="text-[0.85em] text-zinc-600 dark:text-zinc-400">
            Computing step {frames.length} of {steps}…
          </span>
        ) : null}
      </div>
      <p className="text-[0.85em] text-zinc-600 dark:text-zinc-400">
        No network here: each step uses the ideal denoiser of the grey points, x̂₀ = E[x₀ | x_t], a
        softmax-weighted mean of the data points. It pulls the cloud back onto the spiral. A trained network
        is smoother than this ideal: it learns the spiral rather than these thousand points, which is why
        it makes new points along the curve instead of copies of the grey ones.
      </p>
    </section>
  );
}

/**
 * The DDIM frames from fixed noise to x₀, computed a step per task so the page stays responsive, and
 * kept per schedule so switching back and forth does not compute a trajectory twice.
 */
function useIdealDdimFrames(dataset: Toy2dDataset, schedule: NoiseSchedule): DdimFrame[] {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new dataset starts a new cache
  const trajectories = useMemo(() => new Map<ScheduleName, { frames: DdimFrame[]; remaining: Iterator<DdimFrame> }>(), [dataset]);
  const [frames, setFrames] = useState<DdimFrame[]>([]);
  useEffect(() => {
    const { schedule: name, numTrainTimesteps } = schedule.config;
    let trajectory = trajectories.get(name);
    if (!trajectory) {
      const sampleCount = Math.min(dataset.count, MAX_REVERSE_SAMPLES);
      const remaining = idealDdimFrames(dataset.points, {
        schedule: name,
        numTrainTimesteps,
        numInferenceSteps: ddimStepCount(schedule),
        startNoise: fixedNoise(FIGURE_SEED + 2, 2 * sampleCount),
        featureSize: 2,
      });
      trajectory = { frames: [], remaining };
      // eslint-disable-next-line react-hooks/immutability -- a per-dataset cache of computed frames, not render state
      trajectories.set(name, trajectory);
    }
    const { frames: computed, remaining } = trajectory;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- shows the frames already kept for this schedule at once
    setFrames([...computed]);
    let timer: number | undefined;
    const computeNextFrame = () => {
      const next = remaining.next();
      if (next.done) return;
      computed.push(next.value);
      setFrames([...computed]);
      timer = window.setTimeout(computeNextFrame, 0);
    };
    timer = window.setTimeout(computeNextFrame, 0);
    return () => window.clearTimeout(timer);
  }, [dataset, schedule, trajectories]);
  return frames;
}

/** DDIM_STEPS, unless the schedule has fewer timesteps than that. */
function ddimStepCount(schedule: NoiseSchedule): number {
  return Math.min(DDIM_STEPS, schedule.config.numTrainTimesteps);
}

/** A colour per data point from its angle along the spiral (its radius in raw coordinates), blue inside to orange outside. */
function spiralColors(dataset: Toy2dDataset): string[] {
  const raw = denormalizeToy2d(dataset.points, dataset);
  const radii = Array.from({ length: dataset.count }, (_, i) => Math.hypot(raw[2 * i], raw[2 * i + 1]));
  const smallest = Math.min(...radii);
  const largest = Math.max(...radii);
  return radii.map((radius) => `hsl(${Math.round(220 - (190 * (radius - smallest)) / (largest - smallest))} 80% 45%)`);
}
