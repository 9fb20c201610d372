"use client";

import { useState } from "react";
import { normalizeToy2d, denormalizeToy2d, sampleToy2d } from "~/gpu-worker/data/toy2d";
import { Rng } from "~/gpu-worker/ddpm/random";
import { DDPMScheduler } from "~/gpu-worker/ddpm/schedulers/ddpm";
import { chamferDistance } from "~/gpu-worker/metrics/chamfer";
import type { Playground } from "~/server/labs/schema";
import { ScatterCanvas } from "../figures/ScatterCanvas";
import { loadDenoiser, type Denoiser } from "./denoiser";
import { useLabWorkspace } from "./LabWorkspace";
import { callForNumbers, loadForPlayground, PlaygroundError } from "./run-student";

type SamplerSpec = Extract<Playground, { kind: "sampler" }>;

const POINTS = 1000;
const SAMPLE_SEED = 2026;
const SAMPLE_COLOR = "#0072B2";
const SAMPLERS = [
  { id: "ddpm-100", label: "DDPM, 100 steps", step: "ddpm", steps: 100 },
  { id: "ddpm-1000", label: "DDPM, 1000 steps", step: "ddpm", steps: 1000 },
  { id: "ddim-50", label: "DDIM, 50 steps", step: "ddim", steps: 50 },
] as const;
/** How often the picture is redrawn while sampling. */
const PROGRESS_EVERY = 10;

type Result = { samples: Float32Array; reference: Float32Array; chamfer: number; sampler: string };

/** One loaded model per page: sampling again reuses it. */
const denoisers = new Map<string, Promise<Denoiser>>();

/** Sampling with the student's step function: the network predicts ε̂, their code takes the step, over the whole timestep table. */
export function SamplerPlayground({ playground }: { playground: SamplerSpec }) {
  const { sandbox, allCode } = useLabWorkspace();
  const [samplerId, setSamplerId] = useState<(typeof SAMPLERS)[number]["id"]>("ddpm-100");
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const choices = SAMPLERS.filter((sampler) => sampler.step === "ddpm" || playground.ddimStep);

  async function sample() {
    const sampler = SAMPLERS.find((s) => s.id === samplerId)!;
    setBusy(true);
    setError(null);
    try {
      setStatus("Loading the denoiser…");
      if (!denoisers.has(playground.model)) denoisers.set(playground.model, loadDenoiser(playground.model));
      const denoiser = await denoisers.get(playground.model)!.catch((cause: unknown) => {
        denoisers.delete(playground.model);
        throw new PlaygroundError(`Could not load the denoiser: ${cause instanceof Error ? cause.message : String(cause)}`);
      });
      await loadForPlayground(allCode(), sandbox);

      const scheduler = new DDPMScheduler({ clipSample: false });
      const timesteps = scheduler.setTimesteps(sampler.steps);
      const alphaBars = Array.from(scheduler.schedule.alphasCumprod);
      const rng = new Rng(SAMPLE_SEED);
      let x = rng.fillNormal(new Float32Array(2 * POINTS));
      const fn = sampler.step === "ddpm" ? playground.ddpmStep : playground.ddimStep!;
      for (const [index, t] of timesteps.entries()) {
        const epsilon = Array.from(await denoiser.predict(x, t));
        const prevT = scheduler.previousTimestep(t);
        const args = sampler.step === "ddpm" ? [epsilon, t, prevT, Array.from(x), Array.from(rng.fillNormal(new Float32Array(2 * POINTS))), alphaBars] : [epsilon, t, prevT, Array.from(x), alphaBars];
        x = Float32Array.from(await callForNumbers(sandbox, `${fn}(…, t = ${t}, prevT = ${prevT}, …)`, fn, args, 2 * POINTS));
        if (index % PROGRESS_EVERY === 0) setStatus(`Step ${index + 1} of ${timesteps.length} (t = ${t})…`);
      }

      const data = sampleToy2d("swiss_roll", POINTS, new Rng(SAMPLE_SEED + 1));
      const reference = normalizeToy2d(denormalizeToy2d(data.points, data), denoiser.normalization);
      setResult({ samples: x, reference, chamfer: chamferDistance(x, reference).value, sampler: sampler.label });
      setStatus("");
    } catch (caught) {
      if (!(caught instanceof PlaygroundError)) throw caught;
      setError(caught.message);
      setStatus("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Sampler</span>
          <select value={samplerId} onChange={(event) => setSamplerId(event.target.value as typeof samplerId)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {choices.map((sampler) => (
              <option key={sampler.id} value={sampler.id}>{sampler.label}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void sample()} disabled={busy} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:cursor-wait disabled:opacity-60">
          {busy ? "Sampling…" : `Sample ${POINTS} points with my step`}
        </button>
      </div>
      <div aria-live="polite" className="text-sm">
        {status ? <p className="text-slate-600">{status}</p> : null}
        {error ? <p role="alert" className="font-mono text-red-800">{error}</p> : null}
        {result && !busy ? (
          <p data-testid="lab-chamfer">
            Chamfer distance of your {POINTS} samples ({result.sampler}) to {POINTS} data points: <strong className="tabular-nums">{result.chamfer.toFixed(2)}</strong>
            {" "}(normalized coordinates; the worker&apos;s own DDPM with 100 steps scores about 4).
          </p>
        ) : null}
      </div>
      {result ? (
        <div className="max-w-md" data-testid="lab-samples">
          <ScatterCanvas
            points={result.samples}
            colors={SAMPLE_COLOR}
            backdrop={result.reference}
            label={`${POINTS} samples from your ${result.sampler} sampler in blue over ${POINTS} swiss-roll data points in grey; Chamfer distance ${result.chamfer.toFixed(2)}.`}
          />
        </div>
      ) : null}
    </div>
  );
}
