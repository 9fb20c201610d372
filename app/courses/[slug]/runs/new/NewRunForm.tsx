"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  DATASETS,
  IMAGE_GRID_SAMPLES,
  isImageDataset,
  NOISE_SCHEDULES,
  POINTS_FILE_DATASET,
  PREDICTION_TYPES,
  trainConfigSchema,
  trainLimitViolations,
  UNET_NORM_GROUPS,
  type CourseJobLimits,
  type Dataset,
} from "~/gpu-worker/contracts/jobs";
import { TRAIN_DEFAULTS_BY_DATASET } from "~/gpu-worker/contracts/train-defaults";
import { FormAlert, SubmitButton, TextField } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { fieldErrors, numberOrBlank } from "../config-form";
import { SelectField } from "../SelectField";
import { PointsFileField, type PointsUpload } from "./PointsFileField";

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

/** The fields whose defaults depend on the data set (the table the CLI reads too), as the form shows them. */
const datasetNumbers = (dataset: Dataset) => {
  const defaults = TRAIN_DEFAULTS_BY_DATASET[dataset];
  return {
    steps: String(defaults.steps),
    batchSize: String(defaults.batchSize),
    learningRate: String(defaults.learningRate),
    checkpointEvery: String(defaults.checkpointEvery),
  };
};

const initialNumbers: Record<NumberField, string> = {
  ...datasetNumbers(DEFAULTS.toy.dataset),
  "model.hidden": String(DEFAULTS.toy.model.hidden),
  "model.depth": String(DEFAULTS.toy.model.depth),
  "model.baseChannels": String(DEFAULTS.image.model.baseChannels),
  timesteps: String(DEFAULTS.toy.timesteps),
  seed: String(DEFAULTS.toy.seed),
};

const TOY_DESCRIPTION = "A 2D toy data set: trains a time-conditioned MLP in seconds. Chamfer distance and MMD are measured in the standardized space the model trains in (each axis mean 0, std 1).";
const DATASET_DESCRIPTIONS: Partial<Record<Dataset, string>> & Record<DataKind, string> = {
  toy: TOY_DESCRIPTION,
  image: "Fashion-MNIST: 28×28 clothing images, trained with a small UNet. The default run takes a few minutes on a CPU worker.",
  swiss_roll_hole:
    "The course assignment's swiss roll: scikit-learn's make_swiss_roll(noise=0, hole=True), columns x and z, scaled as (X − mean) / std × 2 with one mean and std. Chamfer distance and MMD are measured in that space, where full marks need Chamfer < 20.",
  [POINTS_FILE_DATASET]: "Your own 2D points from a file. The model trains on them standardized per axis; samples, Chamfer distance and MMD are in the file's own coordinates.",
};

export function NewRunForm({ courseId, courseSlug, limits }: { courseId: string; courseSlug: string; limits: CourseJobLimits }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choices, setChoices] = useState({ dataset: DEFAULTS.toy.dataset, schedule: DEFAULTS.toy.schedule, prediction: DEFAULTS.toy.prediction });
  const [numbers, setNumbers] = useState(initialNumbers);
  const [upload, setUpload] = useState<PointsUpload | null>(null);
  const createTraining = useMutation(trpc.job.createTraining.mutationOptions());
  const kind = kindOf(choices.dataset);
  const { evaluation } = DEFAULTS[kind];

  function chooseDataset(dataset: Dataset) {
    setChoices({ ...choices, dataset });
    // Fields still at the previous data set's defaults take the new one's; edited ones stay.
    const [previous, next] = [datasetNumbers(choices.dataset), datasetNumbers(dataset)];
    const keys = Object.keys(next) as (keyof typeof next)[];
    setNumbers({ ...numbers, ...Object.fromEntries(keys.filter((key) => numbers[key] === previous[key]).map((key) => [key, next[key]])) });
  }

  const fileRun = choices.dataset === POINTS_FILE_DATASET;
  const candidate = {
    ...choices,
    ...(fileRun && upload ? { dataFile: { name: upload.name, count: upload.count } } : {}),
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
    const dataFile = fileRun && upload ? { name: upload.name, base64: upload.base64 } : undefined;
    const { id } = await createTraining.mutateAsync({ courseId, config: parsed.data, dataFile });
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
      <p id="dataset-description" aria-live="polite" className="text-sm text-slate-600">{DATASET_DESCRIPTIONS[choices.dataset] ?? DATASET_DESCRIPTIONS[kind]}</p>
      {fileRun && <PointsFileField error={errors.dataFile} onChange={setUpload} />}
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
