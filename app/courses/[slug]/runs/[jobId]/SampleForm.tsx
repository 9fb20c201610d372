"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SAMPLERS, sampleConfigSchema } from "~/gpu-worker/contracts/jobs";
import { FormAlert, TextField } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { fieldErrors, numberOrBlank } from "../config-form";
import { SelectField } from "../SelectField";

const DEFAULTS = sampleConfigSchema.parse({});

/** Queues sampling from a finished training run. */
export function SampleForm({ courseId, courseSlug, sourceJobId }: { courseId: string; courseSlug: string; sourceJobId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [sampler, setSampler] = useState(DEFAULTS.sampler);
  const [steps, setSteps] = useState(String(DEFAULTS.steps));
  const [count, setCount] = useState(String(DEFAULTS.count));
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
        <TextField label="Points" name="sampleCount" type="number" value={count} error={errors.count} onChange={(event) => setCount(event.target.value)} />
      </div>
      <button type="submit" disabled={!parsed.success || createSample.isPending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        Sample
      </button>
    </form>
  );
}
