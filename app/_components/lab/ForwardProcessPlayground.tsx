"use client";

import { useMemo, useState } from "react";
import type { NoiseSchedule } from "~/gpu-worker/ddpm/schedules";
import type { Playground } from "~/server/labs/schema";
import { RangeSlider } from "../figures/controls";
import { FIGURE_SEED, fixedNoise } from "../figures/noising";
import { NoisedImageCanvas } from "../figures/NoisedImageCanvas";
import { SAMPLE_IMAGE_SIZE } from "../figures/fashionMnistSamples";
import { useSampleImage } from "../figures/sampleImage";
import { useLabWorkspace } from "./LabWorkspace";
import { callForNumbers, loadForPlayground, PlaygroundError } from "./run-student";

const T = 1000;
const [BETA_START, BETA_END] = [1e-4, 0.02];
const PLAY_BUTTON = "rounded-md border border-indigo-300 bg-white px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-50 disabled:opacity-60";

/** The forward-process figure with the student's β and ᾱ in place of the core's. */
export function ForwardProcessPlayground({ playground }: { playground: Extract<Playground, { kind: "forward-process" }> }) {
  const { sandbox, allCode } = useLabWorkspace();
  const [schedule, setSchedule] = useState<NoiseSchedule | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [t, setT] = useState(300);
  const image = useSampleImage("sneaker");
  const noise = useMemo(() => fixedNoise(FIGURE_SEED, SAMPLE_IMAGE_SIZE * SAMPLE_IMAGE_SIZE), []);

  async function draw() {
    setBusy(true);
    setError(null);
    try {
      await loadForPlayground(allCode(), sandbox);
      const betas = await callForNumbers(sandbox, `${playground.betas}(${T}, ${BETA_START}, ${BETA_END})`, playground.betas, [T, BETA_START, BETA_END], T);
      const alphaBars = await callForNumbers(sandbox, `${playground.alphaBar}(your β)`, playground.alphaBar, [betas], T);
      const outOfRange = alphaBars.findIndex((value) => !(value > 0 && value <= 1));
      if (outOfRange >= 0) throw new PlaygroundError(`ᾱ[${outOfRange}] is ${alphaBars[outOfRange]}; every ᾱ must lie in (0, 1].`);
      setSchedule({
        config: { schedule: "linear", numTrainTimesteps: T, betaStart: BETA_START, betaEnd: BETA_END },
        betas: Float32Array.from(betas),
        alphas: Float32Array.from(betas, (beta) => 1 - beta),
        alphasCumprod: Float32Array.from(alphaBars),
      });
    } catch (caught) {
      if (!(caught instanceof PlaygroundError)) throw caught;
      setSchedule(null);
      setError(caught.message);
    } finally {
      setBusy(false);
    }
  }

  const alphaBar = schedule?.alphasCumprod[t];
  return (
    <div className="space-y-3">
      <button type="button" className={PLAY_BUTTON} onClick={() => void draw()} disabled={busy}>
        {busy ? "Running your code…" : schedule ? "Redraw with my current code" : "Draw with my schedule"}
      </button>
      <div aria-live="polite">
        {error ? <p role="alert" className="font-mono text-sm text-red-800">{error}</p> : null}
      </div>
      {schedule && alphaBar !== undefined ? (
        <div className="flex flex-wrap items-start gap-4" data-testid="student-forward-process">
          <NoisedImageCanvas
            image={image}
            noise={noise}
            schedule={schedule}
            t={t}
            className="w-40 rounded-md"
            label={`A sneaker at t = ${t} under your schedule: ᾱ = ${alphaBar.toFixed(4)}.`}
          />
          <div className="min-w-[14rem] flex-1 space-y-2">
            <RangeSlider label="Timestep t" value={t} max={T - 1} onChange={setT} valueText={`t = ${t}, your ᾱ = ${alphaBar.toFixed(4)}`} />
            <p className="text-sm tabular-nums" data-testid="student-alpha-bar">
              Your ᾱ at t = {t}: {alphaBar.toFixed(4)} — x_t = {Math.sqrt(alphaBar).toFixed(3)}·x₀ + {Math.sqrt(1 - alphaBar).toFixed(3)}·ε
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
