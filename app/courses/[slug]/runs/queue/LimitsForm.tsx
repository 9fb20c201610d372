"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { courseJobLimitsSchema, type CourseJobLimits } from "~/gpu-worker/contracts/jobs";
import { FormAlert, TextField } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { fieldErrors, numberOrBlank } from "../config-form";

const LIMIT_LABELS: Record<keyof CourseJobLimits, string> = {
  maxTrainSteps: "Training steps per run",
  maxBatchSize: "Batch size",
  maxHiddenWidth: "Hidden width",
  maxDepth: "Hidden layers",
  maxUnetWidth: "UNet width (images)",
  maxSampleCount: "Points per sample",
  maxConcurrentJobsPerUser: "Jobs at a time per student",
  maxConcurrentJobsPerTeam: "Jobs at a time per team",
  gpuMinutesPerUserPerDay: "GPU minutes per student per 24 h",
  gpuMinutesPerTeam: "GPU minutes per team (course total)",
  maxJobMinutes: "Minutes one job may run",
  maxSampleSteps: "Sampler steps",
  maxEvaluationImages: "Images per evaluation setting",
};
const LIMIT_KEYS = Object.keys(LIMIT_LABELS) as (keyof CourseJobLimits)[];

/** Instructors set the course's job limits; new jobs are checked against them. */
export function LimitsForm({ courseId, limits }: { courseId: string; limits: CourseJobLimits }) {
  const trpc = useTRPC();
  const [values, setValues] = useState(() => Object.fromEntries(LIMIT_KEYS.map((key) => [key, String(limits[key])])) as Record<keyof CourseJobLimits, string>);
  const updateLimits = useMutation(trpc.job.updateLimits.mutationOptions());
  const parsed = courseJobLimitsSchema.safeParse(Object.fromEntries(LIMIT_KEYS.map((key) => [key, numberOrBlank(values[key])])));
  const errors = fieldErrors(parsed, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (parsed.success) updateLimits.mutate({ courseId, limits: parsed.data });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="limits-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="limits-heading" className="text-lg font-semibold">Job limits</h2>
      {updateLimits.isError && <FormAlert>{updateLimits.error.message}</FormAlert>}
      <div className="grid gap-4 sm:grid-cols-2">
        {LIMIT_KEYS.map((key) => (
          <TextField key={key} id={key} name={key} label={LIMIT_LABELS[key]} type="number" value={values[key]} error={errors[key]}
            onChange={(event) => setValues({ ...values, [key]: event.target.value })} />
        ))}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={!parsed.success || updateLimits.isPending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          Save limits
        </button>
        <span aria-live="polite" className="text-sm text-emerald-700">{updateLimits.isSuccess ? "Saved" : ""}</span>
      </div>
    </form>
  );
}
