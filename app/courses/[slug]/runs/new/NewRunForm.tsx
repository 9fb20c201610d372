"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  NOISE_SCHEDULES,
  PREDICTION_TYPES,
  TOY_DATASETS,
  trainConfigSchema,
  trainLimitViolations,
  type CourseJobLimits,
} from "~/gpu-worker/contracts/jobs";
import { FormAlert, SubmitButton, TextField } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { fieldErrors, numberOrBlank } from "../config-form";
import { SelectField } from "../SelectField";

const DEFAULTS = trainConfigSchema.parse({});

const NUMBER_FIELDS = [
  { name: "steps", label: "Training steps", hint: (l: CourseJobLimits) => `At most ${l.maxTrainSteps} in this course.` },
  { name: "batchSize", label: "Batch size", hint: (l: CourseJobLimits) => `At most ${l.maxBatchSize}.` },
  { name: "learningRate", label: "Learning rate", hint: () => "Peak rate: warmup, then cosine decay." },
  { name: "model.hidden", label: "Hidden width", hint: (l: CourseJobLimits) => `At most ${l.maxHiddenWidth}.` },
  { name: "model.depth", label: "Hidden layers", hint: (l: CourseJobLimits) => `At most ${l.maxDepth}.` },
  { name: "timesteps", label: "Diffusion timesteps (T)", hint: () => "Length of the noise schedule." },
  { name: "seed", label: "Seed", hint: () => "Same seed and config, same run." },
  { name: "checkpointEvery", label: "Checkpoint every (steps)", hint: () => "A run that loses its worker resumes from here." },
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number]["name"];

const initialNumbers: Record<NumberField, string> = {
  steps: String(DEFAULTS.steps),
  batchSize: String(DEFAULTS.batchSize),
  learningRate: String(DEFAULTS.learningRate),
  "model.hidden": String(DEFAULTS.model.hidden),
  "model.depth": String(DEFAULTS.model.depth),
  timesteps: String(DEFAULTS.timesteps),
  seed: String(DEFAULTS.seed),
  checkpointEvery: String(DEFAULTS.checkpointEvery),
};

export function NewRunForm({ courseId, courseSlug, limits }: { courseId: string; courseSlug: string; limits: CourseJobLimits }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choices, setChoices] = useState({ dataset: DEFAULTS.dataset, schedule: DEFAULTS.schedule, prediction: DEFAULTS.prediction });
  const [numbers, setNumbers] = useState(initialNumbers);
  const createTraining = useMutation(trpc.job.createTraining.mutationOptions());

  const candidate = {
    ...choices,
    steps: numberOrBlank(numbers.steps),
    batchSize: numberOrBlank(numbers.batchSize),
    learningRate: numberOrBlank(numbers.learningRate),
    model: { hidden: numberOrBlank(numbers["model.hidden"]), depth: numberOrBlank(numbers["model.depth"]) },
    timesteps: numberOrBlank(numbers.timesteps),
    seed: numberOrBlank(numbers.seed),
    checkpointEvery: numberOrBlank(numbers.checkpointEvery),
  };
  const parsed = trainConfigSchema.safeParse(candidate);
  const errors = fieldErrors(parsed, parsed.success ? trainLimitViolations(parsed.data, limits) : []);
  const valid = Object.keys(errors).length === 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!parsed.success || !valid) return;
    const { id } = await createTraining.mutateAsync({ courseId, config: parsed.data });
    router.push(`/courses/${courseSlug}/runs/${id}`);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      {createTraining.isError && <FormAlert>{createTraining.error.message}</FormAlert>}
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Data set" name="dataset" options={TOY_DATASETS} value={choices.dataset}
          onChange={(event) => setChoices({ ...choices, dataset: event.target.value as typeof choices.dataset })} />
        <SelectField label="Noise schedule" name="schedule" options={NOISE_SCHEDULES} value={choices.schedule}
          onChange={(event) => setChoices({ ...choices, schedule: event.target.value as typeof choices.schedule })} />
        <SelectField label="Prediction type" name="prediction" options={PREDICTION_TYPES} value={choices.prediction}
          onChange={(event) => setChoices({ ...choices, prediction: event.target.value as typeof choices.prediction })} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {NUMBER_FIELDS.map(({ name, label, hint }) => (
          <TextField
            key={name}
            id={name}
            name={name}
            label={label}
            hint={hint(limits)}
            type="number"
            inputMode="decimal"
            step="any"
            value={numbers[name]}
            error={errors[name]}
            onChange={(event) => setNumbers({ ...numbers, [name]: event.target.value })}
          />
        ))}
      </div>
      <p className="text-sm text-slate-600">
        When training ends, {DEFAULTS.evaluation.count} points are sampled with DDIM ({DEFAULTS.evaluation.steps} steps) for the scatter plot,
        Chamfer distance and MMD.
      </p>
      <SubmitButton busy={createTraining.isPending || createTraining.isSuccess}>Start training</SubmitButton>
    </form>
  );
}
