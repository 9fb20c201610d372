"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { IMAGE_GRID_SAMPLES, SAMPLERS, sampleConfigSchema } from "~/gpu-worker/contracts/jobs";
import { FormAlert, TextField } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { fieldErrors, numberOrBlank } from "../config-form";
import { SelectField } from "../SelectField";

const DEFAULTS = sampleConfigSchema.parse({});

/** Queues sampling from a finished training run: a number of 2D points, or an image model's grid. */
export function SampleForm({ courseId, courseSlug, sourceJobId, imageModel = false }: { courseId: string; courseSlug: string; sourceJobId: string; imageModel?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [sampler, setSampler] = useState(DEFAULTS.sampler);
  const [steps, setSteps] = useState(String(DEFAULTS.steps));
  const [count, setCount] = useState(String(imageModel ? IMAGE_GRID_SAMPLES : DEFAULTS.count));
  const createSample = useMutation(trpc.job.createSample.mutationOptions());
  const parsed = sampleConfigSchema.safeParse({ sampler, steps: numberOrBlank(steps), count: numberOrBlank(count) });
  const errors = fieldErrors(parsed, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!parsed.success) return;
    const { id } = await createSample.mutateAsync({ courseId, sourceJobId, config: parsed.data });
    router.push(`/courses/${courseSlug}/runs/${id}`);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="sample-heading" className="space-y-3">
      <h3 id="sample-heading" className="font-medium">Sample from this model</h3>
      {createSample.isError && <FormAlert>{createSample.error.message}</FormAlert>}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Sampler" name="sampler" options={SAMPLERS} value={sampler} onChange={(event) => setSampler(event.target.value as typeof sampler)} />
        <TextField label="Sampling steps" name="sampleSteps" type="number" value={steps} error={errors.steps} onChange={(event) => setSteps(event.target.value)} />
        {imageModel ? (
          <p className="self-end text-sm text-slate-600">An 8×8 grid of {IMAGE_GRID_SAMPLES} images.</p>
        ) : (
          <TextField label="Points" name="sampleCount" type="number" value={count} error={errors.count} onChange={(event) => setCount(event.target.value)} />
        )}
      </div>
      <button type="submit" disabled={!parsed.success || createSample.isPending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        Sample
      </button>
    </form>
  );
}
