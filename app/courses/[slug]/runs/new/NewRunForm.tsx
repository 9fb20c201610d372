"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  DATASETS,
  IMAGE_GRID_SAMPLES,
  isImageDataset,
  NOISE_SCHEDULES,
  PREDICTION_TYPES,
  trainConfigSchema,
  trainLimitViolations,
  UNET_NORM_GROUPS,
  type CourseJobLimits,
  type Dataset,
} from "~/gpu-worker/contracts/jobs";
import { FormAlert, SubmitButton, TextField } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { fieldErrors, numberOrBlank } from "../config-form";
import { SelectField } from "../SelectField";

type DataKind = "toy" | "image";
const kindOf = (dataset: Dataset): DataKind => (isImageDataset(dataset) ? "image" : "toy");

const DEFAULTS = { toy: trainConfigSchema.parse({}), image: trainConfigSchema.parse({ dataset: "fashion_mnist" }) };

/** `only`: the fields of one model kind (the MLP's for the 2D toys, the UNet's for images). */
const NUMBER_FIELDS = [
  { name: "steps", label: "Training steps", hint: (l: CourseJobLimits) => `At most ${l.maxTrainSteps} in this course.` },
  { name: "batchSize", label: "Batch size", hint: (l: CourseJobLimits) => `At most ${l.maxBatchSize}.` },
  { name: "learningRate", label: "Learning rate", hint: () => "Peak rate: warmup, then cosine decay." },
  { name: "model.hidden", label: "Hidden width", hint: (l: CourseJobLimits) => `At most ${l.maxHiddenWidth}.`, only: "toy" },
  { name: "model.depth", label: "Hidden layers", hint: (l: CourseJobLimits) => `At most ${l.maxDepth}.`, only: "toy" },
  {
    name: "model.baseChannels",
    label: "UNet width (base channels)",
    hint: (l: CourseJobLimits) => `A multiple of ${UNET_NORM_GROUPS}, at most ${l.maxUnetWidth}. Compute grows about with its square.`,
    only: "image",
  },
  { name: "timesteps", label: "Diffusion timesteps (T)", hint: () => "Length of the noise schedule." },
  { name: "seed", label: "Seed", hint: () => "Same seed and config, same run." },
  { name: "checkpointEvery", label: "Checkpoint every (steps)", hint: () => "A run that loses its worker resumes from here." },
] as const satisfies readonly { name: string; label: string; hint: (l: CourseJobLimits) => string; only?: DataKind }[];
type NumberField = (typeof NUMBER_FIELDS)[number]["name"];

/** The fields whose defaults differ between the kinds, as the form shows them. */
const kindNumbers = (kind: DataKind) => ({
  steps: String(DEFAULTS[kind].steps),
  batchSize: String(DEFAULTS[kind].batchSize),
  learningRate: String(DEFAULTS[kind].learningRate),
  checkpointEvery: String(DEFAULTS[kind].checkpointEvery),
});

const initialNumbers: Record<NumberField, string> = {
  ...kindNumbers("toy"),
  "model.hidden": String(DEFAULTS.toy.model.hidden),
  "model.depth": String(DEFAULTS.toy.model.depth),
  "model.baseChannels": String(DEFAULTS.image.model.baseChannels),
  timesteps: String(DEFAULTS.toy.timesteps),
  seed: String(DEFAULTS.toy.seed),
};

const DATASET_DESCRIPTIONS: Record<DataKind, string> = {
  toy: "A 2D toy data set: trains a time-conditioned MLP in seconds.",
  image: "Fashion-MNIST: 28×28 clothing images, trained with a small UNet. The default run takes a few minutes on a CPU worker.",
};

export function NewRunForm({ courseId, courseSlug, limits }: { courseId: string; courseSlug: string; limits: CourseJobLimits }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choices, setChoices] = useState({ dataset: DEFAULTS.toy.dataset, schedule: DEFAULTS.toy.schedule, prediction: DEFAULTS.toy.prediction });
  const [numbers, setNumbers] = useState(initialNumbers);
  const createTraining = useMutation(trpc.job.createTraining.mutationOptions());
  const kind = kindOf(choices.dataset);
  const { evaluation } = DEFAULTS[kind];

  function chooseDataset(dataset: Dataset) {
    setChoices({ ...choices, dataset });
    // Switching between points and images switches the defaults that suit each model.
    if (kindOf(dataset) !== kind) setNumbers({ ...numbers, ...kindNumbers(kindOf(dataset)) });
  }

  const candidate = {
    ...choices,
    steps: numberOrBlank(numbers.steps),
    batchSize: numberOrBlank(numbers.batchSize),
    learningRate: numberOrBlank(numbers.learningRate),
    model:
      kind === "image"
        ? { baseChannels: numberOrBlank(numbers["model.baseChannels"]) }
        : { hidden: numberOrBlank(numbers["model.hidden"]), depth: numberOrBlank(numbers["model.depth"]) },
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
        <SelectField label="Data set" name="dataset" options={DATASETS} value={choices.dataset} aria-describedby="dataset-description"
          onChange={(event) => chooseDataset(event.target.value as Dataset)} />
        <SelectField label="Noise schedule" name="schedule" options={NOISE_SCHEDULES} value={choices.schedule}
          onChange={(event) => setChoices({ ...choices, schedule: event.target.value as typeof choices.schedule })} />
        <SelectField label="Prediction type" name="prediction" options={PREDICTION_TYPES} value={choices.prediction}
          onChange={(event) => setChoices({ ...choices, prediction: event.target.value as typeof choices.prediction })} />
      </div>
      <p id="dataset-description" aria-live="polite" className="text-sm text-slate-600">{DATASET_DESCRIPTIONS[kind]}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        {NUMBER_FIELDS.filter((field) => !("only" in field) || field.only === kind).map(({ name, label, hint }) => (
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
        {kind === "image"
          ? `When training ends, ${IMAGE_GRID_SAMPLES} images are sampled with DDIM (${evaluation.steps} steps) for the image grid and a denoising progression; evaluate the run afterwards for its image quality.`
          : `When training ends, ${evaluation.count} points are sampled with DDIM (${evaluation.steps} steps) for the scatter plot, Chamfer distance and MMD.`}
      </p>
      <SubmitButton busy={createTraining.isPending || createTraining.isSuccess}>Start training</SubmitButton>
    </form>
  );
}
